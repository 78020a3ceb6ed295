/**
 * @module The one scrubber of text that leaves the process. Configured secrets (EM password, API keys,
 * page-token key), the EM username and the EM session tokens seen on the wire are registered here
 * (`shared/runtime.ts`, the secret readers, the EM transport) and removed by `scrub()` from every
 * problem `detail` (`shared/http/problem.ts`) and anything else sent out. Logs keep the whole text.
 *
 * One process-wide registry, because the values are learnt deep inside the EM client (a logon token)
 * and at run time (a rotated secret); registering more than one runtime's values only scrubs more.
 */

/** What a removed value becomes. */
export const REDACTED = '[redacted]'

/** Shorter values are not scrubbed: replacing every "ab" would garble text and protect nothing. */
const MIN_LENGTH = 4
/** Session tokens are ephemeral: the most recent ones are kept (a bounded set, not a growing one). */
const MAX_TOKENS = 64

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export interface Scrubber {
  /** A secret value (password, API key, HMAC key): removed exactly and in its URL-encoded form. */
  addSecret(value: string | undefined): void
  /** The EM account: removed case-insensitively, also its bare name (`DOMAIN\name`, `name@domain`). */
  addUsername(value: string | undefined): void
  /** The Basic credentials of a logon (`user:password`, base64): removed in their encoded form. */
  addBasic(username: string, password: string): void
  /** An EM session token seen on the wire (the most recent `MAX_TOKENS` are kept). */
  addToken(value: string | undefined): void
  /** `text` with every registered value replaced by `[redacted]`. */
  scrub(text: string): string
}

export const createScrubber = (): Scrubber => {
  const exact = new Set<string>()
  const folded = new Set<string>()
  const tokens = new Set<string>()
  let pattern: RegExp | null = null
  let dirty = true

  const add = (into: Set<string>, value: string | undefined): void => {
    if (value === undefined || value.length < MIN_LENGTH || into.has(value)) return
    into.add(value)
    dirty = true
  }
  const compile = (): RegExp | null => {
    if (!dirty) return pattern
    dirty = false
    // Longest first, so a value that contains another is removed whole. Case-insensitive matching is
    // applied to every alternative: a secret differing only in case from text in a message is still
    // removed, which errs on the side of removing too much.
    const all = [...new Set([...exact, ...tokens, ...folded])].sort((a, b) => b.length - a.length)
    pattern = all.length === 0 ? null : new RegExp(all.map(escapeRegExp).join('|'), 'gi')
    return pattern
  }

  return {
    addSecret(value) {
      if (value === undefined) return
      add(exact, value)
      add(exact, encodeURIComponent(value))
      add(exact, JSON.stringify(value).slice(1, -1))
    },
    addUsername(value) {
      if (value === undefined) return
      add(folded, value)
      add(folded, value.replaceAll('\\', '\\\\'))
      const bare = value.split('\\').pop()?.split('@')[0]
      add(folded, bare)
    },
    addBasic(username, password) {
      add(exact, Buffer.from(`${username}:${password}`, 'utf8').toString('base64'))
    },
    addToken(value) {
      if (value === undefined || value.length < MIN_LENGTH || tokens.has(value)) return
      tokens.add(value)
      if (tokens.size > MAX_TOKENS) {
        const oldest = tokens.values().next().value
        if (oldest !== undefined) tokens.delete(oldest)
      }
      dirty = true
    },
    scrub(text) {
      const p = compile()
      return p === null ? text : text.replace(p, REDACTED)
    },
  }
}

/** The process-wide scrubber. */
export const scrubber: Scrubber = createScrubber()

/** Scrubs `text` with the process-wide scrubber (the function the renderers call). */
export const scrub = (text: string): string => scrubber.scrub(text)

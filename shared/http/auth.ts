/**
 * @module Bearer API-key authentication for `/v1`. Runs before anything else on those routes:
 * a request with no key and bad parameters is a 401, and nothing reaches EM. Keys are compared in
 * constant time (fixed-length digests, every key compared, no early exit) and never logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { KeysUnavailableError, UnauthorizedError } from './errors'

/** Where the accepted keys come from (env locally, the Secrets Manager secret when deployed). */
export type ApiKeySource = () => Promise<readonly string[]>

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()

/** True when `candidate` equals one of `keys`; time does not depend on which key or where they differ. */
export const matchesKey = (candidate: string, keys: readonly string[]): boolean => {
  const c = digest(candidate)
  let ok = false
  for (const key of keys) {
    // Non-short-circuit OR: every key is compared whatever the outcome.
    ok = timingSafeEqual(c, digest(key)) || ok
  }
  return ok
}

// The scheme is case-insensitive (RFC 9110 §11.1); the key is printable ASCII.
const BEARER = /^Bearer[ ]+([\x21-\x7e]{1,512})[ ]*$/i

export const bearerAuth =
  (keys: ApiKeySource): MiddlewareHandler =>
  async (c, next) => {
    const header = c.req.header('authorization')
    const m = header === undefined ? null : BEARER.exec(header)
    const candidate = m?.[1]
    if (candidate === undefined) throw new UnauthorizedError()
    let accepted: readonly string[]
    try {
      accepted = await keys()
    } catch (cause) {
      // Keys live in the secret: when it cannot be read no key can be checked. Say so without
      // telling an unauthenticated caller why (the log has the cause).
      throw new KeysUnavailableError({ cause })
    }
    if (accepted.length === 0) {
      // Fail closed: with no keys configured, no call is let in (there is no fallback key).
      throw new UnauthorizedError('No API keys are configured for this deployment')
    }
    if (!matchesKey(candidate, accepted)) throw new UnauthorizedError()
    await next()
  }

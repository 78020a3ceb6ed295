/**
 * @module Bearer API-key authentication for `/v1`. Runs before anything else on those routes:
 * a request with no key and bad parameters is a 401, and nothing reaches EM. Keys are compared in
 * constant time (fixed-length digests, every key compared, no early exit) and never logged; the
 * accepted key's short id (`keyIdOf`) is set on the context for the request log line. Every refusal
 * says the same thing, so an unauthenticated caller learns nothing of the configuration.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { KeysUnavailableError, UnauthorizedError } from './errors'
import { keyIdOfDigest } from './key-id'

/** Where the accepted keys come from (env locally, the Secrets Manager secret when deployed). */
export type ApiKeySource = () => Promise<readonly string[]>

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()

/** Keys whose digest is kept (the configured keys are a few; a rotation adds some, then it starts over). */
const MAX_KEY_DIGESTS = 64
const keyDigests = new Map<string, Buffer>()

/** A configured key's digest, computed once per process (not once per request). */
const keyDigest = (key: string): Buffer => {
  let d = keyDigests.get(key)
  if (d === undefined) {
    if (keyDigests.size >= MAX_KEY_DIGESTS) keyDigests.clear()
    d = digest(key)
    keyDigests.set(key, d)
  }
  return d
}

/** True when the candidate's digest equals one of `keys`'; time does not depend on which key or where they differ. */
const matchesDigest = (c: Buffer, keys: readonly string[]): boolean => {
  let ok = false
  for (const key of keys) {
    // Non-short-circuit OR: every key is compared whatever the outcome.
    ok = timingSafeEqual(c, keyDigest(key)) || ok
  }
  return ok
}

/** True when `candidate` equals one of `keys`; time does not depend on which key or where they differ. */
export const matchesKey = (candidate: string, keys: readonly string[]): boolean =>
  matchesDigest(digest(candidate), keys)

// The scheme is case-insensitive (RFC 9110 §11.1); the key is printable ASCII.
const BEARER = /^Bearer[ ]+([\x21-\x7e]{1,512})[ ]*$/i

export interface AuthOptions {
  /** Called when no key is configured at all (every call is refused): the log says why, the caller does not. */
  readonly onNoKeys?: () => void
}

/**
 * Checks the request's bearer key; on success sets `keyId` on the context.
 * @throws UnauthorizedError (401) for a missing or wrong key, or when none is configured;
 *   KeysUnavailableError (503) when the keys cannot be read.
 */
export const authenticate = async (c: Context, keys: ApiKeySource, opts: AuthOptions = {}): Promise<void> => {
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
    // Fail closed: with no keys configured, no call is let in (there is no fallback key). The
    // answer is the plain 401 (a stranger must not learn the deployment has no keys).
    opts.onNoKeys?.()
    throw new UnauthorizedError()
  }
  const d = digest(candidate)
  if (!matchesDigest(d, accepted)) throw new UnauthorizedError()
  c.set('keyId', keyIdOfDigest(d))
}

export const bearerAuth =
  (keys: ApiKeySource, opts: AuthOptions = {}): MiddlewareHandler =>
  async (c, next) => {
    await authenticate(c, keys, opts)
    await next()
  }

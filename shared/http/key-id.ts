/**
 * @module A short, non-reversible id of an API key for log lines: the first 8 hex digits of its
 * SHA-256. Enough to tell keys apart in logs, never enough to recover or replay the key.
 */
import { createHash } from 'node:crypto'

export const keyIdOf = (key: string): string =>
  keyIdOfDigest(createHash('sha256').update(key, 'utf8').digest())

/** `keyIdOf` from the key's SHA-256 already computed (authentication has it). */
export const keyIdOfDigest = (sha256: Buffer): string => sha256.toString('hex', 0, 4)

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `bearerAuth` once a key is accepted: `keyIdOf(key)`. */
    keyId: string
  }
}

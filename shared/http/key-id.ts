/**
 * @module A short, non-reversible id of an API key for log lines: the first 8 hex digits of its
 * SHA-256. Enough to tell keys apart in logs, never enough to recover or replay the key.
 */
import { createHash } from 'node:crypto'

export const keyIdOf = (key: string): string =>
  createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 8)

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `bearerAuth` once a key is accepted: `keyIdOf(key)`. */
    keyId: string
  }
}

/**
 * @module Credentials that never change (local use, tests): the `CredentialsProvider` for a fixed
 * URL, user and password. Deployed, `shared/config/secret-credentials.ts` provides them from Secrets Manager.
 */
import type { CredentialsProvider, EmCredentials } from './types'

/**
 * A provider that always answers the same credentials; `invalidate()` is a no-op.
 * @example createEmClient({ credentials: staticCredentials({ url, username, password }), timeoutMs: 10_000 })
 */
export function staticCredentials(c: EmCredentials): CredentialsProvider {
  const value = Promise.resolve(c)
  return {
    get: () => value,
    invalidate: () => undefined,
  }
}

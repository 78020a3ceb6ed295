/**
 * @module EM credentials from an AWS Secrets Manager secret (deployed use), read and cached by
 * `cached-secret.ts`. `invalidate()` (called when EM rejects the credentials at logon) makes the next
 * `get()` read the secret again, so a rotated password is picked up without a redeploy.
 */
import { EmConfigError } from '../em/errors'
import type { CredentialsProvider } from '../em/types'
import { createCachedSecret } from './cached-secret'
import { parseSecretString, type EmSecretValue } from './secret-schema'

export interface SecretCredentialsOptions {
  /** Secret name or ARN. */
  readonly secretId: string
  /** How long a read value is reused, in ms (0: read on every `get()` not joining an in-flight read). */
  readonly ttlMs: number
  /** Deployed: an `http://` URL is refused (Basic credentials would cross the network in clear). */
  readonly requireHttps?: boolean
  /** Clock, for tests (default `Date.now`). */
  readonly now?: () => number
}

/**
 * A `CredentialsProvider` backed by Secrets Manager. Concurrent `get()` calls share one read; a
 * failed read is not cached; failures are `EmConfigError` (503) and one log line naming the cause.
 *
 * @example
 * const credentials = createSecretCredentials({ secretId: config.em.secretId, ttlMs: config.em.secretTtlMs })
 * const { url, username, password } = await credentials.get()
 */
export const createSecretCredentials = (opts: SecretCredentialsOptions): CredentialsProvider<EmSecretValue> =>
  createCachedSecret({
    secretId: opts.secretId,
    ttlMs: opts.ttlMs,
    label: 'EM secret',
    ...(opts.now ? { now: opts.now } : {}),
    parse: (text) => {
      const c = parseSecretString(text)
      if (opts.requireHttps === true && !c.url.startsWith('https://'))
        throw new EmConfigError('Secret field "url" must be https:// when deployed')
      return c
    },
  })

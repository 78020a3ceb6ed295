/**
 * @module EM credentials from an AWS Secrets Manager secret (deployed use). The SDK is imported on
 * first use, so a Lambda cold start does not pay for it until a request needs EM; the client is
 * created once per process. The parsed value is cached with a TTL across warm invocations, and
 * `invalidate()` (called when EM rejects the credentials at logon) makes the next `get()` read the
 * secret again, so a rotated password is picked up without a redeploy. Errors and log lines name the
 * failing field or AWS error type, never a value.
 */
import type { GetSecretValueCommandOutput, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { EmConfigError } from '../em/errors'
import type { CredentialsProvider, EmCredentials } from '../em/types'
import { logger } from '../observability/logger'
import { parseSecretString } from './secret-schema'

interface Sdk {
  readonly client: SecretsManagerClient
  readonly getSecretValue: (secretId: string) => Promise<GetSecretValueCommandOutput>
}

// One client per process (Lambda execution environment), created on first use.
let sdk: Promise<Sdk> | undefined

const loadSdk = (): Promise<Sdk> => {
  sdk ??= import('@aws-sdk/client-secrets-manager').then((m) => {
    // Region, credentials and AWS_ENDPOINT_URL_SECRETS_MANAGER come from the environment (SDK defaults).
    const client = new m.SecretsManagerClient({
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 5_000 },
    })
    return {
      client,
      getSecretValue: (secretId) => client.send(new m.GetSecretValueCommand({ SecretId: secretId })),
    }
  })
  // A failed import is not kept: the next call tries again.
  sdk.catch(() => {
    sdk = undefined
  })
  return sdk
}

/** Names an AWS SDK failure by its error type (`ResourceNotFoundException`, …) or network code. */
const awsErrorType = (error: unknown): string => {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code
    if (error.name !== 'Error') return error.name
    if (typeof code === 'string') return code
  }
  return 'UnknownError'
}

const readSecret = async (secretId: string): Promise<EmCredentials> => {
  const { getSecretValue } = await loadSdk()
  let output: GetSecretValueCommandOutput
  try {
    output = await getSecretValue(secretId)
  } catch (cause) {
    throw new EmConfigError(`Could not read the EM secret: ${awsErrorType(cause)}`, { cause })
  }
  if (typeof output.SecretString !== 'string') {
    throw new EmConfigError('The EM secret has no SecretString (a JSON text is expected)')
  }
  return parseSecretString(output.SecretString)
}

export interface SecretCredentialsOptions {
  /** Secret name or ARN. */
  readonly secretId: string
  /** How long a read value is reused, in ms (0: read on every `get()` not joining an in-flight read). */
  readonly ttlMs: number
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
export const createSecretCredentials = (opts: SecretCredentialsOptions): CredentialsProvider => {
  const now = opts.now ?? Date.now
  let cached: { readonly value: EmCredentials; readonly expiresAt: number } | undefined
  let inFlight: Promise<EmCredentials> | undefined
  // Bumped by invalidate(): a read started before it must not fill the cache after it.
  let generation = 0

  const startRead = (): Promise<EmCredentials> => {
    const started = generation
    const read = readSecret(opts.secretId).then(
      (value) => {
        if (started === generation) cached = { value, expiresAt: now() + opts.ttlMs }
        return value
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : 'unknown error'
        logger.error('EM secret could not be read', { secretId: opts.secretId, reason })
        throw error instanceof EmConfigError
          ? error
          : new EmConfigError(`Could not read the EM secret: ${awsErrorType(error)}`, { cause: error })
      }
    )
    const settled = read.finally(() => {
      if (inFlight === settled) inFlight = undefined
    })
    inFlight = settled
    return settled
  }

  return {
    get: () => {
      if (cached !== undefined && now() < cached.expiresAt) return Promise.resolve(cached.value)
      return inFlight ?? startRead()
    },
    invalidate: () => {
      generation += 1
      cached = undefined
      inFlight = undefined
    },
  }
}

/**
 * @module A Secrets Manager secret read at run time and cached (deployed use). The SDK is imported on
 * first use, so a Lambda cold start does not pay for it until a request needs it; the client is
 * created once per process. The parsed value is cached with a TTL across warm invocations; concurrent
 * reads share one; a failed read is not cached; `invalidate()` makes the next `get()` read again.
 * Errors and log lines name the failing field or AWS error type, never a value.
 */
import type { GetSecretValueCommandOutput, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { EmConfigError } from '../em/errors'
import { logger } from '../observability/logger'

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
export const awsErrorType = (error: unknown): string => {
  if (error instanceof Error) {
    const code = 'code' in error ? error.code : undefined
    if (error.name !== 'Error') return error.name
    if (typeof code === 'string') return code
  }
  return 'UnknownError'
}

export interface CachedSecretOptions<T> {
  /** Secret name or ARN. */
  readonly secretId: string
  /** How long a read value is reused, in ms (0: read on every `get()` not joining an in-flight read). */
  readonly ttlMs: number
  /** Parses the SecretString; throws `EmConfigError` naming the field (never the value). */
  readonly parse: (text: string) => T
  /** What the secret is, for messages (`EM secret`, `API secret`). */
  readonly label: string
  /** Clock, for tests (default `Date.now`). */
  readonly now?: () => number
}

export interface CachedSecret<T> {
  get(): Promise<T>
  invalidate(): void
}

export const createCachedSecret = <T>(opts: CachedSecretOptions<T>): CachedSecret<T> => {
  const now = opts.now ?? Date.now
  let cached: { readonly value: T; readonly expiresAt: number } | undefined
  let inFlight: Promise<T> | undefined
  // Bumped by invalidate(): a read started before it must not fill the cache after it.
  let generation = 0

  const read = async (): Promise<T> => {
    const { getSecretValue } = await loadSdk()
    let output: GetSecretValueCommandOutput
    try {
      output = await getSecretValue(opts.secretId)
    } catch (cause) {
      throw new EmConfigError(`Could not read the ${opts.label}: ${awsErrorType(cause)}`, { cause })
    }
    if (typeof output.SecretString !== 'string') {
      throw new EmConfigError(`The ${opts.label} has no SecretString (a JSON text is expected)`)
    }
    return opts.parse(output.SecretString)
  }

  const startRead = (): Promise<T> => {
    const started = generation
    const reading = read().then(
      (value) => {
        if (started === generation) cached = { value, expiresAt: now() + opts.ttlMs }
        return value
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : 'unknown error'
        logger.error(`${opts.label} could not be read`, { secretId: opts.secretId, reason })
        throw error instanceof EmConfigError
          ? error
          : new EmConfigError(`Could not read the ${opts.label}: ${awsErrorType(error)}`, { cause: error })
      }
    )
    const settled = reading.finally(() => {
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

/**
 * @module The only reader of the environment. Parsed and validated once (per process or Lambda
 * cold start) and passed down as a typed object; tests pass a plain object instead of `process.env`.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { EM_PROTECTION_DEFAULTS } from '../em/protection/defaults'
import { DEFAULT_REPORT_CONCURRENCY } from '../reports/limiter'

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))

const csv = optionalString.transform((v) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
)

const EnvSchema = z.object({
  EM_URL: optionalString.pipe(z.url().optional()),
  EM_USERNAME: optionalString,
  EM_PASSWORD: optionalString,
  EM_SECRET_ID: optionalString,
  EM_CA_CERT: optionalString,
  EM_FORMAT: z.enum(['json', 'xml']).default('json'),
  EM_TIMEOUT_MS: z.coerce.number().int().min(100).max(28_000).default(10_000),
  EM_SECRET_TTL_MS: z.coerce.number().int().min(0).default(300_000),
  EM_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(EM_PROTECTION_DEFAULTS.maxConcurrency),
  EM_MAX_QUEUE: z.coerce.number().int().min(0).max(1000).default(EM_PROTECTION_DEFAULTS.maxQueue),
  EM_BREAKER_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(EM_PROTECTION_DEFAULTS.breakerFailures),
  EM_BREAKER_COOLDOWN_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(EM_PROTECTION_DEFAULTS.breakerCooldownMs),
  API_KEYS: csv,
  PAGE_TOKEN_KEY: optionalString,
  CORS_ORIGINS: csv,
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  REPORT_BUCKET: optionalString,
  REPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(DEFAULT_REPORT_CONCURRENCY),
  REPORT_TIME_BUDGET_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(14 * 60_000)
    .default(20_000),
  LOG_LEVEL: optionalString,
  EM_SIM_JSON_CASE: z.enum(['pascal', 'camel']).default('pascal'),
})

export interface AppConfig {
  readonly em: {
    /** EM base URL (`https://em:9398`); undefined locally means "start the embedded simulator". */
    readonly url: string | undefined
    readonly username: string | undefined
    readonly password: string | undefined
    /** Secrets Manager secret id; when set it wins over url/username/password. */
    readonly secretId: string | undefined
    /** PEM content (resolved from a path when EM_CA_CERT names a file). */
    readonly caCertificate: string | undefined
    readonly timeoutMs: number
    /** What the client asks EM for: JSON (EM ≥ 9.5 U4, faster) or XML (older servers). */
    readonly format: 'json' | 'xml'
    readonly secretTtlMs: number
    /** EM protection: exchanges at once per process, callers that may wait, breaker threshold and cool-down. */
    readonly maxConcurrency: number
    readonly maxQueue: number
    readonly breakerFailures: number
    readonly breakerCooldownMs: number
  }
  /** Keys accepted by `/v1` from the environment; undefined when API_KEYS is unset. */
  readonly apiKeys: readonly string[] | undefined
  /** HMAC key for page tokens; undefined means "derive one per process" (local use). */
  readonly pageTokenKey: string | undefined
  readonly corsOrigins: readonly string[]
  readonly port: number
  readonly reportBucket: string | undefined
  readonly reportConcurrency: number
  /** How long a report route may read EM before answering with what it has (`complete: false`). */
  readonly reportTimeBudgetMs: number
  readonly logLevel: string | undefined
  /** `npm start` without EM_URL: the embedded simulator's JSON key casing (EM ≤ 12 PascalCase, EM 13 camelCase). */
  readonly simulatorJsonCase: 'pascal' | 'camel'
}

export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ConfigError'
  }
}

/** Reads PEM content, or the file a path names. */
export const resolvePem = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined
  if (value.includes('-----BEGIN')) return value
  try {
    return readFileSync(value, 'utf8')
  } catch (cause) {
    throw new ConfigError('EM_CA_CERT is neither PEM content nor a readable file', { cause })
  }
}

export const loadConfig = (env: Record<string, string | undefined> = process.env): AppConfig => {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    // Name the variables, never echo their values.
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))]
    throw new ConfigError(`Invalid environment: ${names.join(', ')}`)
  }
  const e = parsed.data
  return {
    em: {
      url: e.EM_URL,
      username: e.EM_USERNAME,
      password: e.EM_PASSWORD,
      secretId: e.EM_SECRET_ID,
      caCertificate: resolvePem(e.EM_CA_CERT),
      timeoutMs: e.EM_TIMEOUT_MS,
      format: e.EM_FORMAT,
      secretTtlMs: e.EM_SECRET_TTL_MS,
      maxConcurrency: e.EM_MAX_CONCURRENCY,
      maxQueue: e.EM_MAX_QUEUE,
      breakerFailures: e.EM_BREAKER_FAILURES,
      breakerCooldownMs: e.EM_BREAKER_COOLDOWN_MS,
    },
    apiKeys: e.API_KEYS,
    pageTokenKey: e.PAGE_TOKEN_KEY,
    corsOrigins: e.CORS_ORIGINS ?? [],
    port: e.PORT,
    reportBucket: e.REPORT_BUCKET,
    reportConcurrency: e.REPORT_CONCURRENCY,
    reportTimeBudgetMs: e.REPORT_TIME_BUDGET_MS,
    logLevel: e.LOG_LEVEL,
    simulatorJsonCase: e.EM_SIM_JSON_CASE,
  }
}

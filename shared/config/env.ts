/**
 * @module The only reader of the environment. Parsed and validated once (per process or Lambda
 * cold start) and passed down as a typed object; tests pass a plain object instead of `process.env`.
 */
import { readFileSync } from 'node:fs'
import * as z from 'zod/mini'
import { EM_PROTECTION_DEFAULTS } from '../em/protection/defaults'
import { MIN_SECRET_LENGTH } from './api-secret'

/**
 * EM requests a report keeps in flight (REPORT_CONCURRENCY). Reading a 1,000-session page costs
 * ~25 ms of CPU here against ~100 ms of EM latency (and 1–3 s on a large real EM): 8 in flight keep
 * the CPU busy with room for slow pages (30-day scale-11 report, measured: 3.5–4.5 s at 8, 3.5–5.9 s
 * at 6, 18.6 s at 1), and equal EM_MAX_CONCURRENCY's default, the most one process sends EM.
 */
export const DEFAULT_REPORT_CONCURRENCY = 8

/** Hours after its end before a rolled day is final (ROLLUP_SETTLE_HOURS): EM may still change it. */
export const DEFAULT_ROLLUP_SETTLE_HOURS = 48

/** Days before today the hourly rollup run looks at (ROLLUP_LOOKBACK_DAYS). */
export const DEFAULT_ROLLUP_LOOKBACK_DAYS = 7
/** The events feed gives events at most this old (now − EVENTS_SETTLE_SECONDS), so a late EM write is not skipped. */
export const DEFAULT_EVENTS_SETTLE_SECONDS = 60

/** An events cursor older than this (EVENTS_MAX_AGE_DAYS) is a 410. */
export const DEFAULT_EVENTS_MAX_AGE_DAYS = 30

/** Reports one API key may run at once in one process (REPORTS_PER_KEY). */
export const DEFAULT_REPORTS_PER_KEY = 2

// zod/mini: the same checks as zod's classic API (one core), a fraction of its cost to build and to
// run once, and this schema is built and run at every cold start.

const optionalString = z.pipe(
  z.optional(z.string()),
  z.transform((v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
)

const csv = z.pipe(
  optionalString,
  z.transform((v: string | undefined) =>
    v === undefined
      ? undefined
      : v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
  )
)

const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true|yes|on)$/i.test(v)
const EMAIL_TRUE = /^(1|true|yes|on)$/i
const EMAIL_FALSE = /^(0|false|no|off)$/i

/** A yes/no switch; unset or empty is `false`, anything but the usual spellings is an error. */
const flag = z.pipe(
  optionalString,
  z.pipe(
    z.optional(
      z.pipe(
        z
          .string()
          .check(z.refine((v) => EMAIL_TRUE.test(v) || EMAIL_FALSE.test(v), 'expected true or false')),
        z.transform((v: string) => EMAIL_TRUE.test(v))
      )
    ),
    z.transform((v: boolean | undefined) => v ?? false)
  )
)

/** Comma-separated bare e-mail addresses (no display names: SES and the IAM condition see these). */
const addresses = z.pipe(csv, z.optional(z.array(z.email()).check(z.minLength(1))))

/** A number (`Number(text)`) passing `checks`, `fallback` when unset. */
const numberVar = (fallback: number, ...checks: z.core.$ZodCheck<number>[]) =>
  z._default(z.coerce.number().check(...checks), fallback)

/** An integer in [min, max], `fallback` when unset. */
const intVar = (min: number, max: number, fallback: number) =>
  numberVar(fallback, z.int(), z.gte(min), z.lte(max))

const EnvSchema = z.object({
  EM_URL: z.pipe(optionalString, z.optional(z.url())),
  EM_USERNAME: optionalString,
  EM_PASSWORD: optionalString,
  EM_SECRET_ID: optionalString,
  EM_CA_CERT: optionalString,
  EM_FORMAT: z._default(z.enum(['json', 'xml']), 'json'),
  EM_TIMEOUT_MS: intVar(100, 28_000, 10_000),
  EM_SECRET_TTL_MS: numberVar(300_000, z.int(), z.gte(0)),
  EM_MAX_CONCURRENCY: intVar(1, 64, EM_PROTECTION_DEFAULTS.maxConcurrency),
  EM_MAX_QUEUE: intVar(0, 1000, EM_PROTECTION_DEFAULTS.maxQueue),
  EM_BREAKER_FAILURES: intVar(1, 100, EM_PROTECTION_DEFAULTS.breakerFailures),
  EM_BREAKER_COOLDOWN_MS: intVar(100, 600_000, EM_PROTECTION_DEFAULTS.breakerCooldownMs),
  API_KEYS: csv,
  API_SECRET_ID: optionalString,
  PAGE_TOKEN_KEY: optionalString,
  DEPLOY_STAGE: optionalString,
  ORIGIN_VERIFY: optionalString,
  REPORTS_PER_KEY: intVar(1, 16, DEFAULT_REPORTS_PER_KEY),
  CORS_ORIGINS: csv,
  PORT: intVar(0, 65_535, 3000),
  REPORT_BUCKET: optionalString,
  REPORT_CONCURRENCY: intVar(1, 16, DEFAULT_REPORT_CONCURRENCY),
  REPORT_TIME_BUDGET_MS: intVar(100, 14 * 60_000, 20_000),
  METRICS_ENABLED: optionalString,
  POWERTOOLS_METRICS_DISABLED: optionalString,
  AWS_LAMBDA_FUNCTION_NAME: optionalString,
  EM_SIM_JSON_CASE: z._default(z.enum(['pascal', 'camel']), 'pascal'),
  REPORT_EMAIL_TO: addresses,
  REPORT_EMAIL_FROM: z.pipe(optionalString, z.optional(z.email())),
  REPORT_EMAIL_ONLY_ON_ISSUES: flag,
  REPORT_BASE_URL: z.pipe(optionalString, z.optional(z.url({ protocol: /^https?$/ }))),
  ROLLUP_DIR: optionalString,
  ROLLUP_BUCKET: optionalString,
  ROLLUP_SETTLE_HOURS: numberVar(DEFAULT_ROLLUP_SETTLE_HOURS, z.gte(0), z.lte(24 * 31)),
  ROLLUP_LOOKBACK_DAYS: intVar(1, 366, DEFAULT_ROLLUP_LOOKBACK_DAYS),
  METRICS_WINDOW_HOURS: numberVar(24, z.positive(), z.lte(24 * 31)),
  METRICS_RPO_HOURS: numberVar(24, z.positive(), z.lte(24 * 366)),
  METRICS_CACHE_SECONDS: numberVar(60, z.gte(0), z.lte(3600)),
  EVENTS_SETTLE_SECONDS: intVar(0, 3600, DEFAULT_EVENTS_SETTLE_SECONDS),
  EVENTS_MAX_AGE_DAYS: numberVar(DEFAULT_EVENTS_MAX_AGE_DAYS, z.positive(), z.lte(3650)),
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
  /** HMAC key for page tokens; undefined means "from the API secret", else "one per process" (local use). */
  readonly pageTokenKey: string | undefined
  /** Secrets Manager secret holding `{ apiKeys, pageTokenKey }`, read by the API function only. */
  readonly apiSecretId: string | undefined
  /** Deployed (`DEPLOY_STAGE` set by infra/): weak settings are refused at start. */
  readonly deployed: boolean
  /** The value CloudFront sends in `X-Origin-Verify`; when set, requests without it are refused. */
  readonly originVerify: string | undefined
  /** Reports one API key may run at once in one process. */
  readonly reportsPerKey: number
  readonly corsOrigins: readonly string[]
  readonly port: number
  readonly reportBucket: string | undefined
  readonly reportConcurrency: number
  /** How long a report route may read EM before answering with what it has (`complete: false`). */
  readonly reportTimeBudgetMs: number
  /** Publish CloudWatch EMF metrics: in Lambda, or with METRICS_ENABLED; never with POWERTOOLS_METRICS_DISABLED. */
  readonly metricsEnabled: boolean
  /** `npm start` without EM_URL: the embedded simulator's JSON key casing (EM ≤ 12 PascalCase, EM 13 camelCase). */
  readonly simulatorJsonCase: 'pascal' | 'camel'
  /** Where the daily report is mailed (both REPORT_EMAIL_TO and REPORT_EMAIL_FROM set), or undefined. */
  readonly reportEmail: ReportEmailConfig | undefined
  /** Base URL the report bucket's keys are served under; the mail links `<base>/reports/DAY/index.html`. */
  readonly reportBaseUrl: string | undefined
  readonly rollups: RollupConfig
  /** `GET /v1/metrics` (Prometheus): its window, RPO and per-process cache. */
  readonly scrape: ScrapeConfig
  /** The events feed: settle time before an event is given, and the age limit of its cursors. */
  readonly events: EventsConfig
}

/** Where daily rollups live and when a day is final. */
export interface RollupConfig {
  /** A local directory (ROLLUP_DIR); wins over the bucket. */
  readonly dir: string | undefined
  /** ROLLUP_BUCKET, default REPORT_BUCKET; the rollups are under `rollups/`. */
  readonly bucket: string | undefined
  readonly settleHours: number
  /** Days before today the hourly run considers. */
  readonly lookbackDays: number
}

export interface ScrapeConfig {
  /** The window the numbers cover, ending at the refresh (METRICS_WINDOW_HOURS, default 24, at most 31 days). */
  readonly windowHours: number
  /** The RPO VMs are judged against (METRICS_RPO_HOURS, default 24). */
  readonly rpoHours: number
  /** How long one refresh from EM is served before the next (METRICS_CACHE_SECONDS, default 60). */
  readonly cacheSeconds: number
}

export interface EventsConfig {
  readonly settleSeconds: number
  /** May be fractional (tests use minutes). */
  readonly maxAgeDays: number
}

export interface ReportEmailConfig {
  readonly to: readonly string[]
  /** A verified SES identity (the address, or one in a verified domain). */
  readonly from: string
  /** Send only when a job failed or a VM is at risk or unprotected. */
  readonly onlyOnIssues: boolean
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

type Env = z.infer<typeof EnvSchema>

/**
 * What a deployment must not run with (each message names the variable, never its value): an
 * `http://` EM (Basic credentials in clear), short API keys or page-token key, and a page-token key
 * in a plain environment variable next to the API secret that holds it.
 */
export const deployedProblems = (e: Env): string[] => {
  const problems: string[] = []
  if (e.EM_URL !== undefined && !e.EM_URL.startsWith('https://'))
    problems.push('EM_URL must be https:// when deployed')
  if ((e.API_KEYS ?? []).some((k) => k.length < MIN_SECRET_LENGTH))
    problems.push(`API_KEYS: every key needs at least ${MIN_SECRET_LENGTH} characters when deployed`)
  if (e.PAGE_TOKEN_KEY !== undefined && e.API_SECRET_ID !== undefined)
    problems.push('PAGE_TOKEN_KEY must not be set when deployed with API_SECRET_ID (the key is read from it)')
  else if (e.PAGE_TOKEN_KEY !== undefined && e.PAGE_TOKEN_KEY.length < MIN_SECRET_LENGTH)
    problems.push(`PAGE_TOKEN_KEY needs at least ${MIN_SECRET_LENGTH} characters when deployed`)
  if (e.ORIGIN_VERIFY !== undefined && e.ORIGIN_VERIFY.length < MIN_SECRET_LENGTH)
    problems.push(`ORIGIN_VERIFY needs at least ${MIN_SECRET_LENGTH} characters when deployed`)
  return problems
}

export interface LoadOptions {
  /** Apply the deployed rules (default: when `DEPLOY_STAGE` is set, as infra/ sets it). */
  readonly deployed?: boolean
}

export const loadConfig = (
  env: Record<string, string | undefined> = process.env,
  opts: LoadOptions = {}
): AppConfig => {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    // Name the variables, never echo their values.
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))]
    throw new ConfigError(`Invalid environment: ${names.join(', ')}`)
  }
  const e = parsed.data
  const deployed = opts.deployed ?? e.DEPLOY_STAGE !== undefined
  const refused = deployed ? deployedProblems(e) : []
  if (refused.length > 0) throw new ConfigError(`Refused settings: ${refused.join('; ')}`)
  // One without the other is a half-done setup, not "e-mail off": refuse it at start.
  if ((e.REPORT_EMAIL_TO === undefined) !== (e.REPORT_EMAIL_FROM === undefined)) {
    throw new ConfigError('Invalid environment: REPORT_EMAIL_TO and REPORT_EMAIL_FROM are set together')
  }
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
    apiSecretId: e.API_SECRET_ID,
    deployed,
    originVerify: e.ORIGIN_VERIFY,
    reportsPerKey: e.REPORTS_PER_KEY,
    corsOrigins: e.CORS_ORIGINS ?? [],
    port: e.PORT,
    reportBucket: e.REPORT_BUCKET,
    reportConcurrency: e.REPORT_CONCURRENCY,
    reportTimeBudgetMs: e.REPORT_TIME_BUDGET_MS,
    metricsEnabled:
      !truthy(e.POWERTOOLS_METRICS_DISABLED) &&
      (e.AWS_LAMBDA_FUNCTION_NAME !== undefined || truthy(e.METRICS_ENABLED)),
    simulatorJsonCase: e.EM_SIM_JSON_CASE,
    reportEmail:
      e.REPORT_EMAIL_TO === undefined || e.REPORT_EMAIL_FROM === undefined
        ? undefined
        : { to: e.REPORT_EMAIL_TO, from: e.REPORT_EMAIL_FROM, onlyOnIssues: e.REPORT_EMAIL_ONLY_ON_ISSUES },
    reportBaseUrl: e.REPORT_BASE_URL?.replace(/\/+$/, ''),
    rollups: {
      dir: e.ROLLUP_DIR,
      bucket: e.ROLLUP_BUCKET ?? e.REPORT_BUCKET,
      settleHours: e.ROLLUP_SETTLE_HOURS,
      lookbackDays: e.ROLLUP_LOOKBACK_DAYS,
    },
    scrape: {
      windowHours: e.METRICS_WINDOW_HOURS,
      rpoHours: e.METRICS_RPO_HOURS,
      cacheSeconds: e.METRICS_CACHE_SECONDS,
    },
    events: { settleSeconds: e.EVENTS_SETTLE_SECONDS, maxAgeDays: e.EVENTS_MAX_AGE_DAYS },
  }
}

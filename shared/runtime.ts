/**
 * @module Wires the app from configuration: credentials (Secrets Manager when `EM_SECRET_ID` is set,
 * else the environment), the EM client, API keys, page-token key, logging and metrics. Used by the
 * Lambda entries and `npm start`; nothing here runs per request.
 */
import { randomBytes } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { createApp } from './app'
import type { AppLogger } from './app'
import type { AppConfig } from './config/env'
import { createApiSecret } from './config/api-secret'
import { createSecretCredentials } from './config/secret-credentials'
import type { EmSecretValue } from './config/secret-schema'
import { createEmClient } from './em/client'
import { staticCredentials } from './em/credentials'
import { EmConfigError } from './em/errors'
import type { CredentialsProvider, EmCallEvent, EmClient, EmProtectionEvent } from './em/types'
import { logger } from './observability/logger'
import { recordEmCall, recordEmProtection, recordPage, configureMetrics } from './observability/metrics'
import { scrubbingCredentials } from './security/register'
import { scrubber } from './security/scrub'
import { createEmReader, type EmReader } from './services/em-reader'
import { rollupStoreFrom } from './rollups/from-config'

export interface Runtime {
  readonly app: OpenAPIHono
  readonly em: EmClient
  readonly reader: EmReader
  readonly credentials: CredentialsProvider
  dispose(): Promise<void>
}

export interface RuntimeOptions {
  /** Deployed: API keys come only from the secret (or API_KEYS), never a generated one; fail closed. */
  readonly deployed?: boolean
  /** Where the app logs (default: the Powertools logger); tests pass a recorder. */
  readonly logger?: AppLogger
  /** Also told of every EM exchange and protection event (the load test counts them). */
  readonly onEmCall?: ((e: EmCallEvent) => void) | undefined
  readonly onEmProtection?: ((e: EmProtectionEvent) => void) | undefined
  /** The clock of reports and metrics (default: the real one); tests pin it to a data set. */
  readonly now?: () => Date
}

/** The Powertools logger behind the app's small logging interface. */
const powertoolsLogger: AppLogger = {
  info: (message, attributes = {}) => logger.info(message, attributes),
  warn: (message, attributes = {}) => logger.warn(message, attributes),
  error: (message, attributes = {}) => logger.error(message, attributes),
}

/** Credentials from the secret when configured (it wins), else from EM_URL/EM_USERNAME/EM_PASSWORD. */
export const credentialsFrom = (config: AppConfig): CredentialsProvider<EmSecretValue> =>
  scrubbingCredentials(unscrubbedCredentialsFrom(config))

const unscrubbedCredentialsFrom = (config: AppConfig): CredentialsProvider => {
  const { em } = config
  if (em.secretId !== undefined)
    return createSecretCredentials({
      secretId: em.secretId,
      ttlMs: em.secretTtlMs,
      requireHttps: config.deployed,
    })
  if (em.url === undefined || em.username === undefined || em.password === undefined) {
    const missing = ['EM_URL', 'EM_USERNAME', 'EM_PASSWORD'].filter(
      (_, i) => [em.url, em.username, em.password][i] === undefined
    )
    return {
      get: () =>
        Promise.reject(new EmConfigError(`EM is not configured: set EM_SECRET_ID, or ${missing.join(', ')}`)),
      invalidate: () => undefined,
    }
  }
  return staticCredentials({
    url: em.url,
    username: em.username,
    password: em.password,
    caCertificate: em.caCertificate,
  })
}

/** Breaker state changes are logged (warn when it opens, info otherwise) and counted; refusals only counted. */
const protectionObserver =
  (log: AppLogger, also?: (e: EmProtectionEvent) => void) =>
  (e: EmProtectionEvent): void => {
    recordEmProtection(e)
    also?.(e)
    if (e.type !== 'breaker') return
    const attrs = { from: e.from, to: e.to, failures: e.failures, ...(e.reason ? { reason: e.reason } : {}) }
    if (e.to === 'open') log.warn('EM circuit breaker opened: calls fail fast until a probe succeeds', attrs)
    else log.info(`EM circuit breaker ${e.to}`, attrs)
  }

/** The EM client for a configuration (also used by the report Lambda and the report command). */
export const emClientFrom = (
  config: AppConfig,
  credentials: CredentialsProvider,
  opts: RuntimeOptions = {}
): EmClient => {
  configureMetrics(config.metricsEnabled)
  return createEmClient({
    credentials,
    timeoutMs: config.em.timeoutMs,
    format: config.em.format,
    maxConcurrency: config.em.maxConcurrency,
    maxQueue: config.em.maxQueue,
    breakerFailures: config.em.breakerFailures,
    breakerCooldownMs: config.em.breakerCooldownMs,
    onCall: opts.onEmCall
      ? (e) => {
          recordEmCall(e)
          opts.onEmCall?.(e)
        }
      : recordEmCall,
    onProtection: protectionObserver(opts.logger ?? powertoolsLogger, opts.onEmProtection),
    onToken: (token) => scrubber.addToken(token),
  })
}

export const createRuntime = (config: AppConfig, opts: RuntimeOptions = {}): Runtime => {
  const credentials = credentialsFrom(config)
  const em = emClientFrom(config, credentials, opts)
  const reader = createEmReader(em)
  const envKeys = config.apiKeys ?? []
  for (const k of envKeys) scrubber.addSecret(k)
  scrubber.addSecret(config.pageTokenKey)
  // API keys: the API secret (deployed), else the EM secret's `apiKeys` (older deployments), else env.
  const apiSecretId = config.apiSecretId
  const apiSecret =
    apiSecretId === undefined
      ? undefined
      : createApiSecret({ secretId: apiSecretId, ttlMs: config.em.secretTtlMs })
  const readApiSecret = async () => {
    if (apiSecret === undefined) throw new Error('no API secret')
    const s = await apiSecret.get()
    for (const k of s.apiKeys) scrubber.addSecret(k)
    scrubber.addSecret(s.pageTokenKey)
    return s
  }
  const apiKeys =
    apiSecret !== undefined
      ? async () => [...envKeys, ...(await readApiSecret()).apiKeys]
      : config.em.secretId !== undefined
        ? async () => [...envKeys, ...((await credentials.get()).apiKeys ?? [])]
        : async () => envKeys
  let pageTokenKey: string | Buffer | (() => Promise<string>) | undefined = config.pageTokenKey
  if (pageTokenKey === undefined && apiSecret !== undefined)
    pageTokenKey = async () => (await readApiSecret()).pageTokenKey
  if (pageTokenKey === undefined) {
    if (opts.deployed)
      logger.warn('No page-token key is configured: page tokens only work within one instance')
    pageTokenKey = randomBytes(32)
  }
  const app = createApp({
    em,
    reader,
    apiKeys,
    pageTokenKey,
    corsOrigins: config.corsOrigins,
    reportConcurrency: config.reportConcurrency,
    reportTimeBudgetMs: config.reportTimeBudgetMs,
    rollups: rollupStoreFrom(config.rollups),
    reportsPerKey: config.reportsPerKey,
    originVerify: config.originVerify,
    scrape: config.scrape,
    ...(opts.now ? { now: opts.now } : {}),
    logger: opts.logger ?? powertoolsLogger,
    onPage: recordPage,
    events: config.events,
  })
  return { app, em, reader, credentials, dispose: () => em.close() }
}

/**
 * @module The app factory: one Hono app for `npm start` and the Lambda entry alike.
 * Middleware order: request id + logging, security headers, limits, CORS, auth on `/v1`,
 * routes; errors are rendered once, by `onError`, as problem+json.
 */
import { randomUUID } from 'node:crypto'
import { OpenAPIHono } from '@hono/zod-openapi'
import { cors } from 'hono/cors'
import type { EmClient } from './em/types'
import { EmError } from './em/errors'
import { PageTokenCodec } from './paging/page-token'
import { bearerAuth } from './http/auth'
import type { ApiKeySource } from './http/auth'
import { MethodNotAllowedError, NotFoundError, RequestTooLargeError, UnauthorizedError } from './http/errors'
import { originVerify } from './http/origin-verify'
import { perKeyConcurrency } from './http/per-key-limit'
import { RuntimeKeyCodec } from './security/runtime-key-codec'
import { problemResponse, retryAfterSeconds, toProblem } from './http/problem'
import { securityHeaders } from './http/security-headers'
import { validationHook } from './http/validation'
import { documentOnce, repeatableParameters } from './openapi/document'
import { ALLOW, methodRules, queryNameRules } from './http/protocol'
import type { RollupStore } from './rollups/store'
import { documentApp, loadRegistrations } from './routes/groups/document-app'
import { ROUTE_GROUPS, type RouteContext } from './routes/groups/index'
import { registerLazyGroup } from './routes/groups/lazy'
import { DEFAULT_REPORTS_PER_KEY, type EventsConfig, type ScrapeConfig } from './config/env'
import { createEmReader, type EmReader } from './services/em-reader'

/** What the app logs through (Powertools' Logger fits; tests pass a recorder). */
export interface AppLogger {
  info(message: string, attributes?: Record<string, unknown>): void
  warn(message: string, attributes?: Record<string, unknown>): void
  error(message: string, attributes?: Record<string, unknown>): void
}

export interface AppDeps {
  readonly em: EmClient
  /** The one EM reader (made from `em` when absent). */
  readonly reader?: EmReader
  readonly apiKeys: ApiKeySource
  /** A fixed key, or a reader of it (deployed: the API secret), awaited before each `/v1` route. */
  readonly pageTokenKey: string | Buffer | (() => Promise<string>)
  readonly corsOrigins?: readonly string[]
  readonly reportConcurrency?: number
  readonly reportTimeBudgetMs?: number
  /** Settled daily rollups the report routes serve whole days from (none: EM only). */
  readonly rollups?: RollupStore | undefined
  /** Reports one API key may run at once (default 2). */
  readonly reportsPerKey?: number
  /** When set, requests must carry it in `X-Origin-Verify` (CloudFront adds it). */
  readonly originVerify?: string | undefined
  /** Interval of the shared `/health?deep=true` check (default 30 s). */
  readonly deepHealthIntervalMs?: number
  /** `GET /v1/metrics`: window, RPO and cache (default 24 h, 24 h, 60 s). */
  readonly scrape?: ScrapeConfig
  readonly logger?: AppLogger
  readonly onPage?: (items: number) => void
  readonly now?: () => Date
  /** The events feed's settle time and cursor age limit (defaults: 60 s, 30 days). */
  readonly events?: EventsConfig
}

const MAX_URL_LENGTH = 8192

/**
 * Options for a local Node server of the app (`npm start`, the load and bench children, tests): Node's
 * 16 KiB header limit would answer a long URL with an empty 431 (or reset) before the app can give
 * its own 414 problem, so the limit is raised well above the app's URL limit.
 */
export const LOCAL_SERVER_OPTIONS = { maxHeaderSize: 64 * 1024 }

export const createApp = (deps: AppDeps): OpenAPIHono => {
  const app = new OpenAPIHono({ defaultHook: validationHook })
  const log = deps.logger

  app.use('*', async (c, next) => {
    const started = performance.now()
    const requestId = randomUUID()
    await next()
    // After `next`: onError builds a new Response, so a header set before would be lost on errors.
    c.res.headers.set('X-Request-Id', requestId)
    const keyId = c.get('keyId')
    log?.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      // Which key made the call: a short, non-reversible id, never the key.
      ...(keyId === undefined ? {} : { keyId }),
    })
  })
  app.use('*', securityHeaders)
  if (deps.originVerify !== undefined) app.use('*', originVerify(deps.originVerify))
  app.use('*', async (c, next) => {
    if (c.req.url.length > MAX_URL_LENGTH)
      throw new RequestTooLargeError(414, `The URL exceeds ${MAX_URL_LENGTH} characters`)
    await next()
  })
  if (deps.corsOrigins && deps.corsOrigins.length > 0) {
    app.use('*', cors({ origin: [...deps.corsOrigins], allowMethods: ['GET'], maxAge: 600 }))
  }
  const auth = {
    onNoKeys: () => log?.warn('no API keys are configured: every authenticated call is refused'),
  }
  app.use('/v1/*', bearerAuth(deps.apiKeys, auth))
  // After auth (a /v1 call without a key is a 401 whatever its method or path), before the routes.
  app.use(
    '*',
    methodRules(() => app.routes.filter((r) => r.method === 'GET').map((r) => r.path))
  )
  app.use(
    '*',
    queryNameRules(async () => repeatableParameters(await ctx.openapiJson()))
  )

  const key = deps.pageTokenKey
  let tokens: PageTokenCodec
  if (typeof key === 'function') {
    const codec = new RuntimeKeyCodec(key)
    app.use('/v1/*', async (_c, next) => {
      await codec.ready()
      await next()
    })
    tokens = codec
  } else tokens = new PageTokenCodec(key)
  app.use('/v1/reports/*', perKeyConcurrency(deps.reportsPerKey ?? DEFAULT_REPORTS_PER_KEY))
  const ctx: RouteContext = {
    deps,
    reader: deps.reader ?? createEmReader(deps.em),
    tokens,
    auth,
    openapiJson: documentOnce(async () => documentApp(ctx, await loadRegistrations())),
  }
  // Each group's schemas and handlers load with its first request (routes/groups/).
  for (const group of ROUTE_GROUPS) registerLazyGroup(app, group, ctx)

  app.notFound(() => {
    throw new NotFoundError('No such route')
  })
  app.onError((err, c) => {
    const problem = toProblem(err, c.req.path)
    if (c.req.raw.signal.aborted) {
      // The caller went away mid-request: nothing to answer, nothing broken.
      log?.info('request aborted by the client', { path: c.req.path })
    } else if (problem.status >= 500) {
      // EM errors (also as a cause) are expected upstream conditions; anything else is a bug worth its
      // stack, in the log only.
      const em =
        err instanceof EmError ? err : err instanceof Error && err.cause instanceof EmError ? err.cause : null
      // EM's whole text goes to the log (under `emMessage`: Powertools reserves `message`); the
      // response has it scrubbed (problem.ts).
      const attrs = em
        ? { kind: em.kind, emMessage: em.message }
        : {
            error:
              err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
          }
      log?.error('request failed', { path: c.req.path, status: problem.status, ...attrs })
    }
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' }
    if (err instanceof MethodNotAllowedError) headers['Allow'] = ALLOW
    if (err instanceof UnauthorizedError) headers['WWW-Authenticate'] = 'Bearer'
    const retryAfter = retryAfterSeconds(err, problem)
    if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter)
    return problemResponse(problem, headers)
  })
  return app
}

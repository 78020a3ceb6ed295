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
import { PageTokenCodec } from './api/page-token'
import { bearerAuth } from './http/auth'
import type { ApiKeySource } from './http/auth'
import { MethodNotAllowedError, NotFoundError, RequestTooLargeError } from './http/errors'
import { problemResponse, retryAfterSeconds, toProblem } from './http/problem'
import { securityHeaders } from './http/security-headers'
import { validationHook } from './http/validation'
import { documentOnce, registerSecurityScheme } from './openapi/document'
import { registerMetaRoutes } from './routes/meta'
import { registerSessionRoutes } from './routes/sessions'
import { registerReportRoutes } from './routes/reports/index'
import { DEFAULT_REPORT_CONCURRENCY } from './reports/limiter'

/** What the app logs through (Powertools' Logger fits; tests pass a recorder). */
export interface AppLogger {
  info(message: string, attributes?: Record<string, unknown>): void
  warn(message: string, attributes?: Record<string, unknown>): void
  error(message: string, attributes?: Record<string, unknown>): void
}

export interface AppDeps {
  readonly em: EmClient
  readonly apiKeys: ApiKeySource
  readonly pageTokenKey: string | Buffer
  readonly corsOrigins?: readonly string[]
  readonly reportConcurrency?: number
  readonly reportTimeBudgetMs?: number
  readonly logger?: AppLogger
  readonly onPage?: (items: number) => void
  readonly now?: () => Date
}

const MAX_URL_LENGTH = 8192

export const createApp = (deps: AppDeps): OpenAPIHono => {
  const app = new OpenAPIHono({ defaultHook: validationHook })
  const log = deps.logger

  app.use('*', async (c, next) => {
    const started = performance.now()
    const requestId = randomUUID()
    c.header('X-Request-Id', requestId)
    await next()
    log?.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    })
  })
  app.use('*', securityHeaders)
  app.use('*', async (c, next) => {
    if (c.req.url.length > MAX_URL_LENGTH)
      throw new RequestTooLargeError(414, `The URL exceeds ${MAX_URL_LENGTH} characters`)
    await next()
  })
  if (deps.corsOrigins && deps.corsOrigins.length > 0) {
    app.use('*', cors({ origin: [...deps.corsOrigins], allowMethods: ['GET'], maxAge: 600 }))
  }
  app.use('/v1/*', bearerAuth(deps.apiKeys))

  const tokens = new PageTokenCodec(deps.pageTokenKey)
  registerSecurityScheme(app)
  registerSessionRoutes(app, { em: deps.em, tokens, onPage: (_f, n) => deps.onPage?.(n) })
  registerReportRoutes(app, {
    em: deps.em,
    concurrency: deps.reportConcurrency ?? DEFAULT_REPORT_CONCURRENCY,
    timeBudgetMs: deps.reportTimeBudgetMs,
    ...(deps.now ? { now: deps.now } : {}),
  })
  registerMetaRoutes(app, { em: deps.em, openapiJson: documentOnce(app) })

  // Every operation is a GET: any other method on any path is a 405 naming the allowed one.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', () => {
    throw new MethodNotAllowedError()
  })
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
      const attrs = em
        ? { kind: em.kind, message: em.message }
        : {
            error:
              err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
          }
      log?.error('request failed', { path: c.req.path, status: problem.status, ...attrs })
    }
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' }
    if (err instanceof MethodNotAllowedError) headers['Allow'] = 'GET'
    const retryAfter = retryAfterSeconds(err, problem)
    if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter)
    return problemResponse(problem, headers)
  })
  return app
}

/**
 * @module Public routes: `/health`, `/openapi.json`, `/docs`. No auth (each declares `security: []`,
 * so the document says so explicitly), except `/health?deep=true`, which logs on to EM and so needs a
 * key (checked before the parameters, like `/v1`) and shares one EM check per 30 s per process.
 * Swagger UI's own assets (`/docs/init.js`, `/docs/{asset}`) are plain routes, left out of the document.
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { EmClient } from '../em/types'
import { authenticate } from '../http/auth'
import type { ApiKeySource, AuthOptions } from '../http/auth'
import { DOCS_ASSETS, DOCS_HTML, DOCS_INIT_JS, isDocsAsset, readDocsAsset } from './docs-assets'
import { sharedDeepCheck } from './deep-health'
import { commonResponses, okResponse, problemResponse, upstreamResponses } from './responses'

const HealthSchema = z
  .object({
    status: z.literal('ok').openapi({ example: 'ok' }),
    em: z
      .object({
        logonMs: z.number().openapi({ example: 84.2, description: 'How long a fresh EM logon took.' }),
        checkedAt: z.iso.datetime().openapi({
          example: '2026-11-01T12:00:00.000Z',
          description: 'When that check started: one check at most per 30 s per process, shared by callers.',
        }),
      })
      .optional()
      .openapi({ description: 'Present with `deep=true`.' }),
  })
  .openapi('Health')

/** Either no key (liveness) or a bearer key (`deep=true`); typed wide so the route's inference holds. */
const OPTIONAL_BEARER: Record<string, string[]>[] = [{}, { bearerAuth: [] }]

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['meta'],
  summary: 'Liveness; with deep=true (and a key) also logs on to EM',
  description:
    'Answers `{ "status": "ok" }` without touching EM, with no key. With `deep=true` it needs a key (else 401) ' +
    'and also logs on to Enterprise Manager (a fresh session) and reports how long that took; one such check ' +
    'runs at most every 30 s per process, concurrent callers sharing it and its outcome. An EM failure is then ' +
    'a 502, 503 or 504 problem.',
  // No key for the liveness answer; a bearer key for `deep=true`.
  security: OPTIONAL_BEARER,
  request: {
    query: z.strictObject({
      deep: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional()
        .openapi({
          type: 'boolean',
          param: {
            name: 'deep',
            in: 'query',
            description: 'Also log on to EM and report how long it took (needs a key): `true` or `false`.',
          },
          example: true,
        }),
    }),
  },
  responses: {
    200: okResponse('Alive', { 'application/json': { schema: HealthSchema } }),
    400: problemResponse('Invalid parameters'),
    401: problemResponse('`deep=true` without a valid API key', 'auth'),
    ...upstreamResponses,
    ...commonResponses,
  },
})

const openapiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApiDocument',
  tags: ['meta'],
  summary: 'This OpenAPI 3.1 document',
  description:
    'The machine-readable contract, generated from the code (the same as `openapi/openapi.json` in the repository). ' +
    'Feed it to a client generator; list operations carry an `x-pagination` extension.',
  security: [],
  responses: {
    200: okResponse('The OpenAPI document', {
      'application/json': {
        schema: z
          .record(z.string(), z.unknown())
          .openapi({ example: { openapi: '3.1.0', info: { title: 'EM Sessions API', version: '1.0.0' } } }),
      },
    }),
    ...commonResponses,
  },
})

const docsRoute = createRoute({
  method: 'get',
  path: '/docs',
  operationId: 'getDocs',
  tags: ['meta'],
  summary: 'Interactive documentation (Swagger UI)',
  description:
    'Swagger UI rendering `/openapi.json`, served entirely from this deployment (no CDN). Use "Authorize" with an API key to try `/v1` operations.',
  security: [],
  responses: {
    200: okResponse('An HTML page', {
      'text/html': { schema: z.string().openapi({ example: '<!doctype html><html lang="en">…</html>' }) },
    }),
    ...commonResponses,
  },
})

export interface MetaRouteDeps {
  readonly em: EmClient
  readonly openapiJson: () => Promise<string>
  /** The keys `/health?deep=true` needs (the same as `/v1`). */
  readonly apiKeys: ApiKeySource
  readonly auth?: AuthOptions
  /** Interval of the shared deep check (default 30 s). */
  readonly deepHealthIntervalMs?: number
}

export const registerMetaRoutes = (app: OpenAPIHono, deps: MetaRouteDeps): void => {
  const deepCheck = sharedDeepCheck(() => deps.em.checkLogon(), {
    ...(deps.deepHealthIntervalMs === undefined ? {} : { intervalMs: deps.deepHealthIntervalMs }),
  })
  // Auth before the parameters (as on /v1): any `deep` other than `false` needs a key.
  app.use('/health', async (c, next) => {
    const deep = c.req.query('deep')
    if (deep !== undefined && deep !== 'false') await authenticate(c, deps.apiKeys, deps.auth)
    await next()
  })
  app.openapi(healthRoute, async (c) => {
    if (c.req.valid('query').deep !== true) return c.json({ status: 'ok' as const }, 200)
    return c.json({ status: 'ok' as const, em: await deepCheck() }, 200)
  })

  // Documented through the registry, served as is: the body is the document serialized once, not
  // a value to re-encode (and `app.openapi` would type the handler as returning JSON via c.json).
  app.openAPIRegistry.registerPath(openapiRoute)
  app.get('/openapi.json', async (c) =>
    c.body(await deps.openapiJson(), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-cache',
    })
  )
  app.openapi(docsRoute, (c) => c.html(DOCS_HTML, 200))
  app.get('/docs/init.js', (c) =>
    c.body(DOCS_INIT_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
  )
  app.get('/docs/:asset', async (c) => {
    const name = c.req.param('asset')
    // Own keys only: `constructor`, `toString`, `__proto__` are not assets (a 404, not a 500).
    if (!isDocsAsset(name)) return c.notFound()
    return c.body(await readDocsAsset(name), 200, {
      'Content-Type': DOCS_ASSETS[name],
      'Cache-Control': 'public, max-age=86400',
    })
  })
}

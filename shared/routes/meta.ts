/**
 * @module Public routes: `/health` (and `?deep=true`), `/openapi.json`, `/docs`. No auth (each
 * declares `security: []`, so the document says so explicitly). Swagger UI's own assets
 * (`/docs/init.js`, `/docs/{asset}`) are plain routes, left out of the document.
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { EmClient } from '../em/types'
import { DOCS_ASSETS, DOCS_HTML, DOCS_INIT_JS, readDocsAsset } from './docs-assets'
import type { DocsAsset } from './docs-assets'
import { upstreamResponses, urlTooLongResponse } from './responses'
import { problemResponse } from '../model/problem'

const HealthSchema = z
  .object({
    status: z.literal('ok').openapi({ example: 'ok' }),
    em: z
      .object({
        logonMs: z.number().openapi({ example: 84.2, description: 'How long a fresh EM logon took.' }),
      })
      .optional()
      .openapi({ description: 'Present with `deep=true`.' }),
  })
  .openapi('Health')

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['meta'],
  summary: 'Liveness; with deep=true also logs on to EM',
  description:
    'Answers `{ "status": "ok" }` without touching EM. With `deep=true` it also logs on to Enterprise Manager ' +
    '(a fresh session) and reports how long that took; an EM failure is then a 502, 503 or 504 problem.',
  security: [],
  request: {
    query: z.strictObject({
      deep: z
        .enum(['true', 'false'])
        .optional()
        .openapi({
          param: { name: 'deep', in: 'query', description: 'Also log on to EM and report how long it took.' },
          example: 'true',
        }),
    }),
  },
  responses: {
    200: { description: 'Alive', content: { 'application/json': { schema: HealthSchema } } },
    400: problemResponse('Invalid parameters'),
    ...upstreamResponses,
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
    200: {
      description: 'The OpenAPI document',
      content: {
        'application/json': {
          schema: z
            .record(z.string(), z.unknown())
            .openapi({ example: { openapi: '3.1.0', info: { title: 'EM Sessions API', version: '1.0.0' } } }),
        },
      },
    },
    ...urlTooLongResponse,
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
    200: {
      description: 'An HTML page',
      content: {
        'text/html': { schema: z.string().openapi({ example: '<!doctype html><html lang="en">…</html>' }) },
      },
    },
    ...urlTooLongResponse,
  },
})

export const registerMetaRoutes = (
  app: OpenAPIHono,
  deps: { em: EmClient; openapiJson: () => string }
): void => {
  app.openapi(healthRoute, async (c) => {
    if (c.req.valid('query').deep !== 'true') return c.json({ status: 'ok' as const }, 200)
    const { durationMs } = await deps.em.checkLogon(c.req.raw.signal)
    return c.json({ status: 'ok' as const, em: { logonMs: Math.round(durationMs * 10) / 10 } }, 200)
  })

  // Documented through the registry, served as is: the body is the document serialized once, not
  // a value to re-encode (and `app.openapi` would type the handler as returning JSON via c.json).
  app.openAPIRegistry.registerPath(openapiRoute)
  app.get('/openapi.json', (c) =>
    c.body(deps.openapiJson(), 200, {
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
    if (!(name in DOCS_ASSETS)) return c.notFound()
    const asset = name as DocsAsset
    return c.body(await readDocsAsset(asset), 200, {
      'Content-Type': DOCS_ASSETS[asset],
      'Cache-Control': 'public, max-age=86400',
    })
  })
}

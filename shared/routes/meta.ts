/**
 * @module Public routes: `/health` (and `?deep=true`), `/openapi.json`, `/docs`. No auth.
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { EmClient } from '../em/types'
import { DOCS_ASSETS, DOCS_HTML, DOCS_INIT_JS, readDocsAsset } from './docs-assets'
import type { DocsAsset } from './docs-assets'
import { upstreamResponses } from './responses'
import { problemResponse } from '../model/problem'

const HealthSchema = z
  .object({
    status: z.literal('ok'),
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

export const registerMetaRoutes = (
  app: OpenAPIHono,
  deps: { em: EmClient; openapiJson: () => string }
): void => {
  app.openapi(healthRoute, async (c) => {
    if (c.req.valid('query').deep !== 'true') return c.json({ status: 'ok' as const }, 200)
    const { durationMs } = await deps.em.checkLogon(c.req.raw.signal)
    return c.json({ status: 'ok' as const, em: { logonMs: Math.round(durationMs * 10) / 10 } }, 200)
  })

  app.get('/openapi.json', (c) =>
    c.body(deps.openapiJson(), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-cache',
    })
  )
  app.get('/docs', (c) => c.html(DOCS_HTML))
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

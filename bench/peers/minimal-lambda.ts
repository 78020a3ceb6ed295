/**
 * @module The reference of the `lambda-cold` figure: a minimal `@hono/zod-openapi` app as a Lambda
 * handler. One GET route with a zod-validated query (`pageSize`, an integer 1..100) answering a small
 * JSON list, and its OpenAPI 3.1 document at `/openapi.json`. Bundled with the production esbuild
 * options (`scripts/build.ts`) and invoked with the same event shape as the API bundle.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { handle } from 'hono/aws-lambda'

const Item = z.object({ id: z.string(), name: z.string(), createdAt: z.string() }).openapi('Item')

const listRoute = createRoute({
  method: 'get',
  path: '/v1/items',
  request: { query: z.object({ pageSize: z.coerce.number().int().min(1).max(100).default(10) }) },
  responses: {
    200: {
      description: 'A page of items',
      content: { 'application/json': { schema: z.object({ items: z.array(Item) }) } },
    },
  },
})

const app = new OpenAPIHono()
app.openapi(listRoute, (c) => {
  const { pageSize } = c.req.valid('query')
  const items = Array.from({ length: pageSize }, (_, i) => ({
    id: `item-${i}`,
    name: `Item ${i}`,
    createdAt: new Date(Date.UTC(2025, 9, 20, 12, i)).toISOString(),
  }))
  return c.json({ items }, 200)
})
app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Minimal', version: '1.0.0' } })

export const handler = handle(app)

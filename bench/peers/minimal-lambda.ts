/**
 * @module The reference of the `lambda-cold` figure: a minimal `@hono/zod-openapi` app as a Lambda
 * handler. One GET route (`minimal-route.ts`: a zod-validated `pageSize`, 1..100) answering a small
 * JSON list, and its OpenAPI 3.1 document at `/openapi.json`. Bundled with the production esbuild
 * options (`scripts/build.ts`) and invoked with the same event shape as the API bundle.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { handle } from 'hono/aws-lambda'
import { listRoute } from './minimal-route'

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

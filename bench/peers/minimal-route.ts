/**
 * @module The one route of the cold-start references (`minimal-lambda.ts`, `minimal-em-lambda.ts`): a
 * GET with a zod-validated query (`pageSize`, an integer 1..100) answering a small JSON list.
 */
import { createRoute, z } from '@hono/zod-openapi'

const Item = z.object({ id: z.string(), name: z.string(), createdAt: z.string() }).openapi('Item')

export const listRoute = createRoute({
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

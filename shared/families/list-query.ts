/**
 * @module The list query: paging, sort and every filter as one zod object, so the validated query
 * has one type (`ListQuery`) from the route through the services to the EM reader. Each family's
 * route picks its own parameters from it (strict: any other parameter is a 400 naming it).
 */
import { z } from '@hono/zod-openapi'
import { FILTERS } from './filters'

export const PAGING = {
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({
      param: { name: 'pageSize', in: 'query', description: 'Items per page, 1 to 1000.' },
      example: 100,
    }),
  pageToken: z
    .string()
    .min(1)
    .max(16_384)
    .optional()
    .openapi({
      param: {
        name: 'pageToken',
        in: 'query',
        description:
          "Opaque token from the previous page's `nextPageToken`. Send every other parameter exactly as in the request that produced it.",
      },
      example: 'eyJ2IjoxLCJyIjoiYmFja3VwLWpvYi1zZXNzaW9ucyJ9.c2lnbmF0dXJl',
    }),
  sort: z
    .enum(['creationTime', '-creationTime'])
    .default('-creationTime')
    .openapi({
      param: {
        name: 'sort',
        in: 'query',
        description: 'Order by creation time: `-creationTime` (newest first, default) or `creationTime`.',
      },
      example: '-creationTime',
    }),
}

/** Every list parameter, in the order operations declare them. */
export const ListQuerySchema = z.strictObject({ ...PAGING, ...FILTERS })

export type ListQuery = z.output<typeof ListQuerySchema>
export type ListParam = keyof ListQuery

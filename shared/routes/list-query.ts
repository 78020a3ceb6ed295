/**
 * @module The query schema of a list route, built from a family descriptor: paging, sort and the
 * family's filters, strict (an unknown parameter is a 400 naming it). Validation and the OpenAPI
 * parameter declarations come from the same zod schema.
 */
import { z } from '@hono/zod-openapi'
import type { Family } from '../api/families'
import { paramSchema } from '../api/filter-params'
import type { FilterParam } from '../api/filter-params'

export const pagingSchemas = {
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

/** The strict query schema for listing `family`, minus the parameter a children route fixes from its path. */
export const listQuerySchema = (family: Family, fixed?: FilterParam) => {
  const shape: Record<string, z.ZodType> = { ...pagingSchemas }
  for (const name of Object.keys(family.filters) as FilterParam[]) {
    if (name !== fixed) shape[name] = paramSchema(name, family.states)
  }
  return z.strictObject(shape)
}

/**
 * @module The list query: paging, sort and every filter as one zod object, so the validated query
 * has one type (`ListQuery`) from the route through the services to the EM reader. Each family's
 * route picks its own parameters from it (strict: any other parameter is a 400 naming it).
 */
import { z } from '@hono/zod-openapi'
import { enumComponent } from '../model/common'
import { MAX_TOKEN_LENGTH, PAGE_TOKEN_PATTERN } from '../paging/page-token'
import { filtersOf, type Family, type SessionItem } from './family'
import type { FilterParam } from './filter-ops'
import { FILTERS, stateFilter } from './filters'

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
    .max(MAX_TOKEN_LENGTH)
    .regex(new RegExp(PAGE_TOKEN_PATTERN), 'is not a valid page token')
    .optional()
    .openapi({
      param: {
        name: 'pageToken',
        in: 'query',
        description:
          "Opaque token from the previous page's `nextPageToken` (never longer than the `maxLength` here). Send every other parameter exactly as in the request that produced it.",
      },
    }),
  sort: enumComponent(
    'SortOrder',
    ['creationTime', '-creationTime'],
    ['CREATION_TIME_ASC', 'CREATION_TIME_DESC']
  )
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

/** The strict query schema of `family`'s list route, minus the filter a children route fixes from its path. */
export const listQuerySchemaOf = (family: Family<SessionItem>, fixed?: FilterParam) => {
  const mask: { [P in ListParam]?: true } = { pageSize: true, pageToken: true, sort: true }
  for (const p of filtersOf(family)) if (p !== fixed) mask[p] = true
  return ListQuerySchema.pick(mask).extend({ state: stateFilter(family.states) })
}

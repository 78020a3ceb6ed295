/**
 * @module The session routes of all six families from their descriptors: list, get by id and,
 * for job-level families, the task-session children. One implementation, six families, each
 * registered on its own (the app loads a family's routes with its first request).
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi'
import { FAMILIES } from '../families/families'
import type { Family, FamilyKey, SessionItem } from '../families/family'
import { listQuerySchemaOf } from '../families/list-query'
import { GuidSchema } from '../model/common'
import { getSession, listSessions, type SessionServiceDeps } from '../services/sessions'
import { nextLink } from './next-link'
import { bearerSecurity, okResponse, problemResponse, v1Responses } from './responses'

const IdParams = z.object({
  id: GuidSchema.openapi({
    param: {
      name: 'id',
      in: 'path',
      description: "The session's GUID (the part after the last `:` of EM's UID).",
    },
  }),
})

const linkHeader = {
  Link: {
    description:
      'RFC 8288 link to the next page (`rel="next"`), present when there is one, e.g. `</v1/backup-job-sessions?pageToken=…>; rel="next"`.',
    schema: { type: 'string' as const },
  },
}

/**
 * The paging convention in machine-readable form, on every list operation, for client generators
 * and paging helpers: send `cursorParam` with the value at `cursorPath`; items are at `itemsPath`.
 */
export const X_PAGINATION = {
  cursorParam: 'pageToken',
  cursorPath: '$.nextPageToken',
  itemsPath: '$.items',
  sizeParam: 'pageSize',
} as const

/** `{ items, nextPageToken }` for a family's items, as a named component. */
const pageOf = <I extends SessionItem>(family: Family<I>) =>
  z
    .object({
      items: z.array(family.itemSchema),
      nextPageToken: z.string().nullable().openapi({
        description: 'Pass as `pageToken` to get the next page; null on the last page.',
        example: null,
      }),
    })
    .openapi(`${family.noun.pascal}Page`)

const listRoute = <I extends SessionItem, R extends RouteConfig['request']>(
  family: Family<I>,
  path: string,
  operationId: string,
  summary: string,
  request: R,
  parent?: Family<SessionItem>
) =>
  createRoute({
    method: 'get',
    path,
    operationId,
    tags: [family.tag],
    summary,
    description: `${summary}. Newest first unless \`sort=creationTime\`; keyset paging with \`pageToken\`: walking every page returns each session that existed at the first request exactly once.`,
    security: bearerSecurity,
    'x-pagination': X_PAGINATION,
    request,
    responses: {
      200: {
        ...okResponse(
          `A page of ${family.noun.many}`,
          { 'application/json': { schema: pageOf(family) } },
          linkHeader
        ),
        links: {
          next: {
            operationId,
            description:
              "The next page: the same request with `pageToken` set to this page's `nextPageToken`.",
            parameters: {
              pageToken: '$response.body#/nextPageToken',
              ...(parent ? { id: '$request.path.id' } : {}),
            },
          },
          item: {
            operationId: `get${family.noun.pascal}`,
            description: `One ${family.noun.one} of the page by its id.`,
            parameters: { id: '$response.body#/items/0/id' },
          },
        },
      },
      ...v1Responses,
      ...(parent ? { 404: problemResponse(`No such ${parent.noun.one}`) } : {}),
    },
  })

/** The list, get and (for job-level families) children routes of one family. */
const registerFamily = <I extends SessionItem>(
  app: OpenAPIHono,
  deps: SessionServiceDeps,
  family: Family<I>,
  child?: Family<SessionItem>
): void => {
  const base = `/v1/${family.key}`
  const list = listRoute(family, base, `list${family.noun.pascal}s`, `List ${family.noun.many}`, {
    query: listQuerySchemaOf(family),
  })
  app.openapi(list, async (c) => {
    const page = await listSessions(deps, { family, query: c.req.valid('query'), signal: c.req.raw.signal })
    if (page.nextPageToken) c.header('Link', nextLink(c.req.url, page.nextPageToken))
    return c.json(page, 200)
  })

  const get = createRoute({
    method: 'get',
    path: `${base}/{id}`,
    operationId: `get${family.noun.pascal}`,
    tags: [family.tag],
    summary: `Get one ${family.noun.one}`,
    description: `One ${family.noun.one} by its id (a GUID, case-insensitive), as the item itself (no envelope). An unknown id is a 404 problem; anything that is not a GUID is a 400 without an EM round trip.`,
    security: bearerSecurity,
    // No query parameters: any is a 400 naming it, as on every route.
    request: { params: IdParams, query: z.strictObject({}) },
    responses: {
      200: {
        ...okResponse(`The ${family.noun.one}`, { 'application/json': { schema: family.itemSchema } }),
        ...(child
          ? {
              links: {
                taskSessions: {
                  operationId: `list${family.noun.pascal}TaskSessions`,
                  description: `The task sessions of this ${family.noun.one}.`,
                  parameters: { id: '$response.body#/id' },
                },
              },
            }
          : {}),
      },
      ...v1Responses,
      404: problemResponse(`No such ${family.noun.one}`),
    },
  })
  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await getSession(deps, family, id, c.req.raw.signal), 200)
  })

  if (child) {
    const route = listRoute(
      child,
      `${base}/{id}/task-sessions`,
      `list${family.noun.pascal}TaskSessions`,
      `List the task sessions of one ${family.noun.one}`,
      { params: IdParams, query: listQuerySchemaOf(child, family.children?.via) },
      family
    )
    app.openapi(route, async (c) => {
      const page = await listSessions(deps, {
        family: child,
        query: c.req.valid('query'),
        parent: { family, id: c.req.valid('param').id },
        signal: c.req.raw.signal,
      })
      if (page.nextPageToken) c.header('Link', nextLink(c.req.url, page.nextPageToken))
      return c.json(page, 200)
    })
  }
}

/** The routes of the family `key` (each family is a route group of its own: `routes/groups/`). */
export const registerFamilyRoutes = (app: OpenAPIHono, deps: SessionServiceDeps, key: FamilyKey): void => {
  const family: Family<SessionItem> = FAMILIES[key]
  registerFamily(app, deps, family, family.children ? FAMILIES[family.children.family] : undefined)
}

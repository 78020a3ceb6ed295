/**
 * @module `GET /v1/events`: the change feed (see `services/events.ts`). Declares the operation, its
 * problems and the `links` from a page to the next (`nextCursor` → `cursor`).
 */
import { createRoute } from '@hono/zod-openapi'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { EventsQuerySchema } from '../families/events-query'
import { EventPageSchema } from '../model/event'
import { pollEvents, type EventServiceDeps } from '../services/events'
import { bearerSecurity, okResponse, problemResponse, v1Responses } from './responses'

export const LIST_EVENTS = 'listEvents'

const route = createRoute({
  method: 'get',
  path: '/v1/events',
  operationId: LIST_EVENTS,
  tags: ['events'],
  summary: 'Poll the change feed: sessions that started or finished',
  description:
    'One event when a session starts (`session.started`, at its `creationTime`) and one when it finishes (`session.finished`, at its `endTime`), across the six families, in `occurredAt` then `id` order. ' +
    "Start with `since` (default: 24 hours ago), then send the previous answer's `nextCursor` as `cursor` with the same other parameters. " +
    'Following the cursor gives every event at or after `since` exactly once, running sessions included (their finished event comes when they finish). ' +
    'Only events at most `EVENTS_SETTLE_SECONDS` (default 60) old are given, so that a session Enterprise Manager records a little late is not skipped. ' +
    '`caughtUp: true`: nothing newer is ready; wait (e.g. a minute) before the next poll. A cursor older than `EVENTS_MAX_AGE_DAYS` (default 30) is a 410.',
  security: bearerSecurity,
  'x-pagination': {
    cursorParam: 'cursor',
    cursorPath: '$.nextCursor',
    itemsPath: '$.items',
    sizeParam: 'pageSize',
  },
  request: { query: EventsQuerySchema },
  responses: {
    200: {
      ...okResponse(
        'A page of events',
        { 'application/json': { schema: EventPageSchema } },
        {
          Link: {
            description:
              'RFC 8288 link to the next page (`rel="next"`), present when not caught up, e.g. `</v1/events?cursor=…>; rel="next"`.',
            schema: { type: 'string' as const },
          },
        }
      ),
      links: {
        next: {
          operationId: LIST_EVENTS,
          parameters: { cursor: '$response.body#/nextCursor' },
          description: 'The next poll: the same parameters, `nextCursor` as `cursor` (and no `since`).',
        },
      },
    },
    ...v1Responses,
    410: problemResponse('The cursor is older than `EVENTS_MAX_AGE_DAYS`: start again with `since`'),
  },
})

/** The request's own URL with the cursor (and without `since`, which goes with the first poll only). */
const nextLink = (requestUrl: string, cursor: string): string => {
  const url = new URL(requestUrl)
  url.searchParams.delete('since')
  url.searchParams.set('cursor', cursor)
  return `<${url.pathname}${url.search}>; rel="next"`
}

export const registerEventRoutes = (app: OpenAPIHono, deps: EventServiceDeps): void => {
  app.openapi(route, async (c) => {
    const page = await pollEvents(deps, c.req.valid('query'), c.req.raw.signal)
    if (!page.caughtUp) c.header('Link', nextLink(c.req.url, page.nextCursor))
    c.header('Cache-Control', 'no-store')
    return c.json(page, 200)
  })
}

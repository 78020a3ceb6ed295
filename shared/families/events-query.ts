/**
 * @module The query of `GET /v1/events` as one strict zod object (validation and OpenAPI in one):
 * `since` or `cursor`, the selection (`kind`, `level`, `type`, `result`) and `pageSize`.
 */
import { z } from '@hono/zod-openapi'
import { enumComponent } from '../model/common'
import { EVENT_LEVELS, EventTypeSchema } from '../model/event'
import { ReportKindSchema } from '../model/report'
import { anyOf } from './filter-ops'
import { FILTERS, multiEnum } from './filters'
import { PAGING } from './list-query'

export const EVENT_KINDS = ['backup', 'replica', 'cdp'] as const

/** Cursors stay far below this (the longest measured is in the README); the URL limit admits it. */
export const MAX_CURSOR_LENGTH = 4096

export const EventsQuerySchema = z.strictObject({
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({
      param: {
        name: 'since',
        in: 'query',
        description:
          'First poll only: events at or after this time (RFC 3339 with an offset). Default: 24 hours ago. With `cursor` it is a 400.',
      },
      example: '2026-11-01T00:00:00Z',
    }),
  cursor: z
    .string()
    .min(1)
    .max(MAX_CURSOR_LENGTH)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'is not a valid cursor')
    .optional()
    .openapi({
      param: {
        name: 'cursor',
        in: 'query',
        description:
          "The previous answer's `nextCursor`. Send every other parameter exactly as in the request that produced it (no `since`).",
      },
    }),
  kind: multiEnum(
    'kind',
    ReportKindSchema,
    anyOf(
      'Kinds of session: backup, replica, cdp; repeat the parameter or separate with commas. Default: all.'
    )
  ),
  level: multiEnum(
    'level',
    enumComponent('EventLevel', EVENT_LEVELS),
    anyOf(
      'Job-level (job and CDP policy sessions) or task-level (per-VM) sessions; repeatable. Default: both.'
    )
  ),
  type: multiEnum(
    'type',
    EventTypeSchema,
    anyOf('Event types: session.started, session.finished; repeatable. Default: both.')
  ),
  result: FILTERS.result.openapi({
    param: {
      name: 'result',
      in: 'query',
      style: 'form',
      explode: true,
      description:
        'Only finished events with these results (started events always pass); repeat the parameter or separate with commas.',
    },
  }),
  pageSize: PAGING.pageSize.openapi({
    param: { name: 'pageSize', in: 'query', description: 'Events per page, 1 to 1000.' },
  }),
})

export type EventsQuery = z.output<typeof EventsQuerySchema>

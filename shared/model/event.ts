/**
 * @module The events feed's public shapes: an event (a session started or finished, with the
 * session as its family's list route gives it) and the page `{ items, nextCursor, caughtUp }`.
 */
import { z } from '@hono/zod-openapi'
import { TimeSchema } from './common'
import { FAMILY_KEYS } from './family-keys'
import { CdpReplicaSessionSchema, JobSessionSchema } from './job-session'
import { CdpReplicaTaskSessionSchema, TaskSessionSchema } from './task-session'

export const EVENT_TYPES = ['session.started', 'session.finished'] as const
export type EventType = (typeof EVENT_TYPES)[number]
export const EVENT_LEVELS = ['job', 'task'] as const
export type EventLevel = (typeof EVENT_LEVELS)[number]

export const EventTypeSchema = z.enum(EVENT_TYPES).openapi('EventType', {
  example: 'session.finished',
  'x-enum-varnames': ['SessionStarted', 'SessionFinished'],
})

export const EventSessionSchema = z.union([
  JobSessionSchema,
  CdpReplicaSessionSchema,
  TaskSessionSchema,
  CdpReplicaTaskSessionSchema,
])
export type EventSession = z.infer<typeof EventSessionSchema>

export const EventSchema = z
  .object({
    id: z.string().openapi({
      description:
        '`<session id>:started` or `<session id>:finished`: unique per event, stable across polls (deduplicate on it).',
      example: '821cc74e-9447-40b6-a2df-90aa47101233:finished',
    }),
    type: EventTypeSchema,
    occurredAt: TimeSchema.openapi({
      description: "The session's `creationTime` (started) or `endTime` (finished).",
    }),
    family: z.enum(FAMILY_KEYS).openapi({
      description: "The session's family: the path segment of its list and get routes.",
      example: 'backup-job-sessions',
    }),
    session: EventSessionSchema.openapi({
      description: "The session as its family's list and get routes give it, when the page was read.",
    }),
  })
  .openapi('Event', { description: 'A session started or finished.' })
export type Event = z.infer<typeof EventSchema>

export const EventPageSchema = z
  .object({
    items: z.array(EventSchema),
    nextCursor: z.string().openapi({
      description:
        'Pass as `cursor` in the next poll (with the same other parameters). Never null: store it, poll again later.',
      example: 'eyJ2IjoxLCJrIjoiZXYifQ.c2lnbmF0dXJl',
    }),
    caughtUp: z.boolean().openapi({
      description:
        'True when this page reached the horizon (now − the settle time): nothing newer is ready, wait before the next poll. False: poll again at once.',
      example: true,
    }),
  })
  .openapi('EventPage')
export type EventPage = z.infer<typeof EventPageSchema>

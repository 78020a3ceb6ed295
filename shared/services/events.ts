/**
 * @module `GET /v1/events`: a change feed over the six families, read through the EM reader.
 *
 * A stream is one family on one clock (creation time: `session.started`; end time:
 * `session.finished`). A poll reads one keyset page from each stream that still has something up to
 * the cursor's horizon (ascending, bounded above by the horizon and below by `since`; `result`
 * applies to finished streams only), merges them by (occurredAt, id) and signs where each stream
 * stands into the next cursor. A stream drained to the horizon is not read again until every stream
 * is: then the next poll moves the horizon to now − settle and reads each stream once from its own
 * position, so a session written late but after that position is still given, and a session that
 * was running at one poll gives its finished event when its end time is reached.
 *
 * Cost: a poll that is caught up costs one EM query per selected stream (at most 12); while catching
 * up, only the streams that still have events up to the horizon are read.
 */
import type { EventsQuery } from '../families/events-query'
import { EVENT_KINDS } from '../families/events-query'
import type { ListFilters } from '../families/filter-ops'
import { CursorExpiredError, InvalidParametersError } from '../model/errors'
import { EVENT_LEVELS, EVENT_TYPES, type EventPage, type EventSession } from '../model/event'
import {
  CursorError,
  decodeCursor,
  encodeCursor,
  type EventCursor,
  type StreamState,
} from '../paging/event-cursor'
import { fingerprint, type PageTokenCodec } from '../paging/page-token'
import type { EmReader, Page } from './em-reader'
import { mergePages, selectStreams, type Stream, type StreamPage } from './event-streams'
import { createLimiter } from './limiter'

export interface EventServiceDeps {
  readonly reader: EmReader
  readonly tokens: PageTokenCodec
  readonly settleSeconds: number
  readonly maxAgeDays: number
  readonly now: () => Date
  /** EM requests one poll keeps in flight (default 4). */
  readonly concurrency?: number
}

const DAY_MS = 86_400_000
const DEFAULT_SINCE_MS = DAY_MS

const sorted = <T extends string>(values: readonly string[] | undefined, all: readonly T[]): T[] =>
  all.filter((v) => values === undefined || values.includes(v))

/** The parameters a cursor is bound to (order and repetition style do not matter). */
const selectionOf = (q: EventsQuery) => ({
  kind: sorted(q.kind, EVENT_KINDS),
  level: sorted(q.level, EVENT_LEVELS),
  type: sorted(q.type, EVENT_TYPES),
  result: q.result === undefined ? undefined : [...new Set(q.result)].sort(),
  pageSize: q.pageSize,
})

const iso = (ms: number): string => new Date(ms).toISOString()

/** The filters one stream reads with: from `since`, up to the horizon (inclusive), `result` on finished streams. */
const filtersOf = (
  stream: Stream,
  since: number,
  horizon: number,
  result: string[] | undefined
): ListFilters =>
  stream.clock === 'created'
    ? { createdAfter: iso(since), createdBefore: iso(horizon + 1) }
    : {
        endedAfter: iso(since),
        endedBefore: iso(horizon + 1),
        ...(result === undefined ? {} : { result }),
      }

const toStreamPage = (page: Page<EventSession>): StreamPage => ({
  entries: page.entries,
  keys: page.keys,
  more: page.next !== null,
})

/** The cursor's state for this poll: the first one from `since`, else the cursor's, with the horizon moved on when it was caught up. */
const startOf = (
  deps: EventServiceDeps,
  q: EventsQuery,
  fp: string,
  streamCount: number,
  nowMs: number
): EventCursor => {
  const horizon = nowMs - deps.settleSeconds * 1000
  if (q.cursor === undefined) {
    const since = q.since === undefined ? nowMs - DEFAULT_SINCE_MS : Date.parse(q.since)
    const streams = Array.from({ length: streamCount }, (): StreamState => ({
      position: null,
      drained: false,
    }))
    return { fingerprint: fp, since, horizon, issuedAt: nowMs, streams }
  }
  if (q.since !== undefined)
    throw new InvalidParametersError([
      {
        parameter: 'since',
        message: 'must not be sent with cursor (the cursor already says where to go on)',
      },
    ])
  let c: EventCursor
  try {
    c = decodeCursor(deps.tokens, q.cursor, fp)
  } catch (e) {
    if (e instanceof CursorError)
      throw new InvalidParametersError([{ parameter: 'cursor', message: e.message }])
    throw e
  }
  if (c.streams.length !== streamCount)
    throw new InvalidParametersError([{ parameter: 'cursor', message: 'is not a valid cursor' }])
  if (nowMs - c.issuedAt > deps.maxAgeDays * DAY_MS) throw new CursorExpiredError(deps.maxAgeDays)
  if (c.streams.every((s) => s.drained) && horizon > c.horizon) {
    // Caught up last time: read every stream again, from its own position up to the new horizon.
    return { ...c, horizon, streams: c.streams.map((s) => ({ position: s.position, drained: false })) }
  }
  return c
}

export const pollEvents = async (
  deps: EventServiceDeps,
  q: EventsQuery,
  signal?: AbortSignal
): Promise<EventPage> => {
  const nowMs = deps.now().getTime()
  const selection = selectionOf(q)
  const fp = fingerprint(selection)
  const streams = selectStreams({ kinds: selection.kind, levels: selection.level, types: selection.type })
  const start = startOf(deps, q, fp, streams.length, nowMs)
  const limit = createLimiter(deps.concurrency ?? 4)

  const pages = await Promise.all(
    streams.map((stream, i) => {
      const state = start.streams[i]
      if (state === undefined || state.drained) return undefined
      return limit(() =>
        deps.reader.page<EventSession>(stream.family, {
          filters: filtersOf(stream, start.since, start.horizon, selection.result),
          clock: stream.clock,
          direction: 'asc',
          pageSize: q.pageSize,
          position: state.position,
          signal,
        })
      ).then(toStreamPage)
    })
  )
  const merged = mergePages(streams, start.streams, pages, q.pageSize, start.horizon)
  const next: EventCursor = { ...start, issuedAt: nowMs, streams: merged.states }
  return {
    items: merged.events,
    nextCursor: encodeCursor(deps.tokens, next),
    caughtUp: merged.states.every((s) => s.drained),
  }
}

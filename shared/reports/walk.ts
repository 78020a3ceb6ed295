/**
 * @module Walks every EM page of one session type over a report window: page 1 first (it says how
 * many pages there are), then pages 2..N concurrently under a shared limit, each retried a bounded
 * number of times, feeding each page to the caller as soon as it arrives (out of order).
 *
 * Page numbers are stable during the walk: the window is closed (`CreationTime < to`) and sorted
 * ascending, so sessions EM creates meanwhile (after `to`) fall outside it instead of shifting pages.
 * A page that still fails after its retries makes the walk `complete: false`; it never silently
 * returns less.
 */
import { EmError } from '../em/errors'
import type { EmQuery } from '../em/filter'
import type { EmField, EmQueryType } from '../em/query-types'
import type { RawSession } from '../em/raw'
import type { EmClient } from '../em/types'
import { createLimiter, DEFAULT_REPORT_CONCURRENCY, type Limiter } from './limiter'

/** The creation-time field each query type filters and sorts on (CDP types use `CreationTimeUTC`). */
const CREATION_FIELD = {
  BackupJobSession: 'CreationTime',
  BackupTaskSession: 'CreationTime',
  ReplicaJobSession: 'CreationTime',
  ReplicaTaskSession: 'CreationTime',
  CdpReplicaSession: 'CreationTimeUTC',
  CdpReplicaTaskSession: 'CreationTimeUTC',
} as const satisfies { [K in EmQueryType]: EmField<K> }

export const REPORT_PAGE_SIZE = 1000

export interface WalkProgress {
  readonly type: EmQueryType
  readonly pagesFetched: number
  /** null until page 1 has answered. */
  readonly pagesTotal: number | null
  readonly sessions: number
}

export interface WalkOptions<I> {
  readonly em: EmClient
  readonly type: EmQueryType
  readonly from: Date
  readonly to: Date
  readonly map: (raw: RawSession) => I
  readonly onItems: (items: I[]) => void
  /** Shared with other walks of the same report; defaults to a private limiter of `concurrency`. */
  readonly limiter?: Limiter | undefined
  readonly concurrency?: number | undefined
  /** Extra attempts per page after the first (default 2). */
  readonly retries?: number | undefined
  /** Wait before retry n is n × this (default 250 ms). */
  readonly retryDelayMs?: number | undefined
  readonly pageSize?: number | undefined
  readonly onProgress?: ((progress: WalkProgress) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

export interface WalkResult {
  readonly type: EmQueryType
  readonly complete: boolean
  readonly pagesFetched: number
  /** null when page 1 could not be read. */
  readonly pagesTotal: number | null
  readonly sessionsScanned: number
  /** The error of the first page that failed for good. */
  readonly error?: unknown
}

/** The EM query for one page of a window: `created >= from ; created < to`, ascending. */
export const windowQuery = (
  type: EmQueryType,
  from: Date,
  to: Date,
  page: number,
  pageSize: number
): EmQuery => {
  const field = CREATION_FIELD[type]
  return {
    type,
    filter: {
      and: [
        { field, op: '>=', value: from },
        { field, op: '<', value: to },
      ],
    },
    sort: { field, direction: 'asc' },
    pageSize,
    page,
  }
}

/** Credentials, configuration and "no such thing" do not get better by asking again. */
const isRetryable = (err: unknown): boolean =>
  err instanceof EmError && err.kind !== 'auth' && err.kind !== 'config' && err.kind !== 'not-found'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Walks all pages; resolves (never rejects on EM errors) with what was read and whether it was all. */
export const walkPages = async <I>(o: WalkOptions<I>): Promise<WalkResult> => {
  const limit = o.limiter ?? createLimiter(o.concurrency ?? DEFAULT_REPORT_CONCURRENCY)
  const retries = o.retries ?? 2
  const delay = o.retryDelayMs ?? 250
  const pageSize = o.pageSize ?? REPORT_PAGE_SIZE
  let pagesFetched = 0
  let pagesTotal: number | null = null
  let sessions = 0
  const errors: unknown[] = []

  const fetchPage = async (page: number): Promise<boolean> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await limit(() =>
          o.em.query(windowQuery(o.type, o.from, o.to, page, pageSize), o.signal)
        )
        const items = result.entities.map(o.map)
        o.onItems(items)
        if (page === 1) pagesTotal = Math.max(1, result.pagesCount)
        pagesFetched += 1
        sessions += items.length
        o.onProgress?.({ type: o.type, pagesFetched, pagesTotal, sessions })
        return true
      } catch (error) {
        if (attempt >= retries || !isRetryable(error) || o.signal?.aborted === true) {
          errors.push(error)
          return false
        }
        if (delay > 0) await sleep(delay * (attempt + 1))
      }
    }
  }

  if ((await fetchPage(1)) && pagesTotal !== null) {
    await Promise.all(Array.from({ length: pagesTotal - 1 }, (_, i) => fetchPage(i + 2)))
  }
  return {
    type: o.type,
    complete: errors.length === 0,
    pagesFetched,
    pagesTotal,
    sessionsScanned: sessions,
    ...(errors.length === 0 ? {} : { error: errors[0] }),
  }
}

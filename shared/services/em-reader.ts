/**
 * @module The one reader of EM's sessions, used by every consumer (list pages, report walks, and
 * the events feed and rollups next). It owns: the EM query (filters as typed conditions, keyset or
 * window, sort), the page fetch, decode and mapping (through the family's mapper, each session's
 * instants carried as epoch ms), and the re-check of every entry against the caller's filters.
 *
 * Retries: the EM client's transport is the one retry layer (an EM call is tried at most twice,
 * within the caller's deadline and abort signal); this reader adds none. A walk bounds its EM
 * requests in flight with a limiter shared by all walks of one read.
 */
import type { FilterExpr } from '../em/filter'
import type { EmField } from '../em/query-types'
import type { EmClient } from '../em/types'
import { emConditions, recheck } from '../families/apply'
import type { Family, SessionItem } from '../families/family'
import type { ListFilters } from '../families/filter-ops'
import type { Timed } from '../model/timed'
import {
  nextPosition,
  resumeCondition,
  returnedBefore,
  type KeysetEntry,
  type KeysetPosition,
} from '../paging/keyset'
import type { Limiter } from './limiter'

/** Which instant a read pages or windows on. */
export type Clock = 'created' | 'ended'

/** The instant of an entry on a clock (null: a running session has no end). */
export const instantOf = <I>(entry: Timed<I>, clock: Clock): number | null =>
  clock === 'created' ? entry.createdMs : entry.endedMs

export interface PageRequest {
  /** The caller's filters (any that the family applies; paging parameters are ignored here). */
  readonly filters: ListFilters
  readonly clock?: Clock | undefined
  readonly direction: 'asc' | 'desc'
  readonly pageSize: number
  /** Where the previous page ended; null for the first page. */
  readonly position: KeysetPosition | null
  readonly signal?: AbortSignal | undefined
}

export interface Page<I> {
  /** The page's sessions, in order, each re-checked against the filters. */
  readonly entries: Timed<I>[]
  /** The position after this page; null when EM has nothing beyond it. */
  readonly next: KeysetPosition | null
  /** Sessions this page took from EM before the re-check (0: EM had none here). */
  readonly scanned: number
  /**
   * The id and instant of every session this page took from EM, re-checked away or not, in EM's
   * order: what a caller that consumes only part of a page (the events feed) advances its position over.
   */
  readonly keys: readonly KeysetEntry[]
}

export interface WindowProgress {
  readonly pagesFetched: number
  /** null until page 1 has answered. */
  readonly pagesTotal: number | null
  readonly sessions: number
}

export interface WalkRequest<I> {
  /** `from` inclusive, `to` exclusive, on `clock`. */
  readonly from: Date
  readonly to: Date
  readonly clock?: Clock | undefined
  readonly filters?: ListFilters | undefined
  /** Called once per page as pages arrive (out of order), with the page's re-checked entries. */
  readonly onEntries: (entries: Timed<I>[]) => void
  readonly limiter: Limiter
  readonly pageSize?: number | undefined
  /**
   * Sessions the window is known to hold at least (a rollup's count at its last roll): the pages
   * they fill are asked for together with page 1, saving a round trip. A page past the last one
   * (the count was too high) is ignored.
   */
  readonly expectedSessions?: number | undefined
  readonly onProgress?: ((p: WindowProgress) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

export interface WalkResult {
  readonly complete: boolean
  readonly pagesFetched: number
  /** null when page 1 could not be read. */
  readonly pagesTotal: number | null
  readonly sessionsScanned: number
  /** The error of the first page that failed. */
  readonly error?: unknown
}

/** Sessions per EM page when walking a window (EM's largest comfortable page). */
export const WALK_PAGE_SIZE = 1000

const fieldOf = <I extends SessionItem>(family: Family<I>, clock: Clock): EmField =>
  clock === 'created' ? family.timeFields.created : family.timeFields.ended

const and = (conditions: FilterExpr[]): FilterExpr | undefined =>
  conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { and: conditions }

export interface EmReader {
  /** One keyset page: exactly one EM query-service request (plus a logon when needed). */
  page<I extends SessionItem>(family: Family<I>, req: PageRequest): Promise<Page<I>>
  /**
   * Every EM page of a closed window, ascending on the clock: page 1 first (it says how many there
   * are), then the rest concurrently under the limiter. Page numbers are stable during the walk: the
   * window is closed and sorted, so sessions EM creates meanwhile fall outside it. Resolves (never
   * rejects on EM errors) with what was read and whether it was all.
   */
  walk<I extends SessionItem>(family: Family<I>, req: WalkRequest<I>): Promise<WalkResult>
  /** One session by id (`EmNotFoundError` when EM has none). */
  get<I extends SessionItem>(family: Family<I>, id: string, signal?: AbortSignal): Promise<Timed<I>>
}

export const createEmReader = (em: EmClient): EmReader => ({
  async page(family, req) {
    const clock = req.clock ?? 'created'
    const field = fieldOf(family, clock)
    const position = req.position
    const conditions = emConditions(family, req.filters)
    if (position) conditions.push(resumeCondition(position, field))
    const page = await em.query(
      {
        type: family.emType,
        filter: and(conditions),
        sort: { field, direction: req.direction },
        pageSize: req.pageSize + (position?.skip ?? 0),
        page: 1,
      },
      req.signal
    )
    // One pass: map every entity (a bad one fails the page wherever it is), keep the first
    // `pageSize` not returned before, and note whether EM had more.
    const returned = position ? returnedBefore(position) : null
    const taken: ReturnType<typeof family.map>[] = []
    const keys: KeysetEntry[] = []
    let fresh = 0
    for (const raw of page.entities) {
      const entry = family.map(raw)
      const ms = instantOf(entry, clock)
      if (ms === null) continue // EM matched a running session on its end time: not on this clock
      const key = { id: entry.item.id, ms }
      if (returned !== null && returned(key)) continue
      fresh += 1
      if (taken.length < req.pageSize) {
        taken.push(entry)
        keys.push(key)
      }
    }
    const more = taken.length > 0 && (page.pagesCount > 1 || fresh > req.pageSize)
    return {
      entries: taken.filter(recheck(family, req.filters)),
      next: more ? nextPosition(position, req.direction, keys) : null,
      scanned: taken.length,
      keys,
    }
  },

  async walk(family, req) {
    const clock = req.clock ?? 'created'
    const field = fieldOf(family, clock)
    const pageSize = req.pageSize ?? WALK_PAGE_SIZE
    const fromMs = req.from.getTime()
    const toMs = req.to.getTime()
    const filters = req.filters ?? {}
    const conditions = emConditions(family, filters)
    conditions.push({ field, op: '>=', value: req.from }, { field, op: '<', value: req.to })
    const filter = and(conditions)
    const accepts = recheck(family, filters)
    const inWindow = (e: Timed<unknown>): boolean => {
      const ms = instantOf(e, clock)
      return ms !== null && ms >= fromMs && ms < toMs
    }
    let pagesFetched = 0
    let pagesTotal: number | null = null
    let sessions = 0
    const errors: unknown[] = []
    /** Errors of pages asked for before page 1 said how many there are (ignored past the last). */
    const early: { page: number; error: unknown }[] = []
    const known = Math.max(1, Math.ceil((req.expectedSessions ?? 0) / pageSize))

    const fetchPage = async (page: number): Promise<void> => {
      try {
        const result = await req.limiter(() =>
          em.query(
            { type: family.emType, filter, sort: { field, direction: 'asc' }, pageSize, page },
            req.signal
          )
        )
        const entries = result.entities.map((raw) => family.map(raw))
        if (page === 1) pagesTotal = Math.max(1, result.pagesCount)
        pagesFetched += 1
        sessions += entries.length
        req.onEntries(entries.filter((e) => inWindow(e) && accepts(e)))
        req.onProgress?.({ pagesFetched, pagesTotal, sessions })
      } catch (error) {
        if (page > 1 && page <= known) early.push({ page, error })
        else errors.push(error)
      }
    }

    await Promise.all(Array.from({ length: known }, (_, i) => fetchPage(i + 1)))
    const total = pagesTotal
    if (total !== null) {
      for (const e of early) if (e.page <= total) errors.push(e.error)
      await Promise.all(
        Array.from({ length: Math.max(0, total - known) }, (_, i) => fetchPage(known + i + 1))
      )
    }
    return {
      complete: errors.length === 0,
      pagesFetched,
      pagesTotal,
      sessionsScanned: sessions,
      ...(errors.length === 0 ? {} : { error: errors[0] }),
    }
  },

  async get(family, id, signal) {
    return family.map(await em.getEntity(family.emType, id.toLowerCase(), signal))
  },
})

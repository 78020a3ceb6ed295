/**
 * @module Keyset paging on one of a session's instants (creation time for lists; the events feed also
 * pages on end time), robust to what EM leaves unknown (whether its filter honours fractional
 * seconds, how it orders ties).
 *
 * EM is asked for the boundary's whole second and beyond (`< S+1s` newest first, `>= S` oldest
 * first). Of what comes back, a session is already returned when it lies beyond the boundary instant
 * inside that second, or exactly at the boundary instant with an id we returned. `skip` counts the
 * sessions of that second already returned, so EM's page is enlarged by exactly that many. The
 * position stays small and bounded: only ids tied at the exact boundary millisecond are carried, at
 * most `MAX_SEEN` of them; past that (more than `MAX_SEEN` sessions created in one millisecond) it
 * carries their count instead and relies on EM answering ties in the same order twice (`tied`).
 */
import type { FilterExpr } from '../em/filter'
import type { EmField } from '../em/query-types'

/** Where a walk stands: the last instant returned, the ids tied at it, and how many of its second were returned. */
export interface KeysetPosition {
  readonly direction: 'asc' | 'desc'
  /** The instant (epoch ms) of the last session returned. */
  readonly boundary: number
  /** Ids already returned whose instant is exactly the boundary (ties at the millisecond). */
  readonly seen: readonly string[]
  /** More than `MAX_SEEN` ties: how many at the boundary were returned (then `seen` is empty). */
  readonly tied?: number | undefined
  /**
   * Every id up to this one (in id order) at the boundary instant was returned: what the events
   * feed keeps instead of `seen` when many sessions share one millisecond (it gives ties in id
   * order; a cursor must fit in a URL). It relies on EM ordering such ties by id.
   */
  readonly seenUpTo?: string | undefined
  /** How many sessions of the boundary's whole second were already returned. */
  readonly skip: number
}

/** Ids a position carries at most (a token stays under `MAX_TOKEN_LENGTH` whatever EM holds). */
export const MAX_SEEN = 64
/** Sessions of one second a walk can step over (EM's page is enlarged by `skip`: bounded with it). */
export const MAX_SKIP = 10_000

/** A session as paging sees it: its id and its instant on the paged clock. */
export interface KeysetEntry {
  readonly id: string
  readonly ms: number
}

const SECOND = 1000
const secondOf = (ms: number): number => Math.floor(ms / SECOND) * SECOND

/** The condition that resumes a walk after `position`, on the EM field of the paged instant. */
export const resumeCondition = (position: KeysetPosition, field: EmField): FilterExpr => {
  const s = secondOf(position.boundary)
  return position.direction === 'desc'
    ? { field, op: '<', value: new Date(s + SECOND) }
    : { field, op: '>=', value: new Date(s) }
}

/**
 * A test, for the entries of one EM answer in EM's order: true when the entry was returned by an
 * earlier page of the walk (or was created since, beyond the boundary).
 */
export const returnedBefore = (position: KeysetPosition): ((entry: KeysetEntry) => boolean) => {
  let tiesLeft = position.tied ?? 0
  return (entry) => {
    if (entry.ms === position.boundary) {
      if (position.seenUpTo !== undefined && entry.id <= position.seenUpTo) return true
      if (position.tied === undefined) return position.seen.includes(entry.id)
      if (tiesLeft === 0) return false
      tiesLeft -= 1
      return true
    }
    return position.direction === 'desc' ? entry.ms > position.boundary : entry.ms < position.boundary
  }
}

/** The position after a page whose sessions, in page order, are `taken`; null when it took none. */
export const nextPosition = (
  previous: KeysetPosition | null,
  direction: 'asc' | 'desc',
  taken: readonly KeysetEntry[],
  /** Ids carried at most before the position keeps their count instead (the events cursor keeps fewer). */
  maxSeen = MAX_SEEN
): KeysetPosition | null => {
  const last = taken[taken.length - 1]
  if (!last) return null
  const boundary = last.ms
  const second = secondOf(boundary)
  const sameSecond = previous !== null && secondOf(previous.boundary) === second
  let skip = sameSecond ? previous.skip : 0
  const carried = previous !== null && previous.boundary === boundary
  const seen = carried ? [...previous.seen] : []
  let tied = carried ? (previous.tied ?? previous.seen.length) : 0
  for (const t of taken) {
    if (secondOf(t.ms) === second) skip++
    if (t.ms === boundary) {
      seen.push(t.id)
      tied++
    }
  }
  const upTo = carried && previous.seenUpTo !== undefined ? { seenUpTo: previous.seenUpTo } : {}
  if (tied > maxSeen || (carried && previous.tied !== undefined))
    return { direction, boundary, seen: [], tied, skip, ...upTo }
  return { direction, boundary, seen, skip, ...upTo }
}

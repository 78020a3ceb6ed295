/**
 * @module Keyset paging on one of a session's instants (creation time for lists; the events feed also
 * pages on end time), robust to what EM leaves unknown (whether its filter honours fractional
 * seconds, how it orders ties).
 *
 * EM is asked for the boundary's whole second and beyond (`< S+1s` newest first, `>= S` oldest
 * first). Of what comes back, a session is already returned when it lies beyond the boundary instant
 * inside that second, or exactly at the boundary instant with an id we returned. `skip` counts the
 * sessions of that second already returned, so EM's page is enlarged by exactly that many. The
 * position stays small: only ids tied at the exact boundary millisecond are carried.
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
  /** How many sessions of the boundary's whole second were already returned. */
  readonly skip: number
  /**
   * Every id up to this one (in id order) at the boundary instant was returned: what the events
   * feed keeps instead of `seen` when hundreds of sessions share one millisecond (a cursor must fit
   * in a URL). It relies on EM ordering such ties by id, as its query service does here.
   */
  readonly seenUpTo?: string | undefined
}

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

/** True when this session was returned by an earlier page of the walk (or was created since, beyond the boundary). */
export const alreadyReturned = (position: KeysetPosition, entry: KeysetEntry): boolean => {
  if (entry.ms === position.boundary)
    return (
      position.seen.includes(entry.id) || (position.seenUpTo !== undefined && entry.id <= position.seenUpTo)
    )
  return position.direction === 'desc' ? entry.ms > position.boundary : entry.ms < position.boundary
}

/** The position after a page whose sessions, in page order, are `taken`; null when it took none. */
export const nextPosition = (
  previous: KeysetPosition | null,
  direction: 'asc' | 'desc',
  taken: readonly KeysetEntry[]
): KeysetPosition | null => {
  const last = taken[taken.length - 1]
  if (!last) return null
  const boundary = last.ms
  const second = secondOf(boundary)
  const sameSecond = previous !== null && secondOf(previous.boundary) === second
  let skip = sameSecond ? previous.skip : 0
  const same = previous !== null && previous.boundary === boundary
  const seen = same ? [...previous.seen] : []
  for (const t of taken) {
    if (secondOf(t.ms) === second) skip++
    if (t.ms === boundary) seen.push(t.id)
  }
  const seenUpTo = same ? previous.seenUpTo : undefined
  return seenUpTo === undefined
    ? { direction, boundary, seen, skip }
    : { direction, boundary, seen, skip, seenUpTo }
}

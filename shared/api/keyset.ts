/**
 * @module Keyset paging on creation time, robust to what EM leaves unknown (whether its filter
 * honours fractional seconds, how it orders ties).
 *
 * EM is asked for the boundary's whole second and beyond (`< S+1s` newest first, `>= S` oldest
 * first). Of what comes back, a session is already returned when it lies beyond the boundary instant
 * inside that second, or exactly at the boundary instant with an id we returned. `skip` counts the
 * sessions of that second already returned, so EM's page is enlarged by exactly that many. The token
 * stays small: only ids tied at the exact boundary millisecond are carried.
 */
import type { FilterExpr } from '../em/filter'
import type { EmField } from '../em/query-types'
import type { PagePosition } from './page-token'

export type Direction = 'asc' | 'desc'
const SECOND = 1000
const secondOf = (ms: number): number => Math.floor(ms / SECOND) * SECOND

/** The condition that resumes a walk after `position`, on EM's creation-time field. */
export const resumeCondition = (position: PagePosition, field: EmField): FilterExpr => {
  const s = secondOf(position.boundary)
  return position.direction === 'desc'
    ? { field, op: '<', value: new Date(s + SECOND) }
    : { field, op: '>=', value: new Date(s) }
}

/** True when this session was returned by an earlier page of the walk (or was created since, beyond the boundary). */
export const alreadyReturned = (position: PagePosition, createdMs: number, id: string): boolean => {
  if (createdMs === position.boundary) return position.seen.includes(id)
  return position.direction === 'desc' ? createdMs > position.boundary : createdMs < position.boundary
}

/** The position after a page whose last session is `taken[taken.length - 1]` (sessions in page order). */
export const nextPosition = (
  previous: PagePosition | null,
  base: Pick<PagePosition, 'route' | 'fingerprint' | 'direction'>,
  taken: readonly { readonly createdMs: number; readonly id: string }[]
): PagePosition | null => {
  const last = taken[taken.length - 1]
  if (!last) return null
  const boundary = last.createdMs
  const second = secondOf(boundary)
  const sameSecond = previous !== null && secondOf(previous.boundary) === second
  let skip = sameSecond ? previous.skip : 0
  const seen = previous !== null && previous.boundary === boundary ? [...previous.seen] : []
  for (const t of taken) {
    if (secondOf(t.createdMs) === second) skip++
    if (t.createdMs === boundary) seen.push(t.id)
  }
  return { ...base, boundary, seen, skip }
}

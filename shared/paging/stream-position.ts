/**
 * @module Where one stream of the events feed stands after a page of which only part was consumed.
 * The reader returns every session it took from EM (`keys`, re-checked away or not); the feed
 * consumes a prefix of them in (instant, id) order: those before the first event it did not give
 * (`limit`), never one beyond the horizon (EM is asked to whole seconds, so a page may hold a few
 * sessions just past it, which must stay unread). The position then counts exactly the sessions
 * EM will answer again (see `keyset.ts`), so neither a tie at the millisecond nor a session
 * re-checked away can stall or repeat the stream.
 */
import { nextPosition, type KeysetEntry, type KeysetPosition } from './keyset'

/** Ids a cursor keeps per stream before it keeps only the greatest (see `KeysetPosition.seenUpTo`). */
export const MAX_SEEN_IN_CURSOR = 8

/** (instant, id) order: the feed's order within one stream. */
export const compareKeys = (a: KeysetEntry, b: KeysetEntry): number =>
  a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * The ascending position after consuming, of `keys`, those at most `horizon` and before `limit`
 * (all of them when `limit` is null); `previous` when none is consumed.
 */
export const consumedPosition = (
  previous: KeysetPosition | null,
  keys: readonly KeysetEntry[],
  limit: KeysetEntry | null,
  horizon: number
): KeysetPosition | null => {
  const consumed = keys
    .filter((k) => k.ms <= horizon && (limit === null || compareKeys(k, limit) < 0))
    .sort(compareKeys)
  // Every tied id first (no count form): the feed keeps the greatest of them instead, below.
  const next = nextPosition(previous, 'asc', consumed, Number.POSITIVE_INFINITY) ?? previous
  if (next === null || next.seen.length <= MAX_SEEN_IN_CURSOR) return next
  // Many sessions share the boundary millisecond: they were consumed in id order, keep the greatest.
  const upTo = [...next.seen, ...(next.seenUpTo === undefined ? [] : [next.seenUpTo])].reduce((a, b) =>
    a > b ? a : b
  )
  return { ...next, seen: [], seenUpTo: upTo }
}

/**
 * @module The events feed's pure parts: which streams a selection reads (one per family and clock)
 * and how one poll merges their pages. A stream's page holds its events in (instant, id) order;
 * the merge gives the smallest `pageSize` of all of them by (occurredAt, event id), never past the
 * frontier of a stream whose page was cut short (what it has not read yet could come first), and
 * says where each stream then stands.
 */
import { FAMILY_LIST, type AnyFamily } from '../families/families'
import type { FamilyKey } from '../families/family'
import type { Event, EventLevel, EventType } from '../model/event'
import type { Timed } from '../model/timed'
import type { EventSession } from '../model/event'
import type { StreamState } from '../paging/event-cursor'
import type { KeysetEntry } from '../paging/keyset'
import { compareKeys, consumedPosition } from '../paging/stream-position'
import type { Clock } from './em-reader'

export interface Stream {
  readonly family: AnyFamily
  readonly clock: Clock
}

export interface Selection {
  readonly kinds: readonly string[]
  readonly levels: readonly EventLevel[]
  readonly types: readonly EventType[]
}

const levelOf = (key: FamilyKey): EventLevel => (key.includes('task') ? 'task' : 'job')
export const typeOf = (clock: Clock): EventType =>
  clock === 'created' ? 'session.started' : 'session.finished'
const suffixOf = (clock: Clock): string => (clock === 'created' ? ':started' : ':finished')

/** The streams of a selection, in a fixed order (the cursor's entries follow it). */
export const selectStreams = (s: Selection): Stream[] =>
  FAMILY_LIST.filter((f) => s.kinds.includes(f.tag) && s.levels.includes(levelOf(f.key))).flatMap((family) =>
    (['created', 'ended'] as const)
      .filter((clock) => s.types.includes(typeOf(clock)))
      .map((clock) => ({ family, clock }))
  )

/** What one stream's reader page gave: its re-checked entries and every key it took from EM. */
export interface StreamPage {
  readonly entries: readonly Timed<EventSession>[]
  readonly keys: readonly KeysetEntry[]
  /** True when EM has sessions beyond this page (within the horizon's second). */
  readonly more: boolean
}

interface Candidate {
  readonly stream: number
  readonly key: KeysetEntry
  readonly event: Event
}

const compareEvents = (a: { ms: number; id: string }, b: { ms: number; id: string }): number =>
  a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const candidatesOf = (stream: Stream, index: number, page: StreamPage): Candidate[] => {
  const out: Candidate[] = []
  for (const entry of page.entries) {
    const ms = stream.clock === 'created' ? entry.createdMs : entry.endedMs
    if (ms === null) continue
    out.push({
      stream: index,
      key: { id: entry.item.id, ms },
      event: {
        id: `${entry.item.id}${suffixOf(stream.clock)}`,
        type: typeOf(stream.clock),
        occurredAt: new Date(ms).toISOString(),
        family: stream.family.key,
        session: entry.item,
      },
    })
  }
  return out.sort((a, b) => compareKeys(a.key, b.key))
}

export interface MergeResult {
  readonly events: Event[]
  /** Every stream's state after the page (those not read keep theirs). */
  readonly states: StreamState[]
}

/**
 * Merges the pages read this poll (`pages[i]` for stream i; undefined: not read, it keeps its state)
 * into one page of at most `pageSize` events up to `horizon`.
 */
export const mergePages = (
  streams: readonly Stream[],
  states: readonly StreamState[],
  pages: readonly (StreamPage | undefined)[],
  pageSize: number,
  horizon: number
): MergeResult => {
  const perStream = streams.map((s, i) => {
    const page = pages[i]
    return page === undefined ? [] : candidatesOf(s, i, page)
  })
  // A page cut short (EM has more, and what it read stays within the horizon): nothing past its last key may go first.
  let frontier: { ms: number; id: string } | null = null
  streams.forEach((s, i) => {
    const last = pages[i]?.keys.reduce<KeysetEntry | null>(
      (m, k) => (m === null || compareKeys(k, m) > 0 ? k : m),
      null
    )
    if (pages[i]?.more !== true || last === null || last === undefined || last.ms > horizon) return
    const f = { ms: last.ms, id: `${last.id}${suffixOf(s.clock)}` }
    if (frontier === null || compareEvents(f, frontier) < 0) frontier = f
  })
  const bound = frontier
  const all = perStream
    .flat()
    .filter((c) => c.key.ms <= horizon)
    .map((c) => ({ c, ms: c.key.ms, id: c.event.id }))
    .filter((x) => bound === null || compareEvents(x, bound) <= 0)
    .sort(compareEvents)
    .slice(0, pageSize)
  const takenPer = streams.map(() => 0)
  for (const x of all) takenPer[x.c.stream] = (takenPer[x.c.stream] ?? 0) + 1

  const next = streams.map((_s, i): StreamState => {
    const page = pages[i]
    const state = states[i] ?? { position: null, drained: false }
    if (page === undefined) return state
    const own = perStream[i] ?? []
    const untaken = own[takenPer[i] ?? 0]
    if (untaken !== undefined)
      return { position: consumedPosition(state.position, page.keys, untaken.key, horizon), drained: false }
    const beyond = page.keys.some((k) => k.ms > horizon)
    return {
      position: consumedPosition(state.position, page.keys, null, horizon),
      drained: !page.more || beyond,
    }
  })
  return { events: all.map((x) => x.c.event), states: next }
}

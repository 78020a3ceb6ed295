/**
 * @module Which rollups serve a report window, in two steps so the caller can walk EM meanwhile:
 * - `planCover`: from the listings (one per part and level), the largest stored periods lying
 *   wholly inside the window, disjoint: months, then blocks of 16 … 2 days, then days; then, where
 *   they leave a stretch of the window (its edges, days not settled yet), the settled hours next
 *   to them (one more listing per day concerned), and those days' sessions per hour (what EM
 *   holds at least, so the walks can ask for all their pages at once). What they all leave is
 *   read from EM at once. A window without a whole day is left to EM.
 * - `loadCover`: reads and narrows the planned records of every part asked for, handing each period
 *   to `absorb` as soon as all its parts are in (so a year never sits in memory at once). A block or
 *   month that does not load (another format, damage, not settled, wrong range) falls back to its
 *   days; a day or an hour that does not load is left out, and the caller reads it from EM.
 * Storage errors leave everything to EM (a report never fails for want of a rollup).
 */
import type { ReportKind } from '../model/report'
import {
  countsKey,
  folderOf,
  parseCounts,
  parseRollup,
  periodKey,
  type DayCounts,
  type Rollup,
  type RollupPart,
} from './format'
import {
  DAY_MS,
  dayName,
  DAYS,
  daysOf,
  dayStart,
  HOUR_MS,
  hourName,
  HOURS,
  LEVELS,
  uncovered,
  wholePeriods,
  type Level,
  type Range,
} from './periods'
import type { RollupStore } from './store'

export interface PlannedPeriod {
  readonly level: Level
  readonly name: string
  readonly range: Range
}

export interface CoverPlan {
  readonly periods: readonly PlannedPeriod[]
  /** Days stored for every part (what a week or month that does not load falls back to). */
  readonly storedDays: ReadonlySet<string>
  /** Sessions of a kind (jobs or tasks) EM holds at least in a range, from the days' counts (0: unknown). */
  readonly expected: (range: Range, kind: ReportKind, task: boolean) => number
}

/** The records of one period, one per part asked for. */
export type PartRecords = { readonly [P in RollupPart]?: Rollup<P> }

export interface RollupCover {
  /** The ranges served from rollups, disjoint, all settled and wholly inside the window. */
  readonly covered: readonly Range[]
  /** Days of the window they cover. */
  readonly rollupDays: number
}

export const NO_PLAN: CoverPlan = { periods: [], storedDays: new Set(), expected: () => 0 }

const READS_IN_FLIGHT = 8

const nameOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1).replace(/\.json$/, '')

/** Names stored at `level` for every one of `parts`. */
export const storedPeriods = async (
  store: RollupStore,
  level: Level,
  parts: readonly RollupPart[]
): Promise<Set<string>> => {
  const lists = await Promise.all(parts.map((p) => store.list(folderOf(p, level))))
  const [first = [], ...rest] = lists.map((keys) => new Set(keys.map(nameOf)))
  return new Set([...first].filter((n) => rest.every((s) => s.has(n))))
}

/** The stored periods to serve `window` from (see the module comment). */
export const planCover = async (
  store: RollupStore,
  window: Range,
  parts: readonly RollupPart[]
): Promise<CoverPlan> => {
  if (parts.length === 0 || wholePeriods(DAYS, window).length === 0) return NO_PLAN
  try {
    const stored = await Promise.all(LEVELS.map((level) => storedPeriods(store, level, parts)))
    const taken = new Set<number>()
    const periods: PlannedPeriod[] = []
    LEVELS.forEach((level, i) => {
      for (const name of wholePeriods(level, window)) {
        const range = level.rangeOf(name)
        if (range === undefined || stored[i]?.has(name) !== true) continue
        const days = daysOf(range)
        if (days.some((d) => taken.has(d))) continue
        for (const d of days) taken.add(d)
        periods.push({ level, name, range })
      }
    })
    const { hours, counts } = await settledHours(store, window, parts, periods)
    return {
      periods: [...periods, ...hours],
      storedDays: stored[LEVELS.indexOf(DAYS)] ?? new Set(),
      expected: expectedFrom(counts),
    }
  } catch {
    return NO_PLAN
  }
}

/** Whole hours of `range` with counts: their sessions of the kind and level. */
const expectedFrom =
  (counts: ReadonlyMap<string, DayCounts>) =>
  (range: Range, kind: ReportKind, task: boolean): number => {
    let n = 0
    for (let h = Math.ceil(range.fromMs / HOUR_MS) * HOUR_MS; h + HOUR_MS <= range.toMs; h += HOUR_MS) {
      const k = counts.get(dayName(h))?.kinds[kind]
      n += (task ? k?.taskSessions : k?.jobSessions)?.[Math.floor((h - dayStart(h)) / HOUR_MS)] ?? 0
    }
    return n
  }

/**
 * The settled hours that extend the planned periods into what they leave of `window`, from the
 * listings of the days concerned (every part must hold the hour). Per stretch left, only runs
 * of hours from its start and from its end: what EM reads of it stays one range (plus the parts of
 * an hour at the window's edges), so hours never add EM requests for the sessions they save.
 */
const settledHours = async (
  store: RollupStore,
  window: Range,
  parts: readonly RollupPart[],
  planned: readonly PlannedPeriod[]
): Promise<{ hours: PlannedPeriod[]; counts: Map<string, DayCounts> }> => {
  const stretches = uncovered(
    window,
    planned.map((p) => p.range)
  )
  // The days a run can reach: two at either end of each stretch (a run stops at the first hour not
  // settled, and a day whose hours are all settled has its own record).
  const days = new Set<string>()
  for (const r of stretches)
    for (const d of [r.fromMs, r.fromMs + DAY_MS, r.toMs - DAY_MS, r.toMs - 1])
      if (d >= r.fromMs && d < r.toMs) days.add(dayName(dayStart(d)))
  const stored = new Map<string, PlannedPeriod>()
  const counts = new Map<string, DayCounts>()
  await eachLimited([...days], READS_IN_FLIGHT, async (day) => {
    const [lists, text] = await Promise.all([
      Promise.all(parts.map((p) => store.list(`${folderOf(p, HOURS)}${day}/`))),
      store.get(countsKey(day)),
    ])
    const dayCounts = text === undefined ? undefined : parseCounts(text)
    if (dayCounts?.day === day) counts.set(day, dayCounts)
    const [first = [], ...rest] = lists.map((keys) => new Set(keys.map((k) => `${day}T${nameOf(k)}`)))
    for (const name of first) {
      const range = HOURS.rangeOf(name)
      if (range !== undefined && rest.every((s) => s.has(name)))
        stored.set(name, { level: HOURS, name, range })
    }
  })
  const out: PlannedPeriod[] = []
  for (const r of stretches) {
    let head = Math.ceil(r.fromMs / HOUR_MS) * HOUR_MS
    for (let h = stored.get(hourName(head)); h !== undefined && head + HOUR_MS <= r.toMs;) {
      out.push(h)
      head += HOUR_MS
      h = stored.get(hourName(head))
    }
    let tail = Math.floor(r.toMs / HOUR_MS) * HOUR_MS
    for (let h = stored.get(hourName(tail - HOUR_MS)); h !== undefined && tail - HOUR_MS >= head;) {
      out.push(h)
      tail -= HOUR_MS
      h = stored.get(hourName(tail - HOUR_MS))
    }
  }
  return { hours: out.sort((a, b) => a.range.fromMs - b.range.fromMs), counts }
}

/** The stored record of one part of a period, when it parses, is settled and matches its range. */
const loadPart = async <P extends RollupPart>(
  store: RollupStore,
  part: P,
  p: PlannedPeriod
): Promise<Rollup<P> | undefined> => {
  const text = await store.get(periodKey(part, p.level, p.name))
  const r = text === undefined ? undefined : parseRollup(part, text)
  if (r === undefined || !r.settled || r.period !== p.name) return undefined
  return Date.parse(r.from) === p.range.fromMs && Date.parse(r.to) === p.range.toMs ? r : undefined
}

/** Every part of a period, or undefined when one of them does not load (or storage failed). */
const loadPeriod = async (
  store: RollupStore,
  parts: readonly RollupPart[],
  p: PlannedPeriod
): Promise<PartRecords | undefined> => {
  try {
    const [jobs, vms] = await Promise.all([
      parts.includes('jobs') ? loadPart(store, 'jobs', p) : undefined,
      parts.includes('vms') ? loadPart(store, 'vms', p) : undefined,
    ])
    if ((parts.includes('jobs') && jobs === undefined) || (parts.includes('vms') && vms === undefined))
      return undefined
    return { ...(jobs === undefined ? {} : { jobs }), ...(vms === undefined ? {} : { vms }) }
  } catch {
    return undefined
  }
}

/** Runs `f` over `items` with at most `limit` in flight. */
const eachLimited = async <T>(items: readonly T[], limit: number, f: (t: T) => Promise<void>) => {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]
      if (item !== undefined) await f(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/** Loads the plan (see the module comment); `absorb` gets each period's records once. */
export const loadCover = async (
  store: RollupStore,
  plan: CoverPlan,
  parts: readonly RollupPart[],
  absorb: (records: PartRecords) => void
): Promise<RollupCover> => {
  const covered: Range[] = []
  const take = (p: PlannedPeriod, records: PartRecords) => {
    absorb(records)
    covered.push(p.range)
  }
  await eachLimited(plan.periods, READS_IN_FLIGHT, async (p) => {
    const records = await loadPeriod(store, parts, p)
    if (records !== undefined) return take(p, records)
    if (p.level === DAYS || p.level === HOURS) return
    for (const d of daysOf(p.range)) {
      const name = DAYS.periodOf(d)
      const day = DAYS.rangeOf(name)
      if (day === undefined || !plan.storedDays.has(name)) continue
      const dayPeriod = { level: DAYS, name, range: day }
      const dayRecords = await loadPeriod(store, parts, dayPeriod)
      if (dayRecords !== undefined) take(dayPeriod, dayRecords)
    }
  })
  // Whole days: an hour counts for none.
  const rollupDays = covered.reduce((sum, c) => sum + Math.floor((c.toMs - c.fromMs) / DAY_MS), 0)
  return { covered, rollupDays }
}

/**
 * @module Which rollups serve a report window: the settled months and days lying wholly inside it.
 * Two listings (months, days) say what exists; a whole month with a month record is one read, the
 * other whole days one read each. A record that does not parse (another format, damage) or does
 * not match its key is left out, so its period is read from EM; a month left out falls back to its
 * days. Storage errors leave everything to EM (a report never fails for want of a rollup).
 */
import { dayKey, DAYS_PREFIX, monthKey, MONTHS_PREFIX, parseRollup, type Rollup } from './format'
import { dayName, dayRange, monthName, monthRange, wholeDays, wholeMonths, type Range } from './periods'
import type { RollupStore } from './store'

export interface RollupCover {
  /** The records to merge, disjoint, all settled and wholly inside the window. */
  readonly rollups: readonly Rollup[]
  /** The ranges they cover. */
  readonly covered: readonly Range[]
  /** Days of the window they cover. */
  readonly rollupDays: number
}

export const NO_COVER: RollupCover = { rollups: [], covered: [], rollupDays: 0 }

const READS_IN_FLIGHT = 16

const nameOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1).replace(/\.json$/, '')

/** Maps with at most `limit` promises in flight. */
const mapLimited = async <T, R>(items: readonly T[], limit: number, f: (t: T) => Promise<R>) => {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      const item = items[i]
      if (item !== undefined) out[i] = await f(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

/** The stored record of a period, when it parses, is settled and matches its range. */
const load = async (store: RollupStore, key: string, range: Range): Promise<Rollup | undefined> => {
  const text = await store.get(key)
  const r = text === undefined ? undefined : parseRollup(text)
  if (r === undefined || !r.settled) return undefined
  return Date.parse(r.from) === range.fromMs && Date.parse(r.to) === range.toMs ? r : undefined
}

/** The settled rollups covering whole periods of `window`. */
export const coverWindow = async (store: RollupStore, window: Range): Promise<RollupCover> => {
  const days = wholeDays(window)
  if (days.length === 0) return NO_COVER
  try {
    const [monthKeys, dayKeys] = await Promise.all([store.list(MONTHS_PREFIX), store.list(DAYS_PREFIX)])
    const storedMonths = new Set(monthKeys.map(nameOf))
    const storedDays = new Set(dayKeys.map(nameOf))
    const months = wholeMonths(window).filter((m) => storedMonths.has(m))
    const monthRecords = await mapLimited(months, READS_IN_FLIGHT, (m) => {
      const range = monthRange(m)
      return range === undefined ? Promise.resolve(undefined) : load(store, monthKey(m), range)
    })
    const inMonth = new Set(monthRecords.flatMap((r) => (r === undefined ? [] : [r.period])))
    const dayNames = days
      .filter((d) => !inMonth.has(monthName(d)))
      .map(dayName)
      .filter((d) => storedDays.has(d))
    const dayRecords = await mapLimited(dayNames, READS_IN_FLIGHT, (d) => {
      const range = dayRange(d)
      return range === undefined ? Promise.resolve(undefined) : load(store, dayKey(d), range)
    })
    const rollups = [...monthRecords, ...dayRecords].filter((r) => r !== undefined)
    const covered = rollups.map((r) => ({ fromMs: Date.parse(r.from), toMs: Date.parse(r.to) }))
    const rollupDays = covered.reduce((sum, c) => sum + Math.round((c.toMs - c.fromMs) / 86_400_000), 0)
    return { rollups, covered, rollupDays }
  } catch {
    return NO_COVER
  }
}

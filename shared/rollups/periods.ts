/**
 * @module UTC days, blocks and months as the rollups cut time: names (`YYYY-MM-DD`; a block of 2, 4,
 * 8 or 16 days by its first day, `YYYY-MM-DD`, blocks aligned on the day number since 1970-01-01;
 * `YYYY-MM`), the levels a window is covered with (months, then blocks from the largest, then days:
 * any run of whole days outside months is at most 2 blocks of each size plus 2 days, about 5 reads
 * for 30 days), and what of a window is left once some periods are covered.
 * Pure; instants are epoch milliseconds, ranges `[fromMs, toMs)`.
 */

export const DAY_MS = 86_400_000
export const HOUR_MS = 3_600_000

export interface Range {
  readonly fromMs: number
  readonly toMs: number
}

export const dayStart = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS
export const dayName = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
export const monthName = (ms: number): string => new Date(ms).toISOString().slice(0, 7)
/** `YYYY-MM-DDTHH`: the UTC hour holding `ms`. */
export const hourName = (ms: number): string => new Date(ms).toISOString().slice(0, 13)

/** `[start, end)` of a `YYYY-MM-DD` day, or undefined for anything else. */
export const dayRange = (day: string): Range | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined
  const fromMs = Date.parse(`${day}T00:00:00.000Z`)
  if (Number.isNaN(fromMs) || dayName(fromMs) !== day) return undefined
  return { fromMs, toMs: fromMs + DAY_MS }
}

/** `[start, end)` of a `YYYY-MM` month, or undefined for anything else. */
export const monthRange = (month: string): Range | undefined => {
  if (!/^\d{4}-\d{2}$/.test(month)) return undefined
  const fromMs = Date.parse(`${month}-01T00:00:00.000Z`)
  if (Number.isNaN(fromMs) || monthName(fromMs) !== month) return undefined
  const d = new Date(fromMs)
  return { fromMs, toMs: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) }
}

/**
 * A way of cutting time into periods: every instant belongs to exactly one period of each level; a
 * period of a level from days up is the union of whole days, an hour lies inside one day.
 */
export interface Level {
  /** The folder its records live in (`days`, `blocks2` … `blocks16`, `months`, `hours`). */
  readonly folder: string
  /** The name of the period holding the instant `ms` (for the day levels: the day that starts at it). */
  readonly periodOf: (ms: number) => string
  /** The period's range, or undefined when `name` is not one of this level's names. */
  readonly rangeOf: (name: string) => Range | undefined
  /** Its file under `folder` (without `.json`) when not the name itself. */
  readonly fileOf?: (name: string) => string
}

/** Blocks of `days` (a power of two) consecutive days, aligned on the day number since the epoch. */
const blockLevel = (days: number): Level => {
  const span = days * DAY_MS
  return {
    folder: `blocks${days}`,
    periodOf: (dayMs) => dayName(Math.floor(dayMs / span) * span),
    rangeOf: (name) => {
      const first = dayRange(name)
      if (first === undefined || first.fromMs % span !== 0) return undefined
      return { fromMs: first.fromMs, toMs: first.fromMs + span }
    },
  }
}

/** `[start, end)` of a `YYYY-MM-DDTHH` hour, or undefined for anything else. */
export const hourRange = (hour: string): Range | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}$/.test(hour)) return undefined
  const fromMs = Date.parse(`${hour}:00:00.000Z`)
  if (Number.isNaN(fromMs) || hourName(fromMs) !== hour) return undefined
  return { fromMs, toMs: fromMs + HOUR_MS }
}

export const DAYS: Level = { folder: 'days', periodOf: dayName, rangeOf: dayRange }
export const MONTHS: Level = { folder: 'months', periodOf: monthName, rangeOf: monthRange }
/** Hours, in a folder per day (`hours/2026-10-31/12.json`): a report lists only the days it needs. */
export const HOURS: Level = {
  folder: 'hours',
  periodOf: hourName,
  rangeOf: hourRange,
  fileOf: (name) => `${name.slice(0, 10)}/${name.slice(11)}`,
}
/** The levels merged from settled days by the rollup job. */
export const SPAN_LEVELS: readonly Level[] = [16, 8, 4, 2].map(blockLevel).concat(MONTHS)
/** Largest first: a window is covered with months, then blocks of 16 … 2 days, then days. */
export const LEVELS: readonly Level[] = [MONTHS, ...SPAN_LEVELS.filter((l) => l !== MONTHS), DAYS]

/** The days (start ms) of a range, ascending. */
export const daysOf = (r: Range): number[] => {
  const out: number[] = []
  for (let d = r.fromMs; d < r.toMs; d += DAY_MS) out.push(d)
  return out
}

/** Start of every UTC day lying wholly inside `[fromMs, toMs)`, ascending. */
export const wholeDays = (r: Range): number[] => {
  const out: number[] = []
  for (let d = Math.ceil(r.fromMs / DAY_MS) * DAY_MS; d + DAY_MS <= r.toMs; d += DAY_MS) out.push(d)
  return out
}

/** Every period of `level` lying wholly inside `r`, ascending. */
export const wholePeriods = (level: Level, r: Range): string[] => {
  const out: string[] = []
  for (const d of wholeDays(r)) {
    const name = level.periodOf(d)
    const p = level.rangeOf(name)
    if (p !== undefined && p.fromMs === d && p.toMs <= r.toMs) out.push(name)
  }
  return out
}

/** `window` minus the (disjoint) `covered` ranges: what is left, ascending, adjacent parts joined. */
export const uncovered = (window: Range, covered: readonly Range[]): Range[] => {
  const out: Range[] = []
  let at = window.fromMs
  for (const c of [...covered].sort((a, b) => a.fromMs - b.fromMs)) {
    const from = Math.max(c.fromMs, window.fromMs)
    const to = Math.min(c.toMs, window.toMs)
    if (to <= from) continue
    if (from > at) out.push({ fromMs: at, toMs: from })
    at = Math.max(at, to)
  }
  if (at < window.toMs) out.push({ fromMs: at, toMs: window.toMs })
  return out
}

/**
 * @module The rollup run, independent of Lambda: for each complete UTC day of a range, read the day
 * from EM (one day at a time, its pages under the report concurrency) and store the aggregators'
 * state of the sessions created that day. A day is final ("settled") once it was rolled at least
 * `settleHours` after it ended with nothing running; settled days go to `v1/days/`, others to
 * `v1/pending/` (never read by reports) and are rolled again. A day whose read failed writes nothing,
 * so it never replaces a good record. Months whose days are all settled are merged into `v1/months/`.
 * `functions/rollup.ts` (hourly and backfill) and `scripts/rollup.ts` wire it to config.
 */
import {
  dayKey,
  DAYS_PREFIX,
  monthKey,
  MONTHS_PREFIX,
  parseRollup,
  pendingKey,
  ROLLUP_FORMAT,
  type Rollup,
} from '../rollups/format'
import { mergeRollups } from '../rollups/merge'
import { DAY_MS, dayName, dayRange, dayStart, monthName, monthRange } from '../rollups/periods'
import type { RollupStore } from '../rollups/store'
import type { EmReader } from '../services/em-reader'
import type { ReportProgress } from '../services/report-steps'
import { rollPeriod } from '../services/rollup-read'

/**
 * - `due` (the hourly run): days with no settled record, except those rolled already that cannot
 *   settle yet (ended less than `settleHours` ago): each day is read about twice in its life.
 * - `unsettled` (backfill, the local command): every day with no settled record.
 * - `rebuild`: every day, settled or not (after a format change, or to repair).
 */
export type RollupMode = 'due' | 'unsettled' | 'rebuild'

export interface RollupRunOptions {
  readonly reader: EmReader
  readonly store: RollupStore
  /** Days from the one holding `from`, up to (excluding) `to`; only days that have ended are rolled. */
  readonly from: Date
  readonly to: Date
  /** The clock: decides which days have ended and which are settled. */
  readonly now: Date
  readonly settleHours: number
  readonly mode: RollupMode
  readonly concurrency?: number | undefined
  /** Epoch ms after which no further day is started (a Lambda's remaining time). */
  readonly deadlineMs?: number | undefined
  readonly onDay?: ((day: DayOutcome, index: number, total: number) => void) | undefined
  readonly onProgress?: ((p: ReportProgress) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

export interface DayOutcome {
  readonly day: string
  /** settled/pending: written; failed: an EM page failed, nothing written; skipped: not due. */
  readonly status: 'settled' | 'pending' | 'failed' | 'skipped'
  readonly pages: number
  readonly sessions: number
  readonly running: number
  readonly bytes: number
  readonly ms: number
}

export interface RollupRunSummary {
  readonly days: readonly DayOutcome[]
  readonly monthsWritten: readonly string[]
  readonly pagesFetched: number
  readonly sessionsRead: number
  readonly bytesWritten: number
  /** The first day not started before the deadline (invoke again from it); undefined: all done. */
  readonly resumeFrom?: string | undefined
  /** False when a day failed. */
  readonly complete: boolean
}

const HOUR_MS = 3_600_000

const nameOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1).replace(/\.json$/, '')

/** Whether a day rolled at `now` is final. */
export const isSettled = (dayEndMs: number, now: Date, running: number, settleHours: number): boolean =>
  running === 0 && now.getTime() - dayEndMs >= settleHours * HOUR_MS

/** The days of the range that have ended, ascending (start ms). */
export const daysToConsider = (from: Date, to: Date, now: Date): number[] => {
  const out: number[] = []
  for (let d = dayStart(from.getTime()); d < to.getTime() && d + DAY_MS <= now.getTime(); d += DAY_MS)
    out.push(d)
  return out
}

/** Should the day be read? */
const isDue = async (o: RollupRunOptions, day: string, endMs: number, settled: boolean) => {
  if (o.mode === 'rebuild') return true
  if (settled) return false
  if (o.mode === 'unsettled') return true
  if (o.now.getTime() - endMs >= o.settleHours * HOUR_MS) return true
  const pending = await o.store.get(pendingKey(day))
  return pending === undefined || parseRollup(pending) === undefined
}

const rollDay = async (o: RollupRunOptions, startMs: number): Promise<DayOutcome> => {
  const started = Date.now()
  const day = dayName(startMs)
  const endMs = startMs + DAY_MS
  let rolled: Awaited<ReturnType<typeof rollPeriod>>
  try {
    rolled = await rollPeriod(o.reader, {
      from: new Date(startMs),
      to: new Date(endMs),
      now: o.now,
      concurrency: o.concurrency,
      onProgress: o.onProgress,
      signal: o.signal,
    })
  } catch {
    // EM refused every first page (down, credentials): the day failed, nothing is written.
    return { day, status: 'failed', pages: 0, sessions: 0, running: 0, bytes: 0, ms: Date.now() - started }
  }
  const base = { day, pages: rolled.pagesFetched, sessions: rolled.sessionsRead, running: rolled.running }
  if (!rolled.complete) return { ...base, status: 'failed', bytes: 0, ms: Date.now() - started }
  const settled = isSettled(endMs, o.now, rolled.running, o.settleHours)
  const record: Rollup = {
    format: ROLLUP_FORMAT,
    period: day,
    from: new Date(startMs).toISOString(),
    to: new Date(endMs).toISOString(),
    rolledAt: o.now.toISOString(),
    running: rolled.running,
    settled,
    pagesRead: rolled.pagesFetched,
    kinds: rolled.kinds,
  }
  const body = JSON.stringify(record)
  await o.store.put(settled ? dayKey(day) : pendingKey(day), body)
  return {
    ...base,
    status: settled ? 'settled' : 'pending',
    bytes: Buffer.byteLength(body),
    ms: Date.now() - started,
  }
}

/** Merges every month of the range whose days are all settled and that needs its record (re)written. */
const rollMonths = async (
  o: RollupRunOptions,
  days: readonly number[],
  settledDays: ReadonlySet<string>,
  rolledNow: ReadonlySet<string>
): Promise<{ months: string[]; bytes: number }> => {
  const stored = new Set((await o.store.list(MONTHS_PREFIX)).map(nameOf))
  const months = [...new Set(days.map(monthName))]
  const written: string[] = []
  let bytes = 0
  for (const month of months) {
    const range = monthRange(month)
    if (range === undefined || range.toMs > o.now.getTime()) continue
    const names: string[] = []
    for (let d = range.fromMs; d < range.toMs; d += DAY_MS) names.push(dayName(d))
    if (!names.every((n) => settledDays.has(n))) continue
    const fresh = names.some((n) => rolledNow.has(n))
    if (stored.has(month) && !fresh && o.mode !== 'rebuild') continue
    const parts = await Promise.all(names.map(async (n) => parseRollup((await o.store.get(dayKey(n))) ?? '')))
    const valid = parts.filter((p): p is Rollup => p !== undefined && p.settled)
    if (valid.length !== names.length) continue
    const body = JSON.stringify(mergeRollups(valid, month, range, o.now))
    await o.store.put(monthKey(month), body)
    written.push(month)
    bytes += Buffer.byteLength(body)
  }
  return { months: written, bytes }
}

/** Rolls the range's days, then its months; see the module comment. */
export const runRollup = async (o: RollupRunOptions): Promise<RollupRunSummary> => {
  const days = daysToConsider(o.from, o.to, o.now)
  const settledDays = new Set((await o.store.list(DAYS_PREFIX)).map(nameOf))
  const rolledNow = new Set<string>()
  const outcomes: DayOutcome[] = []
  let resumeFrom: string | undefined
  for (const [i, startMs] of days.entries()) {
    const day = dayName(startMs)
    const range = dayRange(day)
    if (range === undefined) continue
    if (!(await isDue(o, day, range.toMs, settledDays.has(day)))) {
      const skipped: DayOutcome = {
        day,
        status: 'skipped',
        pages: 0,
        sessions: 0,
        running: 0,
        bytes: 0,
        ms: 0,
      }
      outcomes.push(skipped)
      o.onDay?.(skipped, i, days.length)
      continue
    }
    if (o.deadlineMs !== undefined && Date.now() > o.deadlineMs) {
      resumeFrom = day
      break
    }
    const outcome = await rollDay(o, startMs)
    outcomes.push(outcome)
    if (outcome.status === 'settled') {
      settledDays.add(day)
      rolledNow.add(day)
    }
    o.onDay?.(outcome, i, days.length)
  }
  const months = await rollMonths(o, days, settledDays, rolledNow)
  const sum = (f: 'pages' | 'sessions' | 'bytes') => outcomes.reduce((s, d) => s + d[f], 0)
  return {
    days: outcomes,
    monthsWritten: months.months,
    pagesFetched: sum('pages'),
    sessionsRead: sum('sessions'),
    bytesWritten: sum('bytes') + months.bytes,
    resumeFrom,
    complete: outcomes.every((d) => d.status !== 'failed'),
  }
}

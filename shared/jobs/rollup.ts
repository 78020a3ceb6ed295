/**
 * @module The rollup run, independent of Lambda: for each complete UTC day of a range, read the day
 * from EM (one day at a time, its pages under the report concurrency) and store the aggregators'
 * state of the sessions created that day, one record per part (`jobs`, `vms`). A day is final
 * ("settled") once it was rolled at least `settleHours` after it ended with nothing running; settled
 * days go to `v2/<part>/days/`, others to `v2/<part>/pending/` (never read by reports) and are
 * rolled again. Beside each day go its settled hours (`hours/<day>/<HH>.json`: every hour that
 * ended `settleHours` ago with nothing created in it running), so reports serve the edges of a
 * window, and the settled hours of a day that is not, to the hour. A day whose read failed writes
 * nothing, so it never replaces a good record. Blocks of 2, 4, 8 and 16 days and months whose
 * days are all settled are merged into `blocks<n>/` and `months/` (a 30-day window is then about 5
 * reads, a year 12 plus edges).
 * `functions/rollup.ts` (hourly and backfill) and `scripts/rollup.ts` wire it to config.
 */
import type { ReportKind } from '../model/report'
import {
  countsKey,
  parseRollup,
  PART_NAMES,
  pendingKey,
  periodKey,
  ROLLUP_FORMAT,
  serializeRollup,
  type DayCounts,
  type Rollup,
  type RollupPart,
} from '../rollups/format'
import { mergeRollups } from '../rollups/merge'
import {
  DAY_MS,
  dayName,
  DAYS,
  daysOf,
  dayStart,
  HOUR_MS,
  hourName,
  HOURS,
  MONTHS,
  SPAN_LEVELS,
  type Level,
} from '../rollups/periods'
import { storedPeriods } from '../rollups/read'
import type { RollupStore } from '../rollups/store'
import type { EmReader } from '../services/em-reader'
import type { ReportProgress } from '../services/report-steps'
import { rollPeriod, type RolledRange } from '../services/rollup-read'

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
  /** Blocks of days merged, as `<folder>/<first day>` (`blocks4/2026-10-04`). */
  readonly blocksWritten: readonly string[]
  readonly monthsWritten: readonly string[]
  readonly pagesFetched: number
  readonly sessionsRead: number
  readonly bytesWritten: number
  /** The first day not started before the deadline (invoke again from it); undefined: all done. */
  readonly resumeFrom?: string | undefined
  /** False when a day failed. */
  readonly complete: boolean
}

/** Whether a period (a day, an hour) rolled at `now` is final. */
export const isSettled = (endMs: number, now: Date, running: number, settleHours: number): boolean =>
  running === 0 && now.getTime() - endMs >= settleHours * HOUR_MS

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
  for (const part of PART_NAMES) {
    const pending = await o.store.get(pendingKey(part, day))
    if (pending === undefined || parseRollup(part, pending) === undefined) return true
  }
  return false
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
  const recordOf = <P extends RollupPart>(
    part: P,
    r: RolledRange,
    period: string,
    pages: number
  ): Rollup<P> => ({
    format: ROLLUP_FORMAT,
    part,
    period,
    from: new Date(r.fromMs).toISOString(),
    to: new Date(r.toMs).toISOString(),
    rolledAt: o.now.toISOString(),
    running: r.running,
    settled: isSettled(r.toMs, o.now, r.running, o.settleHours),
    pagesRead: pages,
    kinds: r.parts[part],
  })
  const hours = rolled.hours.filter((h) => isSettled(h.toMs, o.now, h.running, o.settleHours))
  const bodies: Record<RollupPart, string> = {
    jobs: serializeRollup(recordOf('jobs', rolled, day, rolled.pagesFetched)),
    vms: serializeRollup(recordOf('vms', rolled, day, rolled.pagesFetched)),
  }
  let bytes = 0
  const beside = hours.flatMap((h) => {
    const name = hourName(h.fromMs)
    return [
      { key: periodKey('jobs', HOURS, name), body: serializeRollup(recordOf('jobs', h, name, 0)) },
      { key: periodKey('vms', HOURS, name), body: serializeRollup(recordOf('vms', h, name, 0)) },
    ]
  })
  const perHour = (k: ReportKind) => ({
    jobSessions: rolled.hours.map((h) => h.parts.jobs[k].jobSessions),
    taskSessions: rolled.hours.map((h) => h.parts.jobs[k].taskSessions),
  })
  const counts: DayCounts = {
    format: ROLLUP_FORMAT,
    day,
    rolledAt: o.now.toISOString(),
    kinds: { backup: perHour('backup'), replica: perHour('replica'), cdp: perHour('cdp') },
  }
  beside.push({ key: countsKey(day), body: JSON.stringify(counts) })
  await Promise.all(beside.map(({ key, body }) => o.store.put(key, body)))
  for (const { body } of beside) bytes += Buffer.byteLength(body)
  // The day counts as settled once every part is stored (a report needing both reads neither before).
  for (const part of PART_NAMES) {
    await o.store.put(settled ? periodKey(part, DAYS, day) : pendingKey(part, day), bodies[part])
    bytes += Buffer.byteLength(bodies[part])
  }
  return { ...base, status: settled ? 'settled' : 'pending', bytes, ms: Date.now() - started }
}

/** The settled day records of one part, or undefined when one of them does not load. */
const loadDays = async <P extends RollupPart>(o: RollupRunOptions, part: P, names: readonly string[]) => {
  const out: Rollup<P>[] = []
  for (const n of names) {
    const r = parseRollup(part, (await o.store.get(periodKey(part, DAYS, n))) ?? '')
    if (r === undefined || !r.settled) return undefined
    out.push(r)
  }
  return out
}

/** Merges every period of `level` touched by the range whose days are all settled and that needs its records (re)written. */
const rollSpans = async (
  o: RollupRunOptions,
  level: Level,
  days: readonly number[],
  settledDays: ReadonlySet<string>,
  rolledNow: ReadonlySet<string>
): Promise<{ written: string[]; bytes: number }> => {
  const stored = await storedPeriods(o.store, level, PART_NAMES)
  const written: string[] = []
  let bytes = 0
  for (const name of new Set(days.map(level.periodOf))) {
    const range = level.rangeOf(name)
    if (range === undefined || range.toMs > o.now.getTime()) continue
    const names = daysOf(range).map(dayName)
    if (!names.every((n) => settledDays.has(n))) continue
    const fresh = names.some((n) => rolledNow.has(n))
    if (stored.has(name) && !fresh && o.mode !== 'rebuild') continue
    const merge = async <P extends RollupPart>(part: P) => {
      const parts = await loadDays(o, part, names)
      return parts === undefined ? undefined : serializeRollup(mergeRollups(part, parts, name, range, o.now))
    }
    const bodies: Record<RollupPart, string | undefined> = {
      jobs: await merge('jobs'),
      vms: await merge('vms'),
    }
    if (PART_NAMES.some((part) => bodies[part] === undefined)) continue
    for (const part of PART_NAMES) {
      const body = bodies[part] ?? ''
      await o.store.put(periodKey(part, level, name), body)
      bytes += Buffer.byteLength(body)
    }
    written.push(name)
  }
  return { written, bytes }
}

/** Rolls the range's days, then its weeks and months; see the module comment. */
export const runRollup = async (o: RollupRunOptions): Promise<RollupRunSummary> => {
  const days = daysToConsider(o.from, o.to, o.now)
  const settledDays = await storedPeriods(o.store, DAYS, PART_NAMES)
  const rolledNow = new Set<string>()
  const outcomes: DayOutcome[] = []
  let resumeFrom: string | undefined
  for (const [i, startMs] of days.entries()) {
    const day = dayName(startMs)
    if (!(await isDue(o, day, startMs + DAY_MS, settledDays.has(day)))) {
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
  const spans: { level: Level; written: string[]; bytes: number }[] = []
  for (const level of SPAN_LEVELS)
    spans.push({ level, ...(await rollSpans(o, level, days, settledDays, rolledNow)) })
  const sum = (f: 'pages' | 'sessions' | 'bytes') => outcomes.reduce((s, d) => s + d[f], 0)
  return {
    days: outcomes,
    blocksWritten: spans
      .filter((s) => s.level !== MONTHS)
      .flatMap((s) => s.written.map((n) => `${s.level.folder}/${n}`)),
    monthsWritten: spans.find((s) => s.level === MONTHS)?.written ?? [],
    pagesFetched: sum('pages'),
    sessionsRead: sum('sessions'),
    bytesWritten: spans.reduce((s, x) => s + x.bytes, sum('bytes')),
    resumeFrom,
    complete: outcomes.every((d) => d.status !== 'failed'),
  }
}

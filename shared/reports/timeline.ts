/**
 * @module Results over time for the HTML chart: counts per bucket (hour or day) of the window.
 * Memory is the number of buckets (at most 366 days × 1), not the number of sessions.
 */
import { resultClass } from './report-math'

/** One bar of the chart: sessions created in `[start, start + bucket)` by result. */
export interface TimelineBucket {
  readonly start: string
  success: number
  warning: number
  failed: number
  /** Running, or finished with a result that is not Success/Warning/Failed. */
  other: number
}

export interface Timeline {
  add(creationMs: number, result: string | null, running: boolean): void
  /** Adds counts of sessions created in the UTC hour starting at `hourMs` (from a rollup). */
  addHour(hourMs: number, counts: readonly [number, number, number, number]): void
  buckets(): TimelineBucket[]
  /** 'hour' for windows of two days or less, else 'day'. */
  readonly unit: 'hour' | 'day'
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The class a session counts in: running sessions count as 'other'. */
export const timelineClass = (result: string | null, running: boolean) =>
  running ? 'other' : resultClass(result)

/** Buckets start at UTC hour or day boundaries, from the bucket holding `fromMs` to the one before `toMs`. */
export const createTimeline = (fromMs: number, toMs: number): Timeline => {
  const unit = toMs - fromMs <= 2 * DAY ? 'hour' : 'day'
  const size = unit === 'hour' ? HOUR : DAY
  const first = Math.floor(fromMs / size) * size
  const count = Math.max(1, Math.ceil((toMs - first) / size))
  const list: TimelineBucket[] = Array.from({ length: count }, (_, i) => ({
    start: new Date(first + i * size).toISOString(),
    success: 0,
    warning: 0,
    failed: 0,
    other: 0,
  }))
  return {
    unit,
    add(creationMs, result, running) {
      const bucket = list[Math.floor((creationMs - first) / size)]
      if (bucket === undefined) return
      bucket[timelineClass(result, running)] += 1
    },
    addHour(hourMs, [success, warning, failed, other]) {
      // Hours nest in hour and day buckets (both start at UTC boundaries).
      const bucket = list[Math.floor((hourMs - first) / size)]
      if (bucket === undefined) return
      bucket.success += success
      bucket.warning += warning
      bucket.failed += failed
      bucket.other += other
    },
    buckets: () => list.map((b) => ({ ...b })),
  }
}

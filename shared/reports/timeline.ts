/**
 * @module Results over time for the HTML chart: counts per bucket (hour or day) of the window.
 * Memory is the number of buckets (at most 31 days × 1), not the number of sessions.
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
  buckets(): TimelineBucket[]
  /** 'hour' for windows of two days or less, else 'day'. */
  readonly unit: 'hour' | 'day'
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

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
      const cls = running ? 'other' : resultClass(result)
      bucket[cls] += 1
    },
    buckets: () => list.map((b) => ({ ...b })),
  }
}

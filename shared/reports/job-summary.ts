/**
 * @module The job-summary aggregator: pure and incremental. Fed page by page, in any order, with
 * normalized job, CDP and task sessions; holds running sums per job, never a list of sessions.
 *
 * Joining task sessions to jobs (for `transferredBytes`) without keeping sessions:
 * - backup/replica: a task item carries its parent job session's `jobName` and `backupServer`, so task
 *   bytes are summed per (kind, backup server, job name), a map bounded by the number of jobs. Each job
 *   row remembers every name it was seen under in the window (a renamed job keeps its bytes).
 * - cdp: a CDP task only names its policy session (`policySessionId`); CDP starts one policy session
 *   per policy per day, so a map policy session → policy is bounded by policies × days of the window.
 * Both sides are summed independently and joined in `rows()`, so tasks may arrive before their jobs.
 * Task sessions whose job has no session in the window are not reported (no row to carry them).
 *
 * The same sums, per kind, are the aggregator's serialisable state (`state(kind)`), which a rollup
 * stores per UTC day and `absorb` adds back: the join happens in `rows()` over the union, so a task
 * and its job session may come from different days, from a rollup or from EM.
 */
import type { CdpReplicaSession, JobSession } from '../model/job-session'
import type { JobSummaryRow, ReportKind } from '../model/report'
import type { CdpReplicaTaskSession, TaskSession } from '../model/task-session'
import type { Timed } from '../model/timed'
import type { HourCounts, JobSummaryState } from './aggregate-state'
import { JobStats } from './job-stats'
import { compareText, serverKey } from './report-math'
import { createTimeline, timelineClass, type Timeline, type TimelineBucket } from './timeline'

export interface JobSummaryAggregator {
  addJobSessions(kind: 'backup' | 'replica', entries: readonly Timed<JobSession>[]): void
  addCdpSessions(entries: readonly Timed<CdpReplicaSession>[]): void
  addTaskSessions(kind: 'backup' | 'replica', entries: readonly Timed<TaskSession>[]): void
  addCdpTaskSessions(entries: readonly Timed<CdpReplicaTaskSession>[]): void
  /** Adds the state of sessions of `kind` not fed here (a rollup of whole days inside the window). */
  absorb(kind: ReportKind, state: JobSummaryState): void
  /** The state of the sessions of `kind` fed so far (what a rollup stores). */
  state(kind: ReportKind): JobSummaryState
  /** Rows sorted by kind (backup, replica, cdp), then job name, then job id. */
  rows(): JobSummaryRow[]
  /**
   * Duration of each job's session that ended last, by `jobRowKey(row)` (jobs with one only): not a
   * report column, so kept beside the rows for `GET /v1/metrics`.
   */
  lastDurations(): Map<string, number>
  /** Sessions per hour (windows ≤ 2 days) or per day, by result, for the HTML chart. */
  timeline(): { unit: 'hour' | 'day'; buckets: TimelineBucket[] }
}

const KIND_ORDER: Record<ReportKind, number> = { backup: 0, replica: 1, cdp: 2 }
const HOUR_MS = 3_600_000
const CLASS_INDEX = { success: 0, warning: 1, failed: 2, other: 3 } as const

/** Identity of a job-summary row: its kind and job id, or its name when EM gave no id. */
export const jobRowKey = (row: Pick<JobSummaryRow, 'kind' | 'jobId' | 'jobName'>): string =>
  `${row.kind}|${row.jobId ?? `name:${row.jobName ?? ''}`}`
const nameKey = (kind: ReportKind, server: string, name: string) => `${kind}|${server}|${name}`
const jobKey = (kind: ReportKind, id: string | null, fallbackName: string | null) =>
  `${kind}|${id?.toLowerCase() ?? `name:${fallbackName ?? ''}`}`
const ofKind = (kind: ReportKind, key: string) => key.startsWith(`${kind}|`)
const pick = <V>(map: Map<string, V>, keep: (key: string) => boolean): Record<string, V> =>
  Object.fromEntries([...map].filter(([k]) => keep(k)))

/**
 * @param window `from` inclusive, `to` exclusive; items created outside it are ignored.
 * @example
 * const agg = createJobSummaryAggregator({ from, to })
 * agg.addJobSessions('backup', jobEntries); agg.addTaskSessions('backup', taskEntries)
 * const rows = agg.rows()
 */
export const createJobSummaryAggregator = (window: { from: Date; to: Date }): JobSummaryAggregator => {
  const fromMs = window.from.getTime()
  const toMsExcl = window.to.getTime()
  const inWindow = (e: Timed<unknown>) => e.createdMs >= fromMs && e.createdMs < toMsExcl
  const jobs = new Map<string, JobStats>()
  const bytesByName = new Map<string, number>()
  const bytesByPolicySession = new Map<string, number>()
  /** CDP policy session id → job key of its policy. */
  const policyOfSession = new Map<string, string>()
  const timeline: Timeline = createTimeline(fromMs, toMsExcl)
  /** Per kind: hour start → counts (the rollup's timeline, whatever the window's unit). */
  const hours = new Map<ReportKind, Map<number, HourCounts>>()

  const statsFor = (kind: ReportKind, key: string, id: string | null): JobStats => {
    let stats = jobs.get(key)
    if (stats === undefined) {
      stats = new JobStats(kind, id?.toLowerCase() ?? null)
      jobs.set(key, stats)
    }
    return stats
  }
  const addBytes = (map: Map<string, number>, key: string, bytes: number | null) => {
    if (bytes !== null) map.set(key, (map.get(key) ?? 0) + bytes)
  }
  const count = (kind: ReportKind, createdMs: number, result: string | null, running: boolean) => {
    timeline.add(createdMs, result, running)
    let byHour = hours.get(kind)
    if (byHour === undefined) hours.set(kind, (byHour = new Map()))
    const hour = Math.floor(createdMs / HOUR_MS) * HOUR_MS
    const counts = byHour.get(hour) ?? [0, 0, 0, 0]
    counts[CLASS_INDEX[timelineClass(result, running)]] += 1
    byHour.set(hour, counts)
  }

  /** Rows (each with its statistics) sorted by kind, then job name, then job id. */
  const rowsWithStats = (): { row: JobSummaryRow; stats: JobStats }[] => {
    const extra = new Map<string, number>()
    for (const [sessionId, bytes] of bytesByPolicySession) {
      const key = policyOfSession.get(sessionId)
      if (key !== undefined) extra.set(key, (extra.get(key) ?? 0) + bytes)
    }
    const rows = [...jobs].map(([key, stats]) => {
      let bytes = extra.get(key) ?? 0
      if (stats.kind !== 'cdp') {
        for (const name of stats.names)
          bytes += bytesByName.get(nameKey(stats.kind, stats.serverKey, name)) ?? 0
      }
      return { row: stats.toRow(bytes), stats }
    })
    return rows.sort(
      ({ row: a }, { row: b }) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        compareText(a.jobName ?? '', b.jobName ?? '') ||
        compareText(a.jobId ?? '', b.jobId ?? '')
    )
  }

  return {
    addJobSessions(kind, entries) {
      for (const e of entries) {
        if (!inWindow(e)) continue
        const s = e.item
        statsFor(kind, jobKey(kind, s.jobId, s.jobName), s.jobId).add(e, s.jobName)
        count(kind, e.createdMs, s.result, e.endedMs === null)
      }
    },
    addCdpSessions(entries) {
      for (const e of entries) {
        if (!inWindow(e)) continue
        const s = e.item
        const key = jobKey('cdp', s.policyId, s.policyName)
        statsFor('cdp', key, s.policyId).add(e, s.policyName)
        policyOfSession.set(s.id.toLowerCase(), key)
        count('cdp', e.createdMs, s.result, e.endedMs === null)
      }
    },
    addTaskSessions(kind, entries) {
      for (const e of entries) {
        const t = e.item
        if (!inWindow(e) || t.jobName === null) continue
        addBytes(bytesByName, nameKey(kind, serverKey(t.backupServer), t.jobName), t.totalSizeBytes)
      }
    },
    addCdpTaskSessions(entries) {
      for (const e of entries) {
        const t = e.item
        if (!inWindow(e) || t.policySessionId === null) continue
        addBytes(bytesByPolicySession, t.policySessionId.toLowerCase(), t.totalSizeBytes)
      }
    },
    absorb(kind, state) {
      for (const [key, s] of Object.entries(state.jobs)) statsFor(kind, key, s.jobId).absorb(s)
      for (const [key, bytes] of Object.entries(state.bytesByName)) addBytes(bytesByName, key, bytes)
      for (const [id, bytes] of Object.entries(state.bytesByPolicySession))
        addBytes(bytesByPolicySession, id, bytes)
      for (const [id, key] of Object.entries(state.policyOfSession)) policyOfSession.set(id, key)
      let byHour = hours.get(kind)
      if (byHour === undefined) hours.set(kind, (byHour = new Map()))
      for (const [hour, counts] of Object.entries(state.hours)) {
        const ms = Number(hour)
        timeline.addHour(ms, counts)
        const mine = byHour.get(ms) ?? [0, 0, 0, 0]
        byHour.set(ms, [mine[0] + counts[0], mine[1] + counts[1], mine[2] + counts[2], mine[3] + counts[3]])
      }
    },
    state(kind) {
      const cdp = kind === 'cdp'
      return {
        jobs: Object.fromEntries(
          [...jobs].filter(([k]) => ofKind(kind, k)).map(([k, stats]) => [k, stats.state()])
        ),
        bytesByName: pick(bytesByName, (k) => ofKind(kind, k)),
        bytesByPolicySession: pick(bytesByPolicySession, () => cdp),
        policyOfSession: pick(policyOfSession, () => cdp),
        hours: Object.fromEntries(
          [...(hours.get(kind) ?? [])].map(([h, c]) => [String(h), [c[0], c[1], c[2], c[3]]])
        ),
      }
    },
    rows() {
      return rowsWithStats().map((r) => r.row)
    },
    lastDurations() {
      const out = new Map<string, number>()
      for (const { row, stats } of rowsWithStats()) {
        const d = stats.lastDurationSeconds
        if (d !== null && !out.has(jobRowKey(row))) out.set(jobRowKey(row), d)
      }
      return out
    },
    timeline: () => ({ unit: timeline.unit, buckets: timeline.buckets() }),
  }
}

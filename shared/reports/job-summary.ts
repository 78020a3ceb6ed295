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
 */
import type { CdpReplicaSession, JobSession } from '../model/job-session'
import type { JobSummaryRow, ReportKind } from '../model/report'
import type { CdpReplicaTaskSession, TaskSession } from '../model/task-session'
import type { Timed } from '../model/timed'
import { JobStats } from './job-stats'
import { compareText, serverKey } from './report-math'
import { createTimeline, type Timeline, type TimelineBucket } from './timeline'

export interface JobSummaryAggregator {
  addJobSessions(kind: 'backup' | 'replica', entries: readonly Timed<JobSession>[]): void
  addCdpSessions(entries: readonly Timed<CdpReplicaSession>[]): void
  addTaskSessions(kind: 'backup' | 'replica', entries: readonly Timed<TaskSession>[]): void
  addCdpTaskSessions(entries: readonly Timed<CdpReplicaTaskSession>[]): void
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

/** Identity of a job-summary row: its kind and job id, or its name when EM gave no id. */
export const jobRowKey = (row: Pick<JobSummaryRow, 'kind' | 'jobId' | 'jobName'>): string =>
  `${row.kind}|${row.jobId ?? `name:${row.jobName ?? ''}`}`
const nameKey = (kind: ReportKind, server: string, name: string) => `${kind}|${server}|${name}`

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
  const policyOfSession = new Map<string, JobStats>()
  const timeline: Timeline = createTimeline(fromMs, toMsExcl)

  const statsFor = (kind: ReportKind, id: string | null, fallbackName: string | null): JobStats => {
    const key = `${kind}|${id?.toLowerCase() ?? `name:${fallbackName ?? ''}`}`
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

  /** Rows (each with its statistics) sorted by kind, then job name, then job id. */
  const rowsWithStats = (): { row: JobSummaryRow; stats: JobStats }[] => {
    const extra = new Map<JobStats, number>()
    for (const [sessionId, bytes] of bytesByPolicySession) {
      const stats = policyOfSession.get(sessionId)
      if (stats !== undefined) extra.set(stats, (extra.get(stats) ?? 0) + bytes)
    }
    const rows = [...jobs.values()].map((stats) => {
      let bytes = extra.get(stats) ?? 0
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
        statsFor(kind, s.jobId, s.jobName).add(e, s.jobName)
        timeline.add(e.createdMs, s.result, e.endedMs === null)
      }
    },
    addCdpSessions(entries) {
      for (const e of entries) {
        if (!inWindow(e)) continue
        const s = e.item
        const stats = statsFor('cdp', s.policyId, s.policyName)
        stats.add(e, s.policyName)
        policyOfSession.set(s.id.toLowerCase(), stats)
        timeline.add(e.createdMs, s.result, e.endedMs === null)
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

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
import { JobStats } from './job-stats'
import { compareText, serverKey, toMs } from './session-math'
import { createTimeline, type Timeline, type TimelineBucket } from './timeline'

export interface JobSummaryAggregator {
  addJobSessions(kind: 'backup' | 'replica', items: readonly JobSession[]): void
  addCdpSessions(items: readonly CdpReplicaSession[]): void
  addTaskSessions(kind: 'backup' | 'replica', items: readonly TaskSession[]): void
  addCdpTaskSessions(items: readonly CdpReplicaTaskSession[]): void
  /** Rows sorted by kind (backup, replica, cdp), then job name, then job id. */
  rows(): JobSummaryRow[]
  /** Sessions per hour (windows ≤ 2 days) or per day, by result, for the HTML chart. */
  timeline(): { unit: 'hour' | 'day'; buckets: TimelineBucket[] }
}

const KIND_ORDER: Record<ReportKind, number> = { backup: 0, replica: 1, cdp: 2 }
const nameKey = (kind: ReportKind, server: string, name: string) => `${kind}|${server}|${name}`

/**
 * @param window `from` inclusive, `to` exclusive; items created outside it are ignored.
 * @example
 * const agg = createJobSummaryAggregator({ from, to })
 * agg.addJobSessions('backup', page.items); agg.addTaskSessions('backup', taskPage.items)
 * const rows = agg.rows()
 */
export const createJobSummaryAggregator = (window: { from: Date; to: Date }): JobSummaryAggregator => {
  const fromMs = window.from.getTime()
  const toMsExcl = window.to.getTime()
  const inWindow = (time: string) => {
    const ms = toMs(time)
    return ms >= fromMs && ms < toMsExcl
  }
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

  return {
    addJobSessions(kind, items) {
      for (const s of items) {
        if (!inWindow(s.creationTime)) continue
        statsFor(kind, s.jobId, s.jobName).add(s, s.jobName)
        timeline.add(toMs(s.creationTime), s.result, s.endTime === null)
      }
    },
    addCdpSessions(items) {
      for (const s of items) {
        if (!inWindow(s.creationTime)) continue
        const stats = statsFor('cdp', s.policyId, s.policyName)
        stats.add(s, s.policyName)
        policyOfSession.set(s.id.toLowerCase(), stats)
        timeline.add(toMs(s.creationTime), s.result, s.endTime === null)
      }
    },
    addTaskSessions(kind, items) {
      for (const t of items) {
        if (!inWindow(t.creationTime) || t.jobName === null) continue
        addBytes(bytesByName, nameKey(kind, serverKey(t.backupServer), t.jobName), t.totalSizeBytes)
      }
    },
    addCdpTaskSessions(items) {
      for (const t of items) {
        if (!inWindow(t.creationTime) || t.policySessionId === null) continue
        addBytes(bytesByPolicySession, t.policySessionId.toLowerCase(), t.totalSizeBytes)
      }
    },
    rows() {
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
        return stats.toRow(bytes)
      })
      return rows.sort(
        (a, b) =>
          KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
          compareText(a.jobName ?? '', b.jobName ?? '') ||
          compareText(a.jobId ?? '', b.jobId ?? '')
      )
    },
    timeline: () => ({ unit: timeline.unit, buckets: timeline.buckets() }),
  }
}

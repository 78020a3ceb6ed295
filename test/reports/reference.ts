/**
 * @module Naive reference computations of the report rows from whole arrays of sessions (what the
 * incremental aggregators must agree with). Written independently of `shared/reports`: sort, filter, group.
 */
import type { JobSummaryRow, ReportKind, VmProtectionRow } from '../../shared/model/report'

interface Sess {
  id: string
  result: string | null
  creationTime: string
  endTime: string | null
  durationSeconds: number | null
  backupServer: { id: string; name: string } | null
}

const ms = (t: string) => Date.parse(t)
const iso = (n: number) => new Date(n).toISOString()
const ok = (r: string | null) => r === 'Success' || r === 'Warning'

/** One job's row from all its sessions in the window and the bytes of its tasks. */
export const refJobRow = (
  kind: ReportKind,
  jobId: string,
  jobName: string,
  sessions: Sess[],
  bytes: number
): JobSummaryRow => {
  const byCreation = [...sessions].sort((a, b) => ms(b.creationTime) - ms(a.creationTime))
  const finished = sessions.filter((s) => s.endTime !== null)
  const byEnd = [...finished].sort((a, b) => ms(b.endTime ?? '') - ms(a.endTime ?? ''))
  const count = (r: string) => finished.filter((s) => s.result === r).length
  const success = count('Success')
  const warning = count('Warning')
  const failed = count('Failed')
  const durations = finished.map((s) => s.durationSeconds ?? 0)
  const lastOk = byEnd.find((s) => ok(s.result))
  return {
    kind,
    jobId,
    jobName,
    backupServer: byCreation[0]?.backupServer ?? null,
    sessions: {
      total: sessions.length,
      success,
      warning,
      failed,
      running: sessions.length - finished.length,
    },
    successRate: success + warning + failed === 0 ? null : success / (success + warning + failed),
    lastResult: byEnd[0]?.result ?? null,
    lastRunTime: byCreation[0]?.creationTime ?? null,
    lastSuccessTime: lastOk?.endTime ?? null,
    avgDurationSeconds:
      durations.length === 0
        ? null
        : Math.round((durations.reduce((a, b) => a + b, 0) / durations.length) * 1000) / 1000,
    maxDurationSeconds: durations.length === 0 ? null : Math.max(...durations),
    transferredBytes: bytes,
  }
}

interface Task extends Sess {
  reason: string | null
}

/** One VM's row from all its tasks in the window (non-CDP semantics: only finished tasks count). */
export const refVmRow = (
  vmName: string,
  kinds: ReportKind[],
  tasks: Task[],
  to: string,
  rpoHours: number
): VmProtectionRow => {
  const byCreation = [...tasks].sort((a, b) => ms(b.creationTime) - ms(a.creationTime))
  const finished = tasks
    .filter((t) => t.endTime !== null)
    .sort((a, b) => ms(b.endTime ?? '') - ms(a.endTime ?? ''))
  const lastOk = finished.find((t) => ok(t.result))
  const failed = finished.filter((t) => t.result === 'Failed')
  const reasons: string[] = []
  for (const t of failed) if (t.reason !== null && !reasons.includes(t.reason)) reasons.push(t.reason)
  const hours = lastOk === undefined ? null : (ms(to) - ms(lastOk.endTime ?? '')) / 3_600_000
  let status: VmProtectionRow['status'] = 'unprotected'
  if (lastOk !== undefined && hours !== null) {
    const failedAfter =
      finished[0]?.result === 'Failed' && ms(finished[0].endTime ?? '') > ms(lastOk.endTime ?? '')
    status = hours > rpoHours || failedAfter ? 'at-risk' : 'protected'
  }
  return {
    vmName,
    kinds: [...kinds].sort(),
    backupServer: byCreation[0]?.backupServer ?? null,
    lastTaskTime: byCreation[0]?.creationTime ?? iso(0),
    lastResult: finished[0]?.result ?? null,
    lastSuccessTime: lastOk?.endTime ?? null,
    hoursSinceLastSuccess: hours === null ? null : Math.round(Math.max(0, hours) * 1000) / 1000,
    status,
    failedTasks: failed.length,
    recentFailureReasons: reasons.slice(0, 3),
  }
}

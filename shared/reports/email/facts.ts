/**
 * @module What the report e-mail says, computed once from the report bundle: headline numbers, the jobs
 * with failed sessions (most failures first) and the VMs that need attention (worst first). The
 * subject, the HTML and the text body all read these, so they cannot disagree.
 */
import type { JobSummaryRow, VmProtectionRow } from '../../model/report'
import type { ReportBundle } from '../bundle'

export interface SessionTotals {
  readonly total: number
  readonly success: number
  readonly warning: number
  readonly failed: number
  readonly running: number
}

export interface ReportFacts {
  readonly day: string
  readonly window: { readonly from: string; readonly to: string }
  readonly generatedAt: string
  readonly rpoHours: number
  readonly complete: boolean
  readonly sessionsScanned: number
  readonly jobs: number
  readonly sessions: SessionTotals
  /** success / (success + warning + failed); null when nothing finished. */
  readonly successRate: number | null
  readonly transferredBytes: number
  /** Jobs with at least one failed session in the day, most failed sessions first. */
  readonly failedJobs: readonly JobSummaryRow[]
  /** Unprotected and at-risk VMs, in report order (worst first). */
  readonly vmsAttention: readonly VmProtectionRow[]
  readonly vms: { readonly protected: number; readonly atRisk: number; readonly unprotected: number }
  /** A job failed, or a VM is at risk or unprotected (what `REPORT_EMAIL_ONLY_ON_ISSUES` waits for). */
  readonly hasIssues: boolean
}

export const reportFacts = (bundle: ReportBundle, day: string, rpoHours: number): ReportFacts => {
  const rows = bundle.jobSummary.rows
  const sessions = { total: 0, success: 0, warning: 0, failed: 0, running: 0 }
  let transferredBytes = 0
  for (const r of rows) {
    sessions.total += r.sessions.total
    sessions.success += r.sessions.success
    sessions.warning += r.sessions.warning
    sessions.failed += r.sessions.failed
    sessions.running += r.sessions.running
    transferredBytes += r.transferredBytes
  }
  const finished = sessions.success + sessions.warning + sessions.failed
  const failedJobs = rows
    .filter((r) => r.sessions.failed > 0)
    .sort((a, b) => b.sessions.failed - a.sessions.failed || b.sessions.total - a.sessions.total)
  const vmRows = bundle.vmProtection.rows
  const count = (status: VmProtectionRow['status']) => vmRows.filter((r) => r.status === status).length
  const vmsAttention = vmRows.filter((r) => r.status !== 'protected')
  return {
    day,
    window: bundle.jobSummary.window,
    generatedAt: bundle.jobSummary.generatedAt,
    rpoHours,
    complete: bundle.jobSummary.complete && bundle.vmProtection.complete,
    sessionsScanned: bundle.jobSummary.sessionsScanned,
    jobs: rows.length,
    sessions,
    successRate: finished === 0 ? null : sessions.success / finished,
    transferredBytes,
    failedJobs,
    vmsAttention,
    vms: { protected: count('protected'), atRisk: count('at-risk'), unprotected: count('unprotected') },
    hasIssues: failedJobs.length > 0 || vmsAttention.length > 0,
  }
}

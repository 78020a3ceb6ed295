/**
 * @module Running state of one VM for the vm-protection report: newest task, newest finished task,
 * newest success, failure count and the three newest distinct failure reasons. Order-independent.
 */
import type { ReportKind, VmProtectionRow, VmStatus } from '../model/report'
import type { Timed } from '../model/timed'
import { isNewer, isSuccessful, round, toIso, type Stamp } from './report-math'

/** The fields of a task session (backup, replica or CDP) the statistics need. */
export interface TaskLike {
  readonly id: string
  readonly vmName: string | null
  readonly backupServer: { readonly id: string; readonly name: string } | null
  readonly result: string | null
  readonly reason: string | null
}

const MAX_REASONS = 3
const HOUR_MS = 3_600_000

export class VmStats {
  private readonly kinds = new Set<ReportKind>()
  private backupServer: TaskLike['backupServer'] = null
  private newest: Stamp | null = null
  private newestFinished: (Stamp & { result: string | null }) | null = null
  private lastSuccess: Stamp | null = null
  private failedTasks = 0
  /** Newest first; each reason once, with the end time of its newest failure. */
  private reasons: { reason: string; stamp: Stamp }[] = []

  constructor(private readonly vmName: string) {}

  /**
   * @param continuousAtMs where a CDP task still running with Success/Warning counts as a success
   * (the window end, or now when the window ends in the future); undefined for other kinds.
   */
  add(kind: ReportKind, e: Timed<TaskLike>, continuousAtMs: number | undefined): void {
    const t = e.item
    const created = { ms: e.createdMs, id: t.id }
    this.kinds.add(kind)
    if (isNewer(created, this.newest)) {
      this.newest = created
      this.backupServer = t.backupServer
    }
    if (e.endedMs === null) {
      if (continuousAtMs !== undefined && isSuccessful(t.result))
        this.success({ ms: continuousAtMs, id: t.id })
      return
    }
    const end = { ms: e.endedMs, id: t.id }
    if (isNewer(end, this.newestFinished)) this.newestFinished = { ...end, result: t.result }
    if (isSuccessful(t.result)) this.success(end)
    if (t.result === 'Failed') {
      this.failedTasks += 1
      if (t.reason !== null) this.addReason(t.reason, end)
    }
  }

  private success(stamp: Stamp): void {
    if (isNewer(stamp, this.lastSuccess)) this.lastSuccess = stamp
  }

  /** Keeping only the top 3 is exact: a dropped reason had 3 distinct newer ones, which only grow newer. */
  private addReason(reason: string, stamp: Stamp): void {
    const existing = this.reasons.find((r) => r.reason === reason)
    if (existing !== undefined) {
      if (isNewer(stamp, existing.stamp)) existing.stamp = stamp
    } else {
      this.reasons.push({ reason, stamp })
    }
    this.reasons.sort((a, b) => (isNewer(a.stamp, b.stamp) ? -1 : isNewer(b.stamp, a.stamp) ? 1 : 0))
    this.reasons.length = Math.min(this.reasons.length, MAX_REASONS)
  }

  /** Status against the RPO, measured at `toMs` (the window end). Exactly rpoHours old is protected. */
  private status(toMs: number, rpoHours: number): VmStatus {
    if (this.lastSuccess === null) return 'unprotected'
    if (toMs - this.lastSuccess.ms > rpoHours * HOUR_MS) return 'at-risk'
    const failedAfter =
      this.newestFinished?.result === 'Failed' && isNewer(this.newestFinished, this.lastSuccess)
    return failedAfter ? 'at-risk' : 'protected'
  }

  toRow(toMs: number, rpoHours: number): VmProtectionRow {
    return {
      vmName: this.vmName,
      kinds: [...this.kinds].sort(),
      backupServer: this.backupServer === null ? null : { ...this.backupServer },
      // A VM exists only once a task was added, so `newest` is set.
      lastTaskTime: toIso(this.newest?.ms ?? 0),
      lastResult: this.newestFinished?.result ?? null,
      lastSuccessTime: this.lastSuccess === null ? null : toIso(this.lastSuccess.ms),
      hoursSinceLastSuccess:
        this.lastSuccess === null ? null : round(Math.max(0, toMs - this.lastSuccess.ms) / HOUR_MS, 3),
      status: this.status(toMs, rpoHours),
      failedTasks: this.failedTasks,
      recentFailureReasons: this.reasons.map((r) => r.reason),
    }
  }
}

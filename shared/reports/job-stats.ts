/**
 * @module Running statistics of one job (or CDP policy) for the job-summary report: counters, sums,
 * maxima and "newest" stamps. Order-independent: adding the same sessions in any order gives the same row.
 */
import type { JobSummaryRow, ReportKind } from '../model/report'
import type { Timed } from '../model/timed'
import { isNewer, isSuccessful, resultClass, round, serverKey, toIso, type Stamp } from './report-math'

/** The fields of a job or CDP session the statistics need. */
export interface SessionLike {
  readonly id: string
  readonly backupServer: { readonly id: string; readonly name: string } | null
  readonly result: string | null
  readonly durationSeconds: number | null
}

export class JobStats {
  /** Every job name seen in the window (bounded by renames), to join task bytes by name. */
  readonly names = new Set<string>()
  private jobName: string | null = null
  private backupServer: SessionLike['backupServer'] = null
  private total = 0
  private success = 0
  private warning = 0
  private failed = 0
  private running = 0
  private newest: Stamp | null = null
  private newestFinished: (Stamp & { result: string | null; durationSeconds: number | null }) | null = null
  private lastSuccessEnd: Stamp | null = null
  /** Integer milliseconds, so the sum does not depend on the order sessions arrive in. */
  private durationSumMs = 0
  private durationCount = 0
  private durationMax: number | null = null

  constructor(
    readonly kind: ReportKind,
    private readonly jobId: string | null
  ) {}

  /** The backup server key of the newest session (task bytes are joined on it). */
  get serverKey(): string {
    return serverKey(this.backupServer)
  }

  add(e: Timed<SessionLike>, name: string | null): void {
    const s = e.item
    const stamp = { ms: e.createdMs, id: s.id }
    this.total += 1
    if (name !== null) this.names.add(name)
    if (isNewer(stamp, this.newest)) {
      this.newest = stamp
      this.jobName = name
      this.backupServer = s.backupServer
    }
    if (e.endedMs === null) {
      this.running += 1
      return
    }
    const cls = resultClass(s.result)
    if (cls !== 'other') this[cls] += 1
    const end = { ms: e.endedMs, id: s.id }
    if (isNewer(end, this.newestFinished))
      this.newestFinished = { ...end, result: s.result, durationSeconds: s.durationSeconds }
    if (isSuccessful(s.result) && isNewer(end, this.lastSuccessEnd)) this.lastSuccessEnd = end
    if (s.durationSeconds !== null) {
      this.durationSumMs += Math.round(s.durationSeconds * 1000)
      this.durationCount += 1
      this.durationMax = Math.max(this.durationMax ?? s.durationSeconds, s.durationSeconds)
    }
  }

  /** Duration of the session that ended last (not a report column: `GET /v1/metrics` exports it). */
  get lastDurationSeconds(): number | null {
    const d = this.newestFinished?.durationSeconds ?? null
    return d === null ? null : round(d, 3)
  }

  toRow(transferredBytes: number): JobSummaryRow {
    const finished = this.success + this.warning + this.failed
    return {
      kind: this.kind,
      jobId: this.jobId,
      jobName: this.jobName,
      backupServer: this.backupServer === null ? null : { ...this.backupServer },
      sessions: {
        total: this.total,
        success: this.success,
        warning: this.warning,
        failed: this.failed,
        running: this.running,
      },
      successRate: finished === 0 ? null : this.success / finished,
      lastResult: this.newestFinished?.result ?? null,
      lastRunTime: this.newest === null ? null : toIso(this.newest.ms),
      lastSuccessTime: this.lastSuccessEnd === null ? null : toIso(this.lastSuccessEnd.ms),
      avgDurationSeconds:
        this.durationCount === 0 ? null : round(this.durationSumMs / this.durationCount / 1000, 3),
      maxDurationSeconds: this.durationMax === null ? null : round(this.durationMax, 3),
      transferredBytes,
    }
  }
}

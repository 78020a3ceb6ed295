/**
 * @module Running statistics of one job (or CDP policy) for the job-summary report: counters, sums,
 * maxima and "newest" stamps. Order-independent: adding the same sessions in any order gives the same
 * row, and its state (`JobStatsState`) merges exactly with the state of other sessions (`mergeJobStats`),
 * so a report may add whole days from rollups and the rest from EM.
 */
import type { JobSummaryRow, ReportKind } from '../model/report'
import type { Timed } from '../model/timed'
import type { JobStatsState } from './aggregate-state'
import { isNewer, isSuccessful, newer, resultClass, round, serverKey, toIso } from './report-math'

/** The fields of a job or CDP session the statistics need. */
export interface SessionLike {
  readonly id: string
  readonly backupServer: { readonly id: string; readonly name: string } | null
  readonly result: string | null
  readonly durationSeconds: number | null
}

const maxOrNull = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b)

/** The statistics of the union of two disjoint sets of sessions of one job. */
export const mergeJobStats = (a: JobStatsState, b: JobStatsState): JobStatsState => {
  const head = a.newest !== null && (b.newest === null || !isNewer(b.newest, a.newest)) ? a : b
  return {
    kind: a.kind,
    jobId: a.jobId,
    names: [...new Set([...a.names, ...b.names])].sort(),
    jobName: head.jobName,
    backupServer: head.backupServer,
    total: a.total + b.total,
    success: a.success + b.success,
    warning: a.warning + b.warning,
    failed: a.failed + b.failed,
    running: a.running + b.running,
    newest: newer(a.newest, b.newest),
    newestFinished: newer(a.newestFinished, b.newestFinished),
    lastSuccessEnd: newer(a.lastSuccessEnd, b.lastSuccessEnd),
    durationSumMs: a.durationSumMs + b.durationSumMs,
    durationCount: a.durationCount + b.durationCount,
    durationMax: maxOrNull(a.durationMax, b.durationMax),
  }
}

export class JobStats {
  private s: JobStatsState

  constructor(kind: ReportKind, jobId: string | null) {
    this.s = {
      kind,
      jobId,
      names: [],
      jobName: null,
      backupServer: null,
      total: 0,
      success: 0,
      warning: 0,
      failed: 0,
      running: 0,
      newest: null,
      newestFinished: null,
      lastSuccessEnd: null,
      durationSumMs: 0,
      durationCount: 0,
      durationMax: null,
    }
  }

  get kind(): ReportKind {
    return this.s.kind
  }

  /** Every job name seen in the window (bounded by renames), to join task bytes by name. */
  get names(): readonly string[] {
    return this.s.names
  }

  /** The backup server key of the newest session (task bytes are joined on it). */
  get serverKey(): string {
    return serverKey(this.s.backupServer)
  }

  add(e: Timed<SessionLike>, name: string | null): void {
    const s = e.item
    const st = this.s
    const stamp = { ms: e.createdMs, id: s.id }
    st.total += 1
    if (name !== null && !st.names.includes(name)) st.names = [...st.names, name].sort()
    if (isNewer(stamp, st.newest)) {
      st.newest = stamp
      st.jobName = name
      st.backupServer = s.backupServer === null ? null : { id: s.backupServer.id, name: s.backupServer.name }
    }
    if (e.endedMs === null) {
      st.running += 1
      return
    }
    const cls = resultClass(s.result)
    if (cls !== 'other') st[cls] += 1
    const end = { ms: e.endedMs, id: s.id }
    if (isNewer(end, st.newestFinished))
      st.newestFinished = { ...end, result: s.result, durationSeconds: s.durationSeconds }
    if (isSuccessful(s.result) && isNewer(end, st.lastSuccessEnd)) st.lastSuccessEnd = end
    if (s.durationSeconds !== null) {
      st.durationSumMs += Math.round(s.durationSeconds * 1000)
      st.durationCount += 1
      st.durationMax = Math.max(st.durationMax ?? s.durationSeconds, s.durationSeconds)
    }
  }

  /** Adds the statistics of other sessions of this job (a rollup's). */
  absorb(state: JobStatsState): void {
    this.s = mergeJobStats(this.s, state)
  }

  state(): JobStatsState {
    return structuredClone(this.s)
  }

  /** Duration of the session that ended last (not a report column: `GET /v1/metrics` exports it). */
  get lastDurationSeconds(): number | null {
    const d = this.s.newestFinished?.durationSeconds ?? null
    return d === null ? null : round(d, 3)
  }

  toRow(transferredBytes: number): JobSummaryRow {
    const st = this.s
    const finished = st.success + st.warning + st.failed
    return {
      kind: st.kind,
      jobId: st.jobId,
      jobName: st.jobName,
      backupServer: st.backupServer === null ? null : { ...st.backupServer },
      sessions: {
        total: st.total,
        success: st.success,
        warning: st.warning,
        failed: st.failed,
        running: st.running,
      },
      successRate: finished === 0 ? null : st.success / finished,
      lastResult: st.newestFinished?.result ?? null,
      lastRunTime: st.newest === null ? null : toIso(st.newest.ms),
      lastSuccessTime: st.lastSuccessEnd === null ? null : toIso(st.lastSuccessEnd.ms),
      avgDurationSeconds:
        st.durationCount === 0 ? null : round(st.durationSumMs / st.durationCount / 1000, 3),
      maxDurationSeconds: st.durationMax === null ? null : round(st.durationMax, 3),
      transferredBytes,
    }
  }
}

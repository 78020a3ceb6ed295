/**
 * @module Running state of one VM for the vm-protection report: newest task, newest finished task,
 * newest success, failure count and the three newest distinct failure reasons. Order-independent,
 * and its state (`VmStatsState`) merges exactly with the state of other tasks (`mergeVmStats`): the
 * status "judged at `to`" needs only these ingredients, whichever days they came from.
 */
import type { ReportKind, VmProtectionRow, VmStatus } from '../model/report'
import type { Timed } from '../model/timed'
import type { VmStatsState } from './aggregate-state'
import { isNewer, isSuccessful, newer, round, toIso, type Stamp } from './report-math'

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

type Reason = VmStatsState['reasons'][number]

/**
 * Keeping only the top 3 is exact: a dropped reason had 3 distinct newer ones, which only grow newer.
 * Each reason once (its newest stamp), newest first.
 */
const topReasons = (list: readonly Reason[]): Reason[] => {
  const best = new Map<string, Stamp>()
  for (const r of list) {
    const seen = best.get(r.reason)
    if (seen === undefined || isNewer(r.stamp, seen)) best.set(r.reason, r.stamp)
  }
  return [...best]
    .map(([reason, stamp]) => ({ reason, stamp }))
    .sort((a, b) => (isNewer(a.stamp, b.stamp) ? -1 : isNewer(b.stamp, a.stamp) ? 1 : 0))
    .slice(0, MAX_REASONS)
}

const sameKinds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((k, i) => k === b[i])

/**
 * The state of the union of two disjoint sets of tasks of one VM. States are never changed in place
 * (`add` replaces fields), so the result may share arrays and stamps with its inputs; the common
 * cases (same kinds, one side without failures) allocate nothing more than the result.
 */
export const mergeVmStats = (a: VmStatsState, b: VmStatsState): VmStatsState => {
  const head = a.newest !== null && (b.newest === null || !isNewer(b.newest, a.newest)) ? a : b
  return {
    vmName: a.vmName,
    kinds: sameKinds(a.kinds, b.kinds) ? a.kinds : [...new Set([...a.kinds, ...b.kinds])].sort(),
    backupServer: head.backupServer,
    newest: newer(a.newest, b.newest),
    newestFinished: newer(a.newestFinished, b.newestFinished),
    lastSuccess: newer(a.lastSuccess, b.lastSuccess),
    failedTasks: a.failedTasks + b.failedTasks,
    reasons:
      b.reasons.length === 0
        ? a.reasons
        : a.reasons.length === 0
          ? b.reasons
          : topReasons([...a.reasons, ...b.reasons]),
  }
}

export class VmStats {
  private s: VmStatsState

  constructor(vmName: string) {
    this.s = {
      vmName,
      kinds: [],
      backupServer: null,
      newest: null,
      newestFinished: null,
      lastSuccess: null,
      failedTasks: 0,
      reasons: [],
    }
  }

  /**
   * @param continuousAtMs where a CDP task still running with Success/Warning counts as a success
   * (the window end, or now when the window ends in the future); undefined for other kinds.
   */
  add(kind: ReportKind, e: Timed<TaskLike>, continuousAtMs: number | undefined): void {
    const t = e.item
    const st = this.s
    const created = { ms: e.createdMs, id: t.id }
    if (!st.kinds.includes(kind)) st.kinds = [...st.kinds, kind].sort()
    if (isNewer(created, st.newest)) {
      st.newest = created
      st.backupServer = t.backupServer === null ? null : { id: t.backupServer.id, name: t.backupServer.name }
    }
    if (e.endedMs === null) {
      if (continuousAtMs !== undefined && isSuccessful(t.result))
        st.lastSuccess = newer(st.lastSuccess, { ms: continuousAtMs, id: t.id })
      return
    }
    const end = { ms: e.endedMs, id: t.id }
    if (isNewer(end, st.newestFinished)) st.newestFinished = { ...end, result: t.result }
    if (isSuccessful(t.result)) st.lastSuccess = newer(st.lastSuccess, end)
    if (t.result === 'Failed') {
      st.failedTasks += 1
      if (t.reason !== null) st.reasons = topReasons([...st.reasons, { reason: t.reason, stamp: end }])
    }
  }

  get vmName(): string {
    return this.s.vmName
  }

  /** Adds the state of other tasks of this VM (a rollup's). */
  absorb(state: VmStatsState): void {
    this.s = mergeVmStats(this.s, state)
  }

  /** Adds the tasks another VmStats of this VM has seen (the same VM under another kind). */
  merge(other: VmStats): void {
    this.s = mergeVmStats(this.s, other.s)
  }

  state(): VmStatsState {
    return structuredClone(this.s)
  }

  /** Status against the RPO, measured at `toMs` (the window end). Exactly rpoHours old is protected. */
  private status(toMs: number, rpoHours: number): VmStatus {
    const st = this.s
    if (st.lastSuccess === null) return 'unprotected'
    if (toMs - st.lastSuccess.ms > rpoHours * HOUR_MS) return 'at-risk'
    const failedAfter = st.newestFinished?.result === 'Failed' && isNewer(st.newestFinished, st.lastSuccess)
    return failedAfter ? 'at-risk' : 'protected'
  }

  toRow(toMs: number, rpoHours: number): VmProtectionRow {
    const st = this.s
    return {
      vmName: st.vmName,
      kinds: [...st.kinds],
      backupServer: st.backupServer === null ? null : { ...st.backupServer },
      // A VM exists only once a task was added, so `newest` is set.
      lastTaskTime: toIso(st.newest?.ms ?? 0),
      lastResult: st.newestFinished?.result ?? null,
      lastSuccessTime: st.lastSuccess === null ? null : toIso(st.lastSuccess.ms),
      hoursSinceLastSuccess:
        st.lastSuccess === null ? null : round(Math.max(0, toMs - st.lastSuccess.ms) / HOUR_MS, 3),
      status: this.status(toMs, rpoHours),
      failedTasks: st.failedTasks,
      recentFailureReasons: st.reasons.map((r) => r.reason),
    }
  }
}

/**
 * @module The vm-protection aggregator: pure and incremental. Fed pages of task sessions (backup,
 * replica, CDP) in any order; memory is one small record per VM.
 *
 * Definitions (measured at the window end `to`, not at generation time, so a report for a past window
 * is reproducible):
 * - rows: one per (vmName, backup server) seen in a task session created in the window. A VM with no
 *   task in the window is not listed (EM's session history cannot tell us it exists). Tasks without a
 *   VM name are skipped.
 * - success: a task that ended with Success or Warning; its end time is the success time. A CDP task
 *   still running with Success/Warning protects continuously and counts as a success at `to`
 *   (or `now` if the window ends in the future).
 * - protected: the last success is at most `rpoHours` before `to` (exactly rpoHours counts) and no
 *   task that ended after it failed.
 * - at-risk: a success exists but is older than `rpoHours`, or a task that ended after it failed.
 * - unprotected: no success in the window (only failures, or only tasks still running).
 *
 * State is kept per kind (`state(kind)`, what a rollup stores per UTC day) and merged across kinds in
 * `rows()`; `absorb` adds a rollup's state of whole days inside the window.
 */
import type { ReportKind, VmProtectionRow, VmStatus } from '../model/report'
import type { Timed } from '../model/timed'
import type { VmProtectionState, VmStatsState } from './aggregate-state'
import { compareText, serverKey } from './report-math'
import { type TaskLike, VmStats } from './vm-stats'

export interface VmProtectionAggregator {
  addTaskSessions(kind: ReportKind, entries: readonly Timed<TaskLike>[]): void
  /**
   * Adds the state of one VM's tasks of `kind` not fed here (from a rollup of a period inside the
   * window); `key` is `vmName|server key`, as `state` derives it.
   */
  absorbVm(kind: ReportKind, key: string, state: VmStatsState): void
  /** The state of the tasks of `kind` fed so far (what a rollup stores). */
  state(kind: ReportKind): VmProtectionState
  /** Rows sorted by status (unprotected, at-risk, protected), then VM name, then backup server. */
  rows(): VmProtectionRow[]
}

export interface VmProtectionOptions {
  readonly from: Date
  readonly to: Date
  readonly rpoHours: number
  /** Defaults to the current time; only bounds where a running CDP task counts as a success. */
  readonly now?: Date | undefined
}

const STATUS_ORDER: Record<VmStatus, number> = { unprotected: 0, 'at-risk': 1, protected: 2 }

/**
 * @example
 * const agg = createVmProtectionAggregator({ from, to, rpoHours: 24 })
 * agg.addTaskSessions('backup', taskEntries)
 * agg.rows()
 */
export const createVmProtectionAggregator = (options: VmProtectionOptions): VmProtectionAggregator => {
  const fromMs = options.from.getTime()
  const endMs = options.to.getTime()
  const continuousAt = Math.min(endMs, (options.now ?? new Date()).getTime())
  /** Per kind: `vmName|server key` → the VM's state from that kind's tasks. */
  const byKind = new Map<ReportKind, Map<string, VmStats>>()
  const statsFor = (kind: ReportKind, key: string, vmName: string): VmStats => {
    let vms = byKind.get(kind)
    if (vms === undefined) byKind.set(kind, (vms = new Map()))
    let stats = vms.get(key)
    if (stats === undefined) vms.set(key, (stats = new VmStats(vmName)))
    return stats
  }

  return {
    addTaskSessions(kind, entries) {
      for (const e of entries) {
        const t = e.item
        if (t.vmName === null || !(e.createdMs >= fromMs && e.createdMs < endMs)) continue
        const stats = statsFor(kind, `${t.vmName}|${serverKey(t.backupServer)}`, t.vmName)
        stats.add(kind, e, kind === 'cdp' ? continuousAt : undefined)
      }
    },
    absorbVm(kind, key, state) {
      statsFor(kind, key, state.vmName).absorb(state)
    },
    state(kind) {
      return { vms: Object.fromEntries([...(byKind.get(kind) ?? [])].map(([k, v]) => [k, v.state()])) }
    },
    rows() {
      const merged = new Map<string, VmStats>()
      for (const vms of byKind.values()) {
        for (const [key, stats] of vms) {
          let seen = merged.get(key)
          if (seen === undefined) merged.set(key, (seen = new VmStats(stats.vmName)))
          seen.merge(stats)
        }
      }
      return [...merged.values()]
        .map((v) => v.toRow(endMs, options.rpoHours))
        .sort(
          (a, b) =>
            STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
            compareText(a.vmName, b.vmName) ||
            compareText(a.backupServer?.name ?? '', b.backupServer?.name ?? '') ||
            compareText(a.backupServer?.id ?? '', b.backupServer?.id ?? '')
        )
    },
  }
}

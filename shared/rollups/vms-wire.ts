/**
 * @module The stored form of the vm-protection state (`vms` part of a rollup), compact: a period holds
 * every VM of the estate, so the object form (keys, server objects and session ids repeated per VM,
 * ~500 bytes a VM) is what a report spends its time parsing. Stored instead: the backup servers and
 * the session ids once per record, and one array per VM (~150 bytes):
 *
 * `[vmName, kinds, server, newest, newestFinished, lastSuccess, failedTasks, reasons]`
 *
 * with `server` an index into `servers` (-1: none), stamps `[ms, idIndex]` (`newestFinished`:
 * `[ms, idIndex, result]`) or null, and reasons `[reason, ms, idIndex]`. The VM's key
 * (`vmName|server id, lower case`) is derived, as the aggregator derives it. Decoding is exact.
 */
import { arrayOf, count, int, nullable, oneOf, str, strictObject, tuple, type Guarded } from '../model/guard'
import { REPORT_KINDS, type ReportKind } from '../model/report'
import type { VmProtectionState, VmStatsState } from '../reports/aggregate-state'
import { serverKey } from '../reports/report-math'
import type { VmProtectionAggregator } from '../reports/vm-protection'

/** An index into `servers` or `ids` (-1: none); whether it points somewhere is checked on decoding. */
const index = int

const stampWire = nullable(tuple(int, index))
const finishedWire = nullable(tuple(int, index, nullable(str)))
const vmWire = tuple(
  str,
  arrayOf(oneOf(REPORT_KINDS)),
  index,
  stampWire,
  finishedWire,
  stampWire,
  count,
  arrayOf(tuple(str, int, index))
)

export const isVmsWire = strictObject({
  servers: arrayOf(tuple(str, str)),
  ids: arrayOf(str),
  vms: arrayOf(vmWire),
})
export type VmsWire = Guarded<typeof isVmsWire>

const keyOf = (s: VmStatsState): string => `${s.vmName}|${serverKey(s.backupServer)}`

/** Interns strings as indices into a list. */
const interner = () => {
  const list: string[] = []
  const at = new Map<string, number>()
  return {
    list,
    of(v: string): number {
      let i = at.get(v)
      if (i === undefined) at.set(v, (i = list.push(v) - 1))
      return i
    },
  }
}

/** The stored form of a state; throws when a VM's key is not the one its state derives (a bug, never data). */
export const toVmsWire = (state: VmProtectionState): VmsWire => {
  const servers: [string, string][] = []
  const serverAt = new Map<string, number>()
  const ids = interner()
  const serverOf = (s: VmStatsState['backupServer']): number => {
    if (s === null) return -1
    const k = `${s.id}\u0000${s.name}`
    let i = serverAt.get(k)
    if (i === undefined) serverAt.set(k, (i = servers.push([s.id, s.name]) - 1))
    return i
  }
  const vms = Object.entries(state.vms).map(([key, s]): VmsWire['vms'][number] => {
    if (key !== keyOf(s)) throw new Error('vm-protection state: a key that its VM does not derive')
    return [
      s.vmName,
      s.kinds,
      serverOf(s.backupServer),
      s.newest === null ? null : [s.newest.ms, ids.of(s.newest.id)],
      s.newestFinished === null
        ? null
        : [s.newestFinished.ms, ids.of(s.newestFinished.id), s.newestFinished.result],
      s.lastSuccess === null ? null : [s.lastSuccess.ms, ids.of(s.lastSuccess.id)],
      s.failedTasks,
      s.reasons.map((r) => [r.reason, r.stamp.ms, ids.of(r.stamp.id)]),
    ]
  })
  return { servers, ids: ids.list, vms }
}

// The loops below run over tens of thousands of VMs while the code is still cold: indexed access,
// no array destructuring (which walks the iterator protocol until the function is optimized).

/** Whether every server and id index of a stored form points somewhere (what `eachVm` relies on). */
export const vmsWireIndicesOk = (w: VmsWire): boolean => {
  const servers = w.servers.length
  const ids = w.ids.length
  const bad = (stamp: readonly [number, number, ...unknown[]] | null) =>
    stamp !== null && !(stamp[1] >= 0 && stamp[1] < ids)
  for (let i = 0; i < w.vms.length; i++) {
    const vm = w.vms[i]
    if (vm === undefined) return false
    if (vm[2] < -1 || vm[2] >= servers || bad(vm[3]) || bad(vm[4]) || bad(vm[5])) return false
    const reasons = vm[7]
    for (let j = 0; j < reasons.length; j++) {
      const at = reasons[j]?.[2] ?? -1
      if (at < 0 || at >= ids) return false
    }
  }
  return true
}

/**
 * Calls `f` with each VM's key and state, built from a stored form whose indices are known good
 * (`vmsWireIndicesOk`): one short-lived state per VM, nothing kept.
 */
export const eachVm = (w: VmsWire, f: (key: string, state: VmStatsState) => void): void => {
  const { ids } = w
  const servers = w.servers.map(([id, name]) => ({ id, name, key: serverKey({ id }) }))
  const idAt = (i: number): string => ids[i] ?? ''
  for (let i = 0; i < w.vms.length; i++) {
    const vm = w.vms[i]
    if (vm === undefined) continue
    const srv = servers[vm[2]]
    const newest = vm[3]
    const finished = vm[4]
    const success = vm[5]
    const wired = vm[7]
    const reasons: VmStatsState['reasons'] = []
    for (let j = 0; j < wired.length; j++) {
      const r = wired[j]
      if (r !== undefined) reasons.push({ reason: r[0], stamp: { ms: r[1], id: idAt(r[2]) } })
    }
    f(srv === undefined ? `${vm[0]}|` : `${vm[0]}|${srv.key}`, {
      vmName: vm[0],
      kinds: vm[1],
      backupServer: srv === undefined ? null : { id: srv.id, name: srv.name },
      newest: newest === null ? null : { ms: newest[0], id: idAt(newest[1]) },
      newestFinished:
        finished === null ? null : { ms: finished[0], id: idAt(finished[1]), result: finished[2] },
      lastSuccess: success === null ? null : { ms: success[0], id: idAt(success[1]) },
      failedTasks: vm[6],
      reasons,
    })
  }
}

/** The state a stored form holds, or undefined when an index points nowhere. */
export const fromVmsWire = (w: VmsWire): VmProtectionState | undefined => {
  if (!vmsWireIndicesOk(w)) return undefined
  const vms: Record<string, VmStatsState> = {}
  eachVm(w, (key, s) => (vms[key] = s))
  return { vms }
}

/** Adds every VM of a stored form (indices known good) to a vm-protection aggregator. */
export const absorbVmsWire = (
  agg: Pick<VmProtectionAggregator, 'absorbVm'>,
  kind: ReportKind,
  w: VmsWire
): void => eachVm(w, (key, s) => agg.absorbVm(kind, key, s))

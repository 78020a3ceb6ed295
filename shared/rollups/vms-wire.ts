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
import { z } from 'zod'
import { REPORT_KINDS } from '../model/report'
import type { VmProtectionState, VmStatsState } from '../reports/aggregate-state'
import { serverKey } from '../reports/report-math'

const int = z.number().int()
const index = int.min(-1)
const StampWire = z.tuple([int, index]).nullable()
const FinishedWire = z.tuple([int, index, z.string().nullable()]).nullable()
const VmWire = z.tuple([
  z.string(),
  z.array(z.enum(REPORT_KINDS)),
  index,
  StampWire,
  FinishedWire,
  StampWire,
  int.min(0),
  z.array(z.tuple([z.string(), int, index])),
])

export const VmsWireSchema = z.strictObject({
  servers: z.array(z.tuple([z.string(), z.string()])),
  ids: z.array(z.string()),
  vms: z.array(VmWire),
})
export type VmsWire = z.infer<typeof VmsWireSchema>

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

/** The state a stored form holds, or undefined when an index points nowhere. */
export const fromVmsWire = (w: VmsWire): VmProtectionState | undefined => {
  const id = (i: number): string | undefined => w.ids[i]
  const vms: Record<string, VmStatsState> = {}
  for (const [vmName, kinds, server, newest, finished, success, failedTasks, reasons] of w.vms) {
    const srv = server === -1 ? null : w.servers[server]
    if (srv === undefined) return undefined
    const stamp = (t: [number, number] | null) => {
      if (t === null) return null
      const i = id(t[1])
      return i === undefined ? undefined : { ms: t[0], id: i }
    }
    const n = stamp(newest)
    const s = stamp(success)
    const fid = finished === null ? null : id(finished[1])
    const rs = reasons.map(([reason, ms, i]) => ({ reason, stamp: { ms, id: id(i) } }))
    if (n === undefined || s === undefined || fid === undefined) return undefined
    const stamps: VmStatsState['reasons'] = []
    for (const r of rs) {
      if (r.stamp.id === undefined) return undefined
      stamps.push({ reason: r.reason, stamp: { ms: r.stamp.ms, id: r.stamp.id } })
    }
    const state: VmStatsState = {
      vmName,
      kinds,
      backupServer: srv === null ? null : { id: srv[0], name: srv[1] },
      newest: n,
      newestFinished:
        finished === null || fid === null ? null : { ms: finished[0], id: fid, result: finished[2] },
      lastSuccess: s,
      failedTasks,
      reasons: stamps,
    }
    vms[keyOf(state)] = state
  }
  return { vms }
}

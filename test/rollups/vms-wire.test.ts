/**
 * @module The compact stored form of the vm-protection state decodes to exactly the state it was
 * made from (servers and ids interned, keys derived), and refuses an index that points nowhere.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { REPORT_KINDS } from '../../shared/model/report'
import {
  isVmProtectionState,
  type VmProtectionState,
  type VmStatsState,
} from '../../shared/reports/aggregate-state'
import { serverKey } from '../../shared/reports/report-math'
import { fromVmsWire, isVmsWire, toVmsWire } from '../../shared/rollups/vms-wire'

const id = fc.constantFrom('a1', 'b2', 'c3', 'D4')
const stamp = fc.record({ ms: fc.integer({ min: 0, max: 2e12 }), id })
const server = fc.option(
  fc.record({ id: fc.constantFrom('S-1', 's-2', 'x'), name: fc.constantFrom('vbr01', 'Zürich', '') }),
  { nil: null }
)
const vm: fc.Arbitrary<VmStatsState> = fc.record({
  vmName: fc.string({ maxLength: 8 }),
  kinds: fc.subarray([...REPORT_KINDS]),
  backupServer: server,
  newest: fc.option(stamp, { nil: null }),
  newestFinished: fc.option(
    fc.record({ ms: fc.integer({ min: 0, max: 2e12 }), id, result: fc.option(fc.string(), { nil: null }) }),
    { nil: null }
  ),
  lastSuccess: fc.option(stamp, { nil: null }),
  failedTasks: fc.nat(),
  reasons: fc.array(fc.record({ reason: fc.string(), stamp }), { maxLength: 3 }),
})
const state: fc.Arbitrary<VmProtectionState> = fc.array(vm, { maxLength: 20 }).map((vms) => ({
  vms: Object.fromEntries(vms.map((v) => [`${v.vmName}|${serverKey(v.backupServer)}`, v])),
}))

describe('vms wire form', () => {
  it('Should decode to exactly the state it was made from, through JSON and its guard', () => {
    fc.assert(
      fc.property(state, (s) => {
        const wire: unknown = JSON.parse(JSON.stringify(toVmsWire(s)))
        if (!isVmsWire(wire)) throw new Error('the wire form fails its guard')
        expect(fromVmsWire(wire)).toStrictEqual(JSON.parse(JSON.stringify(s)))
        expect(isVmProtectionState(JSON.parse(JSON.stringify(s)))).toBe(true)
      }),
      { numRuns: 300 }
    )
  })

  it('Should refuse a server or id index that points nowhere, and a key its VM does not derive', () => {
    const s: VmStatsState = {
      vmName: 'vm',
      kinds: ['backup'],
      backupServer: { id: 'S', name: 'n' },
      newest: { ms: 1, id: 'a' },
      newestFinished: null,
      lastSuccess: null,
      failedTasks: 0,
      reasons: [],
    }
    const wire = toVmsWire({ vms: { 'vm|s': s } })
    expect(fromVmsWire({ ...wire, servers: [] })).toBeUndefined()
    expect(fromVmsWire({ ...wire, ids: [] })).toBeUndefined()
    expect(() => toVmsWire({ vms: { 'other|s': s } })).toThrow()
  })
})

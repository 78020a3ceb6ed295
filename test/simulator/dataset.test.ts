/**
 * @module The generated data set: deterministic, realistic (running sessions, retries, warnings
 * and failures with reasons, tricky names, an unknown enum value), consistent, and sorted.
 */
import { describe, expect, it } from 'vitest'
import { generateDataset } from '../../tools/em-simulator/index'
import { EM_QUERY_FIELDS } from '../../shared/em/query-types'
import type { EmQueryType } from '../../shared/em/query-types'
import { NOW } from './sim-client'

const TYPES = Object.keys(EM_QUERY_FIELDS) as EmQueryType[]
const ds = generateDataset({ seed: 1, now: NOW, scale: 1 })

describe('generateDataset', () => {
  it('Should give the same data set for the same seed, now and scale', () => {
    const again = generateDataset({ seed: 1, now: NOW, scale: 1 })
    for (const t of TYPES) expect(again.sessions(t)).toStrictEqual(ds.sessions(t))
    expect(again.jobs).toStrictEqual(ds.jobs)
  })

  it('Should give a different data set for another seed', () => {
    const other = generateDataset({ seed: 2, now: NOW, scale: 1 })
    expect(other.sessions('BackupJobSession')[0]?.id).not.toBe(ds.sessions('BackupJobSession')[0]?.id)
  })

  it('Should hold about 12k task sessions at scale 1 and every type', () => {
    const tasks =
      ds.sessions('BackupTaskSession').length +
      ds.sessions('ReplicaTaskSession').length +
      ds.sessions('CdpReplicaTaskSession').length
    expect(tasks).toBeGreaterThan(8_000)
    expect(tasks).toBeLessThan(16_000)
    for (const t of TYPES) expect(ds.sessions(t).length).toBeGreaterThan(50)
    expect(ds.servers.length).toBe(4)
  })

  it('Should keep each type sorted by creation time, then id, all before now', () => {
    for (const t of TYPES) {
      const list = ds.sessions(t)
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1]
        const b = list[i]
        if (a === undefined || b === undefined) continue
        const d = a.creationTime.getTime() - b.creationTime.getTime()
        expect(d < 0 || (d === 0 && a.id < b.id)).toBe(true)
      }
      expect(list.every((s) => s.creationTime.getTime() <= NOW.getTime())).toBe(true)
    }
  })

  it('Should span more than the 30-day window', () => {
    const first = ds.sessions('BackupJobSession')[0]
    expect(first?.creationTime.getTime()).toBeLessThan(NOW.getTime() - 30 * 86_400_000)
  })

  it('Should have running sessions without an end time', () => {
    const running = ds.sessions('BackupJobSession').filter((s) => s.endTime === null)
    expect(running.length).toBeGreaterThan(0)
    expect(running.every((s) => s.state === 'Working' && s.result === 'None')).toBe(true)
    expect(ds.sessions('BackupTaskSession').some((s) => s.state === 'InProgress' && s.endTime === null)).toBe(
      true
    )
    expect(ds.sessions('CdpReplicaSession').some((s) => s.state === 'Working' && s.endTime === null)).toBe(
      true
    )
  })

  it('Should have retries after failures, warnings and failures with reasons', () => {
    const jobs = ds.sessions('BackupJobSession')
    expect(jobs.filter((s) => s.isRetry).length).toBeGreaterThan(5)
    const tasks = ds.sessions('BackupTaskSession')
    expect(tasks.some((s) => s.result === 'Warning' && s.reason.length > 0)).toBe(true)
    expect(tasks.some((s) => s.result === 'Failed' && s.reason.startsWith('Error:'))).toBe(true)
    expect(
      tasks.filter((s) => s.result === 'Success' && s.state === 'Completed').every((s) => s.reason === '')
    ).toBe(true)
    expect(jobs.some((s) => !['None', 'Success', 'Warning', 'Failed'].includes(s.result))).toBe(true)
  })

  it('Should use realistic, tricky VM names and VMware VmUids on backup tasks', () => {
    const names = new Set(ds.sessions('BackupTaskSession').map((s) => s.vmName))
    const tricky = [...names].filter((n) => /[ (),"&;]|[^\x20-\x7e]/.test(n))
    expect(tricky.length).toBeGreaterThan(3)
    const withUid = ds.sessions('BackupTaskSession').filter((s) => s.vmUid !== null)
    expect(withUid.length).toBeGreaterThan(0)
    expect(withUid.every((s) => /^urn:VMware:Vm:[0-9a-f-]{36}\.vm-\d+$/.test(s.vmUid ?? ''))).toBe(true)
    expect(ds.sessions('ReplicaTaskSession').every((s) => s.vmUid === null)).toBe(true)
  })

  it('Should link every task session to an existing parent with the same server and job', () => {
    const parents = {
      BackupTaskSession: 'BackupJobSession',
      ReplicaTaskSession: 'ReplicaJobSession',
      CdpReplicaTaskSession: 'CdpReplicaSession',
    } as const
    for (const t of ['BackupTaskSession', 'ReplicaTaskSession', 'CdpReplicaTaskSession'] as const) {
      for (const s of ds.sessions(t)) {
        const parent = ds.get(parents[t], s.jobSessionId)
        expect(parent?.name).toBe(s.jobSessionName)
        expect(parent?.serverId).toBe(s.serverId)
        expect(parent?.jobId).toBe(s.jobId)
      }
    }
    const someJob = ds.sessions('BackupJobSession')[10]
    expect(ds.tasksOf(someJob?.id ?? '').every((t) => t.jobSessionId === someJob?.id)).toBe(true)
  })

  it('Should use lower-case GUIDs and URN UIDs', () => {
    for (const t of TYPES) {
      for (const s of ds.sessions(t).slice(0, 50)) {
        expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        expect(s.uid).toBe(`urn:veeam:${t}:${s.id}`)
      }
    }
  })

  it('Should grow with scale (scale 10 gives at least 100k task sessions)', () => {
    const big = generateDataset({ seed: 1, now: NOW, scale: 10 })
    const tasks =
      big.sessions('BackupTaskSession').length +
      big.sessions('ReplicaTaskSession').length +
      big.sessions('CdpReplicaTaskSession').length
    expect(tasks).toBeGreaterThanOrEqual(100_000)
  })
})

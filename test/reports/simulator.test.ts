/**
 * End to end against the embedded EM simulator (real HTTP, real EM client, real mappers): the report
 * rows equal rows computed independently from `sim.dataset` with the documented rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimJobSession, SimTaskSession } from '../../tools/em-simulator/index'
import { JobSummaryReportSchema, VmProtectionReportSchema, type ReportKind } from '../../shared/model/report'
import { buildJobSummary, buildReports, buildVmProtection } from '../../shared/services/reports'
import { DATASET_NOW, startHarness, type Harness } from '../support/harness'
import { refJobRow } from './reference'

const to = new Date(DATASET_NOW.getTime() - 6 * 3_600_000)
const from = new Date(to.getTime() - 3 * 86_400_000)
const inWindow = (s: { creationTime: Date }) => s.creationTime >= from && s.creationTime < to
const iso = (d: Date | null) => (d === null ? null : d.toISOString())
const KIND_OF = {
  BackupJobSession: 'backup',
  ReplicaJobSession: 'replica',
  CdpReplicaSession: 'cdp',
} as const
const TASK_OF = {
  backup: 'BackupTaskSession',
  replica: 'ReplicaTaskSession',
  cdp: 'CdpReplicaTaskSession',
} as const

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

/** Expected job-summary rows from the dataset: sessions by job id; bytes per the documented join. */
const expectedRows = () => {
  const ds = h.sim.dataset
  const rows = []
  for (const type of ['BackupJobSession', 'ReplicaJobSession', 'CdpReplicaSession'] as const) {
    const kind: ReportKind = KIND_OF[type]
    const byJob = new Map<string, SimJobSession[]>()
    for (const s of ds.sessions(type).filter(inWindow)) byJob.set(s.jobId, [...(byJob.get(s.jobId) ?? []), s])
    const tasks = ds.sessions(TASK_OF[kind]).filter(inWindow)
    for (const [jobId, sessions] of byJob) {
      const ids = new Set(sessions.map((s) => s.id))
      // backup/replica: tasks of this job (name and server identify it); cdp: tasks of its policy sessions in the window.
      const own = (t: SimTaskSession) => (kind === 'cdp' ? ids.has(t.jobSessionId) : t.jobId === jobId)
      const bytes = tasks.filter(own).reduce((sum, t) => sum + t.totalSize, 0)
      const newest = [...sessions].sort((a, b) => b.creationTime.getTime() - a.creationTime.getTime())[0]
      const mapped = sessions.map((s) => ({
        id: s.id,
        result: s.result,
        creationTime: s.creationTime.toISOString(),
        endTime: iso(s.endTime),
        durationSeconds: s.endTime === null ? null : (s.endTime.getTime() - s.creationTime.getTime()) / 1000,
        backupServer: { id: s.serverId, name: s.serverName },
      }))
      rows.push(refJobRow(kind, jobId, newest?.jobName ?? '', mapped, bytes))
    }
  }
  return rows
}

describe('reports against the EM simulator', () => {
  it('Should compute the job summary the dataset implies', async () => {
    const report = await buildJobSummary(h.runtime.reader, { from, to, concurrency: 3 })
    JobSummaryReportSchema.parse(report)
    expect(report.complete).toBe(true)
    const expected = expectedRows()
    expect(expected.length).toBeGreaterThan(20)
    const key = (r: { kind: string; jobId: string | null }) => `${r.kind}:${r.jobId ?? ''}`
    expect(report.rows.map(key).sort()).toStrictEqual(expected.map(key).sort())
    const byKey = new Map(report.rows.map((r) => [key(r), r]))
    for (const want of expected) {
      const got = byKey.get(key(want))
      // Durations: the EM wire format has fewer fractional digits than the dataset's Date; compare to 0.01 s.
      expect({ ...got, avgDurationSeconds: null, maxDurationSeconds: null }).toStrictEqual({
        ...want,
        avgDurationSeconds: null,
        maxDurationSeconds: null,
      })
      expect(got?.avgDurationSeconds ?? 0).toBeCloseTo(want.avgDurationSeconds ?? 0, 1)
      expect(got?.maxDurationSeconds ?? 0).toBeCloseTo(want.maxDurationSeconds ?? 0, 1)
    }
    const dsSessions = (
      ['BackupJobSession', 'ReplicaJobSession', 'CdpReplicaSession', ...Object.values(TASK_OF)] as const
    )
      .map((t) => h.sim.dataset.sessions(t).filter(inWindow).length)
      .reduce((a, b) => a + b, 0)
    expect(report.sessionsScanned).toBe(dsSessions)
  })

  it('Should list every VM with a task in the window, for the chosen kinds only', async () => {
    const report = await buildVmProtection(h.runtime.reader, {
      from,
      to,
      kinds: ['backup'],
      rpoHours: 24,
      now: DATASET_NOW,
    })
    VmProtectionReportSchema.parse(report)
    const vms = new Set(
      h.sim.dataset
        .sessions('BackupTaskSession')
        .filter(inWindow)
        .map((t) => `${t.vmName}|${t.serverId}`)
    )
    expect(report.rows.map((r) => `${r.vmName}|${r.backupServer?.id ?? ''}`).sort()).toStrictEqual(
      [...vms].sort()
    )
    expect(report.rows.every((r) => r.kinds.length === 1 && r.kinds[0] === 'backup')).toBe(true)
  })

  it('Should build both reports from one read with the same rows as separately', async () => {
    const both = await buildReports(h.runtime.reader, { from, to, rpoHours: 24, now: DATASET_NOW })
    const jobs = await buildJobSummary(h.runtime.reader, { from, to, now: DATASET_NOW })
    const vms = await buildVmProtection(h.runtime.reader, { from, to, rpoHours: 24, now: DATASET_NOW })
    expect(both.jobSummary).toStrictEqual(jobs)
    expect(both.vmProtection).toStrictEqual(vms)
  })
})

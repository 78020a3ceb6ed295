import { describe, expect, it } from 'vitest'
import { JobSummaryRowSchema } from '../../shared/model/report'
import { createJobSummaryAggregator, jobRowKey } from '../../shared/reports/job-summary'
import { pages, shuffled, timed } from './items'
import { refJobRow } from './reference'
import * as s from './scenario'

const window = { from: new Date(s.FROM), to: new Date(s.TO) }

type Feed =
  | { k: 'job'; kind: 'backup' | 'replica'; item: (typeof s.allBackupJobs)[number] }
  | { k: 'cdp'; item: (typeof s.cdpSessions)[number] }
  | { k: 'task'; kind: 'backup' | 'replica'; item: (typeof s.backupTasks)[number] }
  | { k: 'cdpTask'; item: (typeof s.cdpTasks)[number] }

const feeds: Feed[] = [
  ...s.allBackupJobs.map((item) => ({ k: 'job', kind: 'backup', item }) as const),
  ...s.allReplicaJobs.map((item) => ({ k: 'job', kind: 'replica', item }) as const),
  ...s.cdpSessions.map((item) => ({ k: 'cdp', item }) as const),
  ...s.backupTasks.map((item) => ({ k: 'task', kind: 'backup', item }) as const),
  ...s.replicaTasks.map((item) => ({ k: 'task', kind: 'replica', item }) as const),
  ...s.cdpTasks.map((item) => ({ k: 'cdpTask', item }) as const),
]

/** Feeds one item per call, in the given order (the worst case for incremental state). */
const run = (order: readonly Feed[], pageSize = 1) => {
  const agg = createJobSummaryAggregator(window)
  for (const page of pages(order, pageSize)) {
    for (const f of page) {
      if (f.k === 'job') agg.addJobSessions(f.kind, [timed(f.item)])
      else if (f.k === 'cdp') agg.addCdpSessions([timed(f.item)])
      else if (f.k === 'task') agg.addTaskSessions(f.kind, [timed(f.item)])
      else agg.addCdpTaskSessions([timed(f.item)])
    }
  }
  return agg
}

describe('job-summary aggregator', () => {
  const rows = run(feeds).rows()

  it('Should produce the rows computed independently from the grouped sessions', () => {
    const expected = [
      refJobRow('backup', s.J1, 'Fileserver Backup', s.backupByJob.j1, 1000 + 2000),
      refJobRow('backup', s.J1B, 'Fileserver Backup', s.backupByJob.j1b, 7000),
      refJobRow('backup', s.J2, 'New Name', s.backupByJob.j2, 300 + 40),
      refJobRow('backup', s.backupByJob.weird[0]?.jobId ?? '', s.WEIRD, s.backupByJob.weird, 5),
      refJobRow('replica', s.R1, 'Replicate DC', s.replicaByJob.r1, 64),
      refJobRow('cdp', s.P1, 'CDP Policy 1', s.cdpSessions, 4096),
    ]
    expect(rows).toStrictEqual(expected)
    for (const row of rows) JobSummaryRowSchema.parse(row)
  })

  it('Should count retries and running sessions and compute the rate over finished sessions', () => {
    const j1 = rows.find((r) => r.jobId === s.J1)
    expect(j1?.sessions).toStrictEqual({ total: 4, success: 1, warning: 1, failed: 1, running: 1 })
    expect(j1?.successRate).toBeCloseTo(1 / 3, 10)
    expect(j1?.lastResult).toBe('Warning') // the retry ended last; the running one has no result yet
    expect(j1?.lastRunTime).toBe('2024-03-01T23:00:00.000Z')
    expect(j1?.lastSuccessTime).toBe('2024-03-01T05:45:00.000Z')
    expect(j1?.avgDurationSeconds).toBe((1800 + 360 + 1800) / 3)
    expect(j1?.maxDurationSeconds).toBe(1800)
    expect(j1?.transferredBytes).toBe(3000) // the task before `from` and the null size are not counted
  })

  it('Should give null rate, result and durations to a job with only running sessions', () => {
    const r1 = rows.find((r) => r.jobId === s.R1)
    expect(r1).toMatchObject({
      successRate: null,
      lastResult: null,
      lastSuccessTime: null,
      avgDurationSeconds: null,
      maxDurationSeconds: null,
      sessions: { total: 1, running: 1 },
    })
  })

  it('Should keep the newest name of a renamed job and its bytes under both names', () => {
    const j2 = rows.find((r) => r.jobId === s.J2)
    expect(j2?.jobName).toBe('New Name')
    expect(j2?.transferredBytes).toBe(340)
  })

  it('Should sort by kind, then job name', () => {
    expect(rows.map((r) => `${r.kind}:${r.jobName ?? ''}`)).toStrictEqual([
      'backup:Fileserver Backup',
      'backup:Fileserver Backup',
      'backup:New Name',
      `backup:${s.WEIRD}`,
      'replica:Replicate DC',
      'cdp:CDP Policy 1',
    ])
  })

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'Should give the same rows when pages arrive out of order (seed %i)',
    (seed) => {
      expect(run(shuffled(feeds, seed), 3).rows()).toStrictEqual(rows)
    }
  )

  it('Should count sessions per hour for a one-day window', () => {
    const timeline = run(feeds).timeline()
    expect(timeline.unit).toBe('hour')
    expect(timeline.buckets).toHaveLength(24)
    const at5 = timeline.buckets[5]
    expect(at5).toStrictEqual({
      start: '2024-03-01T05:00:00.000Z',
      success: 0,
      warning: 1,
      failed: 1,
      other: 0,
    })
    const total = timeline.buckets.reduce((n, b) => n + b.success + b.warning + b.failed + b.other, 0)
    expect(total).toBe(rows.reduce((n, r) => n + r.sessions.total, 0))
  })
})

describe('job-summary aggregator: last durations (exported by GET /v1/metrics, not a column)', () => {
  it('Should give each job the duration of its session that ended last, in any feed order', () => {
    const expected = new Map(
      run(feeds)
        .rows()
        .map((row) => {
          const sessions = [...s.allBackupJobs, ...s.allReplicaJobs, ...s.cdpSessions]
            .filter((x) => ('jobId' in x ? x.jobId : x.policyId)?.toLowerCase() === row.jobId)
            .filter(
              (x) =>
                x.endTime !== null &&
                Date.parse(x.creationTime) >= Date.parse(s.FROM) &&
                Date.parse(x.creationTime) < Date.parse(s.TO)
            )
            .sort(
              (a, b) => Date.parse(b.endTime ?? '') - Date.parse(a.endTime ?? '') || (a.id < b.id ? 1 : -1)
            )
          return [jobRowKey(row), sessions[0]?.durationSeconds ?? null] as const
        })
        .filter((e): e is readonly [string, number] => e[1] !== null)
    )
    expect(expected.size).toBeGreaterThan(3)
    expect(run(feeds).lastDurations()).toStrictEqual(expected)
    expect(run(shuffled(feeds, 7), 3).lastDurations()).toStrictEqual(expected)
    // Not a report column.
    for (const row of run(feeds).rows()) expect(Object.keys(row)).not.toContain('lastDurationSeconds')
  })
})

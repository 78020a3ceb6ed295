/**
 * Report rows for the metrics unit tests: one job of each kind, hostile names, a duplicate label set.
 */
import type { JobSummaryRow, VmProtectionRow } from '../../shared/model/report'
import type { MetricsInput } from '../../shared/metrics/series'

const server = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'vbr01.corp.example.com' }

export const jobRow = (over: Partial<JobSummaryRow> = {}): JobSummaryRow => ({
  kind: 'backup',
  jobId: '70073b98-098b-4046-a097-43cbda67d58a',
  jobName: 'Archive "Cold" VMs',
  backupServer: server,
  sessions: { total: 4, success: 2, warning: 1, failed: 1, running: 0 },
  successRate: 0.5,
  lastResult: 'Failed',
  lastRunTime: '2026-11-01T10:00:00.000Z',
  lastSuccessTime: '2026-11-01T08:30:00.500Z',
  avgDurationSeconds: 100,
  maxDurationSeconds: 200,
  transferredBytes: 1024,
  ...over,
})

export const vmRow = (over: Partial<VmProtectionRow> = {}): VmProtectionRow => ({
  vmName: 'Zürich-DC01',
  kinds: ['backup'],
  backupServer: server,
  lastTaskTime: '2026-11-01T10:00:00.000Z',
  lastResult: 'Success',
  lastSuccessTime: '2026-11-01T11:00:00.000Z',
  hoursSinceLastSuccess: 1,
  status: 'protected',
  failedTasks: 0,
  recentFailureReasons: [],
  ...over,
})

export const INPUT: MetricsInput = {
  up: true,
  refresh: { atMs: Date.parse('2026-11-01T12:00:00.000Z'), durationMs: 1234.5678 },
  jobs: [
    { row: jobRow(), lastDurationSeconds: 61.25 },
    {
      row: jobRow({
        kind: 'replica',
        jobId: null,
        jobName: 'back\\slash\nnew line',
        backupServer: null,
        lastResult: null,
        lastSuccessTime: null,
        sessions: { total: 1, success: 0, warning: 0, failed: 0, running: 1 },
      }),
      lastDurationSeconds: null,
    },
    // Same labels as the one before: must not become a second series.
    {
      row: jobRow({ kind: 'replica', jobId: null, jobName: 'back\\slash\nnew line', backupServer: null }),
      lastDurationSeconds: 5,
    },
    { row: jobRow({ kind: 'cdp', jobName: 'CDP 東京', lastResult: 'None' }), lastDurationSeconds: 3 },
  ],
  vms: [
    vmRow({ vmName: '"Legacy" ERP', status: 'unprotected', lastSuccessTime: null }),
    vmRow({ vmName: 'Zürich-DC01', status: 'at-risk' }),
  ],
}

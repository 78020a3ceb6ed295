/**
 * @module Report bundles for the e-mail builders: full rows (every key, as the aggregators make them),
 * hostile EM names and reasons, and a large day (more rows than a mail shows).
 */
import type { JobSummaryRow, VmProtectionRow } from '../../../shared/model/report'
import type { ReportBundle } from '../../../shared/reports/bundle'

export const DAY = '2024-03-01'
const FROM = '2024-03-01T00:00:00.000Z'
const TO = '2024-03-02T00:00:00.000Z'
const SERVER = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'vbr-a.tech.local' }

/** Names and reasons that would break HTML, a header or the text body if not handled. */
export const HOSTILE = {
  script: '<script>alert("job")</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  header: 'Nightly\r\nBcc: evil@example.net',
  style: '<style>body{display:none}</style>',
  entity: 'R&D &amp; Co',
  unicode: 'Žluťoučký kůň ✓ 数据',
} as const

let n = 0
const id = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`

export const jobRow = (
  o: Partial<JobSummaryRow> & { jobName: string; failed: number; total?: number }
): JobSummaryRow => {
  const total = o.total ?? o.failed + 2
  return {
    kind: 'backup',
    jobId: id(),
    backupServer: SERVER,
    sessions: { total, success: total - o.failed, warning: 0, failed: o.failed, running: 0 },
    successRate: total === 0 ? null : (total - o.failed) / total,
    lastResult: o.failed > 0 ? 'Failed' : 'Success',
    lastRunTime: '2024-03-01T22:00:00.000Z',
    lastSuccessTime: '2024-03-01T21:00:00.000Z',
    avgDurationSeconds: 600,
    maxDurationSeconds: 900,
    transferredBytes: 1024 ** 3,
    ...o,
  }
}

export const vmRow = (o: Partial<VmProtectionRow> & { vmName: string }): VmProtectionRow => ({
  kinds: ['backup'],
  backupServer: SERVER,
  lastTaskTime: '2024-03-01T23:00:00.000Z',
  lastResult: 'Failed',
  lastSuccessTime: '2024-02-29T20:00:00.000Z',
  hoursSinceLastSuccess: 28,
  status: 'at-risk',
  failedTasks: 1,
  recentFailureReasons: ['Network connection lost'],
  ...o,
})

export const bundleOf = (
  jobs: readonly JobSummaryRow[],
  vms: readonly VmProtectionRow[],
  complete = true
): ReportBundle => {
  const envelope = { window: { from: FROM, to: TO }, generatedAt: TO, sessionsScanned: 1234, complete }
  return {
    jobSummary: { ...envelope, rows: [...jobs] },
    vmProtection: { ...envelope, rows: [...vms] },
    timeline: { unit: 'hour', buckets: [] },
  }
}

/** A day with hostile names everywhere EM text reaches the mail. */
export const hostileBundle = (): ReportBundle =>
  bundleOf(
    [
      jobRow({ jobName: HOSTILE.script, failed: 2 }),
      jobRow({ jobName: HOSTILE.header, failed: 1, backupServer: { id: id(), name: HOSTILE.attribute } }),
      jobRow({ jobName: HOSTILE.unicode, failed: 0 }),
    ],
    [
      vmRow({ vmName: HOSTILE.attribute, status: 'unprotected', recentFailureReasons: [HOSTILE.style] }),
      vmRow({ vmName: HOSTILE.header, recentFailureReasons: [HOSTILE.script] }),
      vmRow({ vmName: HOSTILE.entity, status: 'protected', recentFailureReasons: [] }),
    ]
  )

/** 150 jobs with failures and 80 VMs at risk: more than the mail's 100 rows. */
export const largeBundle = (): ReportBundle =>
  bundleOf(
    Array.from({ length: 150 }, (_, i) =>
      jobRow({ jobName: `Job ${String(i).padStart(3, '0')}`, failed: 1 + (i % 4) })
    ),
    Array.from({ length: 80 }, (_, i) => vmRow({ vmName: `vm${String(i).padStart(3, '0')}` }))
  )

/** Nothing wrong: every job succeeded, every VM protected. */
export const cleanBundle = (): ReportBundle =>
  bundleOf(
    [jobRow({ jobName: 'Fileserver Backup', failed: 0 })],
    [vmRow({ vmName: 'sql01', status: 'protected', lastResult: 'Success', recentFailureReasons: [] })]
  )

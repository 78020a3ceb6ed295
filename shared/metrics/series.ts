/**
 * @module The metric families of `GET /v1/metrics`, built from report rows (pure). Names, labels and
 * values are the contract's ("Metrics: a Prometheus scrape target"); every family is a gauge, since
 * each number describes the window ending at the refresh, not a count since process start.
 *
 * A series is omitted when its value does not exist (no finished session, no success, a result
 * other than Success, Warning or Failed), never written as 0 or NaN. Two rows with the same label
 * values (EM sessions without a job id under one name, two backup servers with one name) would be
 * the same series twice, which breaks a scrape: the first row wins (job rows come by kind and name,
 * VM rows worst status first).
 */
import type { JobSummaryRow, VmProtectionRow } from '../model/report'
import { VM_STATUSES } from '../model/report'

export type Labels = readonly (readonly [name: string, value: string])[]

export interface Sample {
  /** The row's labels: one array shared by all samples of a row, so a writer can escape them once. */
  readonly labels: Labels
  /** Labels of this sample only, after `labels` (`result`, `status`): shared constants too. */
  readonly extra?: Labels
  readonly value: number
}

export interface MetricFamily {
  readonly name: string
  readonly help: string
  readonly type: 'gauge'
  readonly samples: readonly Sample[]
}

/** One job-summary row and the duration of its session that ended last (not a report column). */
export interface JobMetricRow {
  readonly row: JobSummaryRow
  readonly lastDurationSeconds: number | null
}

/** What one scrape shows: EM's state at the last refresh and the numbers of the last whole one. */
export interface MetricsInput {
  /** The last refresh read EM whole. */
  readonly up: boolean
  /** The refresh the rows come from (the last whole one); null before any. */
  readonly refresh: { readonly atMs: number; readonly durationMs: number } | null
  readonly jobs: readonly JobMetricRow[]
  readonly vms: readonly VmProtectionRow[]
}

const RESULT_VALUE: Readonly<Record<string, number>> = { Success: 0, Warning: 1, Failed: 2 }
const RESULT_LABELS = (['success', 'warning', 'failed'] as const).map((result) => ({
  result,
  extra: [['result', result]] as const,
}))
const STATUS_LABELS = VM_STATUSES.map((status) => ({ status, extra: [['status', status]] as const }))

const seconds = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso) / 1000)

const family = (name: string, help: string, samples: readonly Sample[]): MetricFamily => ({
  name,
  help,
  type: 'gauge',
  samples,
})

/** Keeps the first item per label set. */
const uniqueBy = <T>(items: readonly T[], labels: (item: T) => Labels): { item: T; labels: Labels }[] => {
  const seen = new Set<string>()
  const out: { item: T; labels: Labels }[] = []
  for (const item of items) {
    const l = labels(item)
    const key = l.map(([, v]) => v).join('\u0000')
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ item, labels: l })
  }
  return out
}

const jobLabels = ({ row }: JobMetricRow): Labels => [
  ['kind', row.kind],
  ['job_id', row.jobId ?? ''],
  ['job_name', row.jobName ?? ''],
  ['backup_server', row.backupServer?.name ?? ''],
]

const vmLabels = (row: VmProtectionRow): Labels => [
  ['vm_name', row.vmName],
  ['backup_server', row.backupServer?.name ?? ''],
]

/** Samples of the items whose value exists. */
const present = <T>(
  items: readonly { item: T; labels: Labels }[],
  value: (item: T) => number | null | undefined
): Sample[] => {
  const out: Sample[] = []
  for (const { item, labels } of items) {
    const v = value(item)
    if (v !== null && v !== undefined) out.push({ labels, value: v })
  }
  return out
}

const jobFamilies = (rows: readonly JobMetricRow[]): MetricFamily[] => {
  const jobs = uniqueBy(rows, jobLabels)
  return [
    family(
      'em_job_last_result',
      'Result of the job session that ended last in the window: 0 Success, 1 Warning, 2 Failed.',
      present(jobs, ({ row }) => (row.lastResult === null ? null : RESULT_VALUE[row.lastResult]))
    ),
    family(
      'em_job_last_success_timestamp_seconds',
      'End time of the last Success or Warning session of the job in the window (Unix seconds).',
      present(jobs, ({ row }) => seconds(row.lastSuccessTime))
    ),
    family(
      'em_job_last_duration_seconds',
      'Duration of the job session that ended last in the window.',
      present(jobs, (j) => j.lastDurationSeconds)
    ),
    family(
      'em_job_running',
      '1 while a session of the job (created in the window) runs, else 0.',
      present(jobs, ({ row }) => (row.sessions.running > 0 ? 1 : 0))
    ),
    family(
      'em_job_sessions',
      'Sessions of the job created in the window that ended with this result.',
      jobs.flatMap(({ item: { row }, labels }) =>
        RESULT_LABELS.map(({ result, extra }) => ({ labels, extra, value: row.sessions[result] }))
      )
    ),
  ]
}

const vmFamilies = (rows: readonly VmProtectionRow[]): MetricFamily[] => {
  const vms = uniqueBy(rows, vmLabels)
  return [
    family(
      'em_vm_protection_status',
      'Protection status of the VM against the RPO: 1 for its status, 0 for the other two.',
      vms.flatMap(({ item, labels }) =>
        STATUS_LABELS.map(({ status, extra }) => ({ labels, extra, value: item.status === status ? 1 : 0 }))
      )
    ),
    family(
      'em_vm_last_success_timestamp_seconds',
      'End time of the last Success or Warning task of the VM in the window (Unix seconds).',
      present(vms, (row) => seconds(row.lastSuccessTime))
    ),
  ]
}

/** Every family of a scrape, in a fixed order. */
export const metricFamilies = (input: MetricsInput): MetricFamily[] => [
  family('em_up', '1 when the last refresh read Enterprise Manager whole, else 0.', [
    { labels: [], value: input.up ? 1 : 0 },
  ]),
  family(
    'em_metrics_refresh_timestamp_seconds',
    'When the refresh these numbers come from started (Unix seconds): the last one that read EM whole.',
    input.refresh === null ? [] : [{ labels: [], value: input.refresh.atMs / 1000 }]
  ),
  family(
    'em_metrics_refresh_duration_seconds',
    'How long the refresh these numbers come from took.',
    input.refresh === null ? [] : [{ labels: [], value: Math.round(input.refresh.durationMs) / 1000 }]
  ),
  ...jobFamilies(input.jobs),
  ...vmFamilies(input.vms),
]

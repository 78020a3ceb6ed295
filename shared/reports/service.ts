/**
 * @module Builds the reports from EM: which EM types each kind reads, wiring walks to aggregators.
 * `buildReports` reads every type once and feeds both reports (the scheduled job and the local command);
 * the routes use `buildJobSummary` / `buildVmProtection`, which read only what their report needs.
 */
import type { EmQueryType } from '../em/query-types'
import type { EmClient } from '../em/types'
import {
  toCdpReplicaSession,
  toCdpReplicaTaskSession,
  toJobSession,
  toTaskSession,
} from '../mapping/sessions'
import {
  REPORT_KINDS,
  type JobSummaryReport,
  type ReportKind,
  type VmProtectionReport,
} from '../model/report'
import { createJobSummaryAggregator, type JobSummaryAggregator } from './job-summary'
import { runWalks, type RunOptions, type RunOutcome, type WalkStep } from './plan'
import type { TimelineBucket } from './timeline'
import { createVmProtectionAggregator, type VmProtectionAggregator } from './vm-protection'

export interface ReportOptions extends RunOptions {
  /** Default: all three kinds. */
  readonly kinds?: readonly ReportKind[] | undefined
  /** generatedAt; defaults to the current time. */
  readonly now?: Date | undefined
}

export interface VmReportOptions extends ReportOptions {
  /** Default 24. */
  readonly rpoHours?: number | undefined
}

/** Both reports plus the results-over-time series the HTML page charts. */
export interface ReportBundle {
  readonly jobSummary: JobSummaryReport
  readonly vmProtection: VmProtectionReport
  readonly timeline: { unit: 'hour' | 'day'; buckets: TimelineBucket[] }
}

const JOB_TYPES = {
  backup: 'BackupJobSession',
  replica: 'ReplicaJobSession',
  cdp: 'CdpReplicaSession',
} as const
const TASK_TYPES = {
  backup: 'BackupTaskSession',
  replica: 'ReplicaTaskSession',
  cdp: 'CdpReplicaTaskSession',
} as const
const TASK_TYPE_SET = new Set<EmQueryType>(Object.values(TASK_TYPES))

const jobStep = (kind: ReportKind, agg: JobSummaryAggregator): WalkStep => ({
  type: JOB_TYPES[kind],
  feed:
    kind === 'cdp'
      ? (raws) => agg.addCdpSessions(raws.map(toCdpReplicaSession))
      : (raws) => agg.addJobSessions(kind, raws.map(toJobSession)),
})

const taskStep = (
  kind: ReportKind,
  jobs: JobSummaryAggregator | null,
  vms: VmProtectionAggregator | null
) => {
  const type: EmQueryType = TASK_TYPES[kind]
  const feed =
    kind === 'cdp'
      ? (raws: Parameters<WalkStep['feed']>[0]) => {
          const items = raws.map(toCdpReplicaTaskSession)
          jobs?.addCdpTaskSessions(items)
          vms?.addTaskSessions(kind, items)
        }
      : (raws: Parameters<WalkStep['feed']>[0]) => {
          const items = raws.map(toTaskSession)
          jobs?.addTaskSessions(kind, items)
          vms?.addTaskSessions(kind, items)
        }
  return { type, feed }
}

const envelope = (o: ReportOptions, outcome: RunOutcome) => ({
  window: { from: o.from.toISOString(), to: o.to.toISOString() },
  generatedAt: (o.now ?? new Date()).toISOString(),
  sessionsScanned: outcome.sessionsScanned,
  complete: outcome.complete,
})

const kindsOf = (o: ReportOptions): readonly ReportKind[] =>
  REPORT_KINDS.filter((k) => (o.kinds === undefined || o.kinds.length === 0 ? true : o.kinds.includes(k)))

/** Job summary over the window: job (or CDP) sessions plus their task sessions for bytes. */
export const buildJobSummary = async (em: EmClient, o: ReportOptions): Promise<JobSummaryReport> => {
  const agg = createJobSummaryAggregator(o)
  const kinds = kindsOf(o)
  const steps = [...kinds.map((k) => jobStep(k, agg)), ...kinds.map((k) => taskStep(k, agg, null))]
  const outcome = await runWalks(em, steps, o)
  return { ...envelope(o, outcome), rows: agg.rows() }
}

/** VM protection over the window: the task sessions of the chosen kinds. */
export const buildVmProtection = async (em: EmClient, o: VmReportOptions): Promise<VmProtectionReport> => {
  const agg = createVmProtectionAggregator({ from: o.from, to: o.to, rpoHours: o.rpoHours ?? 24, now: o.now })
  const outcome = await runWalks(
    em,
    kindsOf(o).map((k) => taskStep(k, null, agg)),
    o
  )
  return { ...envelope(o, outcome), rows: agg.rows() }
}

/** Both reports from one read of every type (task sessions feed both aggregators). */
export const buildReports = async (em: EmClient, o: VmReportOptions): Promise<ReportBundle> => {
  const jobs = createJobSummaryAggregator(o)
  const vms = createVmProtectionAggregator({ from: o.from, to: o.to, rpoHours: o.rpoHours ?? 24, now: o.now })
  const kinds = kindsOf(o)
  const steps = [...kinds.map((k) => jobStep(k, jobs)), ...kinds.map((k) => taskStep(k, jobs, vms))]
  const outcome = await runWalks(em, steps, o)
  const base = envelope(o, outcome)
  // vm-protection reads only the task types: its count and completeness are theirs.
  const taskWalks = outcome.walks.filter((w) => TASK_TYPE_SET.has(w.type))
  return {
    jobSummary: { ...base, rows: jobs.rows() },
    vmProtection: {
      ...base,
      sessionsScanned: taskWalks.reduce((sum, w) => sum + w.sessionsScanned, 0),
      complete: taskWalks.every((w) => w.complete),
      rows: vms.rows(),
    },
    timeline: jobs.timeline(),
  }
}

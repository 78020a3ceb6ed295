/**
 * @module Builds the reports from rollups and EM: whole UTC days (and months) with a settled rollup
 * are merged from storage, the rest of the window (its partial edge days, unsettled or missing days)
 * is walked in EM through the EM reader, and both feed the same aggregators, so the answer equals a
 * full EM walk's (only `generatedAt` and `basis` differ). Without a rollup store, or with no rollups
 * in the window, the whole window is walked, as before.
 *
 * `buildReports` reads every family once and feeds both reports (the scheduled job and the local
 * command); the routes use `buildJobSummary` / `buildVmProtection`, which read only what their report
 * needs. All walks of one report share one limiter. A failed page makes the report `complete: false`.
 */
import {
  REPORT_KINDS,
  type JobSummaryReport,
  type ReportKind,
  type VmProtectionReport,
} from '../model/report'
import type { ReportBundle } from '../reports/bundle'
import { createJobSummaryAggregator, type JobSummaryAggregator } from '../reports/job-summary'
import { createVmProtectionAggregator, type VmProtectionAggregator } from '../reports/vm-protection'
import type { Rollup } from '../rollups/format'
import { uncovered } from '../rollups/periods'
import { coverWindow, NO_COVER, type RollupCover } from '../rollups/read'
import type { RollupStore } from '../rollups/store'
import type { EmReader } from './em-reader'
import { jobStep, runSteps, taskStep, type Outcome, type StepsOptions, type Walk } from './report-steps'

export type { ReportProgress } from './report-steps'

export interface ReportOptions extends StepsOptions {
  readonly from: Date
  readonly to: Date
  /** Default: all three kinds. */
  readonly kinds?: readonly ReportKind[] | undefined
  /** generatedAt; defaults to the current time. */
  readonly now?: Date | undefined
  /** Where settled rollups are read from; undefined: the whole window from EM. */
  readonly rollups?: RollupStore | undefined
}

export interface VmReportOptions extends ReportOptions {
  /** Default 24. */
  readonly rpoHours?: number | undefined
}

/** What a report was computed from. */
interface Basis {
  readonly cover: RollupCover
  readonly outcome: Outcome
}

const kindsOf = (o: ReportOptions): readonly ReportKind[] =>
  REPORT_KINDS.filter((k) => (o.kinds === undefined || o.kinds.length === 0 ? true : o.kinds.includes(k)))

const vmAggregator = (o: VmReportOptions) =>
  createVmProtectionAggregator({ from: o.from, to: o.to, rpoHours: o.rpoHours ?? 24, now: o.now })

/** Sessions a set of rollups covers: the job and task families, or the task families only. */
const rolledSessions = (rollups: readonly Rollup[], kinds: readonly ReportKind[], tasksOnly: boolean) =>
  rollups.reduce(
    (sum, r) =>
      sum + kinds.reduce((s, k) => s + r.kinds[k].taskSessions + (tasksOnly ? 0 : r.kinds[k].jobSessions), 0),
    0
  )

/** Absorbs the rollups, then walks what they do not cover. */
const read = async (
  reader: EmReader,
  o: ReportOptions,
  absorb: (r: Rollup) => void,
  steps: Parameters<typeof runSteps>[1]
): Promise<Basis> => {
  const window = { fromMs: o.from.getTime(), toMs: o.to.getTime() }
  const cover = o.rollups === undefined ? NO_COVER : await coverWindow(o.rollups, window)
  for (const r of cover.rollups) absorb(r)
  const ranges = uncovered(window, cover.covered).map((r) => ({
    from: new Date(r.fromMs),
    to: new Date(r.toMs),
  }))
  const outcome = await runSteps(reader, steps, ranges, o)
  return { cover, outcome }
}

const envelope = (o: ReportOptions, cover: RollupCover, walks: readonly Walk[], tasksOnly: boolean) => {
  const mine = walks.filter((w) => w.task || !tasksOnly)
  const emSessionsRead = mine.reduce((sum, w) => sum + w.sessionsScanned, 0)
  return {
    window: { from: o.from.toISOString(), to: o.to.toISOString() },
    generatedAt: (o.now ?? new Date()).toISOString(),
    sessionsScanned: emSessionsRead + rolledSessions(cover.rollups, kindsOf(o), tasksOnly),
    complete: mine.every((w) => w.complete),
    basis: { rollupDays: cover.rollupDays, emSessionsRead },
  }
}

const absorbJobs = (agg: JobSummaryAggregator, kinds: readonly ReportKind[]) => (r: Rollup) => {
  for (const k of kinds) agg.absorb(k, r.kinds[k].jobs)
}
const absorbVms = (agg: VmProtectionAggregator, kinds: readonly ReportKind[]) => (r: Rollup) => {
  for (const k of kinds) agg.absorb(k, r.kinds[k].vms)
}

/** Job summary over the window: job (or CDP) sessions plus their task sessions for bytes. */
export const buildJobSummary = async (reader: EmReader, o: ReportOptions): Promise<JobSummaryReport> => {
  const agg = createJobSummaryAggregator(o)
  const kinds = kindsOf(o)
  const { cover, outcome } = await read(reader, o, absorbJobs(agg, kinds), [
    ...kinds.map((k) => jobStep(k, agg)),
    ...kinds.map((k) => taskStep(k, agg, null)),
  ])
  return { ...envelope(o, cover, outcome.walks, false), rows: agg.rows() }
}

/** VM protection over the window: the task sessions of the chosen kinds. */
export const buildVmProtection = async (
  reader: EmReader,
  o: VmReportOptions
): Promise<VmProtectionReport> => {
  const agg = vmAggregator(o)
  const kinds = kindsOf(o)
  const { cover, outcome } = await read(
    reader,
    o,
    absorbVms(agg, kinds),
    kinds.map((k) => taskStep(k, null, agg))
  )
  return { ...envelope(o, cover, outcome.walks, true), rows: agg.rows() }
}

/** Both reports, plus what only `GET /v1/metrics` exports (by `jobRowKey(row)`: last finished duration). */
export interface ReportRun extends ReportBundle {
  readonly jobLastDurations: ReadonlyMap<string, number>
}

/** Both reports from one read of every family (task sessions feed both aggregators). */
export const buildReports = async (reader: EmReader, o: VmReportOptions): Promise<ReportRun> => {
  const jobs = createJobSummaryAggregator(o)
  const vms = vmAggregator(o)
  const kinds = kindsOf(o)
  const toJobs = absorbJobs(jobs, kinds)
  const toVms = absorbVms(vms, kinds)
  const { cover, outcome } = await read(
    reader,
    o,
    (r) => {
      toJobs(r)
      toVms(r)
    },
    [...kinds.map((k) => jobStep(k, jobs)), ...kinds.map((k) => taskStep(k, jobs, vms))]
  )
  // vm-protection reads only the task families: its count and completeness are theirs.
  return {
    jobSummary: { ...envelope(o, cover, outcome.walks, false), rows: jobs.rows() },
    vmProtection: { ...envelope(o, cover, outcome.walks, true), rows: vms.rows() },
    timeline: jobs.timeline(),
    jobLastDurations: jobs.lastDurations(),
  }
}

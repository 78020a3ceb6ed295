/**
 * @module Builds the reports from rollups and EM: whole UTC months, weeks and days with a settled
 * rollup are merged from storage (only the part the report needs: `jobs`, `vms` or both), the rest
 * of the window (its partial edge days, unsettled or missing days) is walked in EM through the EM
 * reader while the rollups load, and both feed the same aggregators, so the answer equals a full EM
 * walk's (only `generatedAt` and `basis` differ). Without a rollup store, or with no rollups in the
 * window, the whole window is walked, as before.
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
import type { RollupPart } from '../rollups/format'
import { uncovered, type Range } from '../rollups/periods'
import { loadCover, NO_PLAN, planCover, type PartRecords, type RollupCover } from '../rollups/read'
import type { RollupStore } from '../rollups/store'
import { absorbVmsWire } from '../rollups/vms-wire'
import type { EmReader } from './em-reader'
import { jobStep, runSteps, taskStep, type StepsOptions, type Walk } from './report-steps'

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
  readonly walks: readonly Walk[]
  /** Sessions the absorbed rollups cover, of the report's kinds. */
  readonly rolled: { jobs: number; tasks: number }
}

const kindsOf = (o: ReportOptions): readonly ReportKind[] =>
  REPORT_KINDS.filter((k) => (o.kinds === undefined || o.kinds.length === 0 ? true : o.kinds.includes(k)))

const vmAggregator = (o: VmReportOptions) =>
  createVmProtectionAggregator({ from: o.from, to: o.to, rpoHours: o.rpoHours ?? 24, now: o.now })

const asDates = (ranges: readonly Range[]) =>
  ranges.map((r) => ({ from: new Date(r.fromMs), to: new Date(r.toMs) }))

/**
 * Plans the rollups from the listings, then loads them while EM is walked for what they leave; a
 * planned period that did not load is walked after. Every session is fed exactly once.
 */
const read = async (
  reader: EmReader,
  o: ReportOptions,
  parts: readonly RollupPart[],
  absorb: (r: PartRecords) => void,
  steps: Parameters<typeof runSteps>[1]
): Promise<Basis> => {
  const window = { fromMs: o.from.getTime(), toMs: o.to.getTime() }
  const kinds = kindsOf(o)
  const store = o.rollups
  const plan = store === undefined ? NO_PLAN : await planCover(store, window, parts)
  const planned = uncovered(
    window,
    plan.periods.map((p) => p.range)
  )
  const rolled = { jobs: 0, tasks: 0 }
  const take = (records: PartRecords) => {
    const any = records.jobs ?? records.vms
    for (const k of kinds) {
      rolled.jobs += any?.kinds[k].jobSessions ?? 0
      rolled.tasks += any?.kinds[k].taskSessions ?? 0
    }
    absorb(records)
  }
  const [cover, first] = await Promise.all([
    store === undefined ? { covered: [], rollupDays: 0 } : loadCover(store, plan, parts, take),
    runSteps(reader, steps, asDates(planned), {
      ...o,
      expected: (r, kind, task) =>
        plan.expected({ fromMs: r.from.getTime(), toMs: r.to.getTime() }, kind, task),
    }),
  ])
  const rest = uncovered(window, [...cover.covered, ...planned])
  const second = rest.length === 0 ? [] : (await runSteps(reader, steps, asDates(rest), o)).walks
  return { cover, walks: [...first.walks, ...second], rolled }
}

const envelope = (o: ReportOptions, b: Basis, tasksOnly: boolean) => {
  const mine = b.walks.filter((w) => w.task || !tasksOnly)
  const emSessionsRead = mine.reduce((sum, w) => sum + w.sessionsScanned, 0)
  return {
    window: { from: o.from.toISOString(), to: o.to.toISOString() },
    generatedAt: (o.now ?? new Date()).toISOString(),
    sessionsScanned: emSessionsRead + b.rolled.tasks + (tasksOnly ? 0 : b.rolled.jobs),
    complete: mine.every((w) => w.complete),
    basis: { rollupDays: b.cover.rollupDays, emSessionsRead },
  }
}

const absorbJobs = (agg: JobSummaryAggregator, kinds: readonly ReportKind[]) => (r: PartRecords) => {
  for (const k of kinds) if (r.jobs !== undefined) agg.absorb(k, r.jobs.kinds[k].state)
}
const absorbVms = (agg: VmProtectionAggregator, kinds: readonly ReportKind[]) => (r: PartRecords) => {
  for (const k of kinds) if (r.vms !== undefined) absorbVmsWire(agg, k, r.vms.kinds[k].state)
}

/** Job summary over the window: job (or CDP) sessions plus their task sessions for bytes. */
export const buildJobSummary = async (reader: EmReader, o: ReportOptions): Promise<JobSummaryReport> => {
  const agg = createJobSummaryAggregator(o)
  const kinds = kindsOf(o)
  const basis = await read(reader, o, ['jobs'], absorbJobs(agg, kinds), [
    ...kinds.map((k) => jobStep(k, agg)),
    ...kinds.map((k) => taskStep(k, agg, null)),
  ])
  return { ...envelope(o, basis, false), rows: agg.rows() }
}

/** VM protection over the window: the task sessions of the chosen kinds. */
export const buildVmProtection = async (
  reader: EmReader,
  o: VmReportOptions
): Promise<VmProtectionReport> => {
  const agg = vmAggregator(o)
  const kinds = kindsOf(o)
  const basis = await read(
    reader,
    o,
    ['vms'],
    absorbVms(agg, kinds),
    kinds.map((k) => taskStep(k, null, agg))
  )
  return { ...envelope(o, basis, true), rows: agg.rows() }
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
  const basis = await read(
    reader,
    o,
    ['jobs', 'vms'],
    (r) => {
      toJobs(r)
      toVms(r)
    },
    [...kinds.map((k) => jobStep(k, jobs)), ...kinds.map((k) => taskStep(k, jobs, vms))]
  )
  // vm-protection reads only the task families: its count and completeness are theirs.
  return {
    jobSummary: { ...envelope(o, basis, false), rows: jobs.rows() },
    vmProtection: { ...envelope(o, basis, true), rows: vms.rows() },
    timeline: jobs.timeline(),
    jobLastDurations: jobs.lastDurations(),
  }
}

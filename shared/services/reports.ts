/**
 * @module Builds the reports from EM through the EM reader: which families each report kind reads,
 * wiring window walks to the aggregators. `buildReports` reads every family once and feeds both
 * reports (the scheduled job and the local command); the routes use `buildJobSummary` /
 * `buildVmProtection`, which read only what their report needs. All walks of one report share one
 * limiter, so the EM requests in flight stay bounded whatever the kinds. If every walk failed on its
 * first page (EM down, credentials rejected) the error is thrown, so callers answer 502/503/504
 * instead of an empty report; otherwise a failed page makes the report `complete: false`.
 */
import { FAMILIES } from '../families/families'
import type { Family, SessionItem } from '../families/family'
import type { Timed } from '../model/timed'
import {
  REPORT_KINDS,
  type JobSummaryReport,
  type ReportKind,
  type VmProtectionReport,
} from '../model/report'
import type { ReportBundle } from '../reports/bundle'
import { createJobSummaryAggregator, type JobSummaryAggregator } from '../reports/job-summary'
import { createVmProtectionAggregator, type VmProtectionAggregator } from '../reports/vm-protection'
import type { EmReader, WalkResult, WindowProgress } from './em-reader'
import { DEFAULT_REPORT_CONCURRENCY } from '../config/env'
import { createLimiter, type Limiter } from './limiter'

export interface ReportOptions {
  readonly from: Date
  readonly to: Date
  /** Default: all three kinds. */
  readonly kinds?: readonly ReportKind[] | undefined
  /** Concurrent EM requests over all walks (config REPORT_CONCURRENCY). */
  readonly concurrency?: number | undefined
  readonly onProgress?: ((progress: ReportProgress) => void) | undefined
  readonly signal?: AbortSignal | undefined
  /** generatedAt; defaults to the current time. */
  readonly now?: Date | undefined
}

export interface VmReportOptions extends ReportOptions {
  /** Default 24. */
  readonly rpoHours?: number | undefined
}

/** Progress of a whole report, for a progress line. */
export interface ReportProgress {
  readonly pagesFetched: number
  /** Sum over the walks whose page 1 has answered; `typesKnown` of `typesTotal` are counted. */
  readonly pagesTotal: number
  readonly typesKnown: number
  readonly typesTotal: number
  readonly sessions: number
  readonly elapsedMs: number
}

/** One family to walk and where its entries go. */
interface Step {
  readonly run: (reader: EmReader, o: WalkOptions) => Promise<WalkResult>
  readonly task: boolean
}

interface WalkOptions {
  readonly from: Date
  readonly to: Date
  readonly limiter: Limiter
  readonly onProgress: (p: WindowProgress) => void
  readonly signal?: AbortSignal | undefined
}

const step = <I extends SessionItem>(
  family: Family<I>,
  feed: (entries: Timed<I>[]) => void,
  task: boolean
): Step => ({
  task,
  run: (reader, o) => reader.walk(family, { ...o, onEntries: feed }),
})

const jobStep = (kind: ReportKind, agg: JobSummaryAggregator): Step =>
  kind === 'cdp'
    ? step(FAMILIES['cdp-replica-sessions'], (e) => agg.addCdpSessions(e), false)
    : step(FAMILIES[`${kind}-job-sessions`], (e) => agg.addJobSessions(kind, e), false)

const taskStep = (
  kind: ReportKind,
  jobs: JobSummaryAggregator | null,
  vms: VmProtectionAggregator | null
): Step =>
  kind === 'cdp'
    ? step(
        FAMILIES['cdp-replica-task-sessions'],
        (e) => {
          jobs?.addCdpTaskSessions(e)
          vms?.addTaskSessions(kind, e)
        },
        true
      )
    : step(
        FAMILIES[`${kind}-task-sessions`],
        (e) => {
          jobs?.addTaskSessions(kind, e)
          vms?.addTaskSessions(kind, e)
        },
        true
      )

interface Outcome {
  readonly complete: boolean
  readonly sessionsScanned: number
  readonly walks: readonly (WalkResult & { readonly task: boolean })[]
}

/** Walks every step concurrently under one limiter, with one combined progress. */
const runSteps = async (reader: EmReader, steps: readonly Step[], o: ReportOptions): Promise<Outcome> => {
  const limiter = createLimiter(o.concurrency ?? DEFAULT_REPORT_CONCURRENCY)
  const started = Date.now()
  const latest = new Map<number, WindowProgress>()
  const progressOf = (i: number) => (p: WindowProgress) => {
    latest.set(i, p)
    if (o.onProgress === undefined) return
    let pagesFetched = 0
    let pagesTotal = 0
    let typesKnown = 0
    let sessions = 0
    for (const w of latest.values()) {
      pagesFetched += w.pagesFetched
      sessions += w.sessions
      if (w.pagesTotal !== null) {
        pagesTotal += w.pagesTotal
        typesKnown += 1
      }
    }
    o.onProgress({
      pagesFetched,
      pagesTotal,
      typesKnown,
      typesTotal: steps.length,
      sessions,
      elapsedMs: Date.now() - started,
    })
  }
  const walks = await Promise.all(
    steps.map(async (s, i) => ({
      ...(await s.run(reader, {
        from: o.from,
        to: o.to,
        limiter,
        onProgress: progressOf(i),
        signal: o.signal,
      })),
      task: s.task,
    }))
  )
  const failedAll = walks.length > 0 && walks.every((w) => w.pagesTotal === null)
  if (failedAll) throw walks[0]?.error
  return {
    complete: walks.every((w) => w.complete),
    sessionsScanned: walks.reduce((sum, w) => sum + w.sessionsScanned, 0),
    walks,
  }
}

const envelope = (o: ReportOptions, outcome: Pick<Outcome, 'complete' | 'sessionsScanned'>) => ({
  window: { from: o.from.toISOString(), to: o.to.toISOString() },
  generatedAt: (o.now ?? new Date()).toISOString(),
  sessionsScanned: outcome.sessionsScanned,
  complete: outcome.complete,
})

const kindsOf = (o: ReportOptions): readonly ReportKind[] =>
  REPORT_KINDS.filter((k) => (o.kinds === undefined || o.kinds.length === 0 ? true : o.kinds.includes(k)))

const vmAggregator = (o: VmReportOptions) =>
  createVmProtectionAggregator({ from: o.from, to: o.to, rpoHours: o.rpoHours ?? 24, now: o.now })

/** Job summary over the window: job (or CDP) sessions plus their task sessions for bytes. */
export const buildJobSummary = async (reader: EmReader, o: ReportOptions): Promise<JobSummaryReport> => {
  const agg = createJobSummaryAggregator(o)
  const kinds = kindsOf(o)
  const outcome = await runSteps(
    reader,
    [...kinds.map((k) => jobStep(k, agg)), ...kinds.map((k) => taskStep(k, agg, null))],
    o
  )
  return { ...envelope(o, outcome), rows: agg.rows() }
}

/** VM protection over the window: the task sessions of the chosen kinds. */
export const buildVmProtection = async (
  reader: EmReader,
  o: VmReportOptions
): Promise<VmProtectionReport> => {
  const agg = vmAggregator(o)
  const outcome = await runSteps(
    reader,
    kindsOf(o).map((k) => taskStep(k, null, agg)),
    o
  )
  return { ...envelope(o, outcome), rows: agg.rows() }
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
  const outcome = await runSteps(
    reader,
    [...kinds.map((k) => jobStep(k, jobs)), ...kinds.map((k) => taskStep(k, jobs, vms))],
    o
  )
  // vm-protection reads only the task families: its count and completeness are theirs.
  const taskWalks = outcome.walks.filter((w) => w.task)
  return {
    jobSummary: { ...envelope(o, outcome), rows: jobs.rows() },
    vmProtection: {
      ...envelope(o, {
        sessionsScanned: taskWalks.reduce((sum, w) => sum + w.sessionsScanned, 0),
        complete: taskWalks.every((w) => w.complete),
      }),
      rows: vms.rows(),
    },
    timeline: jobs.timeline(),
    jobLastDurations: jobs.lastDurations(),
  }
}

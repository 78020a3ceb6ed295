/**
 * @module The walks behind a report: which family each report kind reads and where its entries go
 * (a step), and running every step over every range of a window concurrently under one limiter,
 * with one combined progress. If every walk failed on its first page (EM down, credentials
 * rejected) the error is thrown, so callers answer 502/503/504 instead of an empty report.
 */
import { FAMILIES } from '../families/families'
import type { Family, SessionItem } from '../families/family'
import type { ReportKind } from '../model/report'
import type { Timed } from '../model/timed'
import type { JobSummaryAggregator } from '../reports/job-summary'
import type { VmProtectionAggregator } from '../reports/vm-protection'
import { DEFAULT_REPORT_CONCURRENCY } from '../config/env'
import type { EmReader, WalkResult, WindowProgress } from './em-reader'
import { createLimiter, type Limiter } from './limiter'

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
export interface Step {
  readonly run: (reader: EmReader, o: WalkOptions) => Promise<WalkResult>
  readonly kind: ReportKind
  readonly task: boolean
}

interface WalkOptions {
  readonly from: Date
  readonly to: Date
  /** Sessions the range holds at least (0: unknown); see `WalkRequest.expectedSessions`. */
  readonly expectedSessions: number
  readonly limiter: Limiter
  readonly onProgress: (p: WindowProgress) => void
  readonly signal?: AbortSignal | undefined
}

/** Sees every entry walked (before the aggregators), e.g. to count running sessions. */
export type Tap = (entries: readonly Timed<unknown>[]) => void

/** Where a job-summary step's entries go: an aggregator, or something routing to several. */
export type JobFeeds = Pick<
  JobSummaryAggregator,
  'addJobSessions' | 'addCdpSessions' | 'addTaskSessions' | 'addCdpTaskSessions'
>
/** Where a vm-protection step's entries go. */
export type VmFeeds = Pick<VmProtectionAggregator, 'addTaskSessions'>

const step = <I extends SessionItem>(
  family: Family<I>,
  feed: (entries: Timed<I>[]) => void,
  kind: ReportKind,
  task: boolean,
  tap: Tap | undefined
): Step => ({
  kind,
  task,
  run: (reader, o) =>
    reader.walk(family, {
      ...o,
      onEntries: (e) => {
        tap?.(e)
        feed(e)
      },
    }),
})

export const jobStep = (kind: ReportKind, agg: JobFeeds, tap?: Tap): Step =>
  kind === 'cdp'
    ? step(FAMILIES['cdp-replica-sessions'], (e) => agg.addCdpSessions(e), kind, false, tap)
    : step(FAMILIES[`${kind}-job-sessions`], (e) => agg.addJobSessions(kind, e), kind, false, tap)

export const taskStep = (kind: ReportKind, jobs: JobFeeds | null, vms: VmFeeds | null, tap?: Tap): Step =>
  kind === 'cdp'
    ? step(
        FAMILIES['cdp-replica-task-sessions'],
        (e) => {
          jobs?.addCdpTaskSessions(e)
          vms?.addTaskSessions(kind, e)
        },
        kind,
        true,
        tap
      )
    : step(
        FAMILIES[`${kind}-task-sessions`],
        (e) => {
          jobs?.addTaskSessions(kind, e)
          vms?.addTaskSessions(kind, e)
        },
        kind,
        true,
        tap
      )

export interface StepsOptions {
  /** Concurrent EM requests over all walks (config REPORT_CONCURRENCY). */
  readonly concurrency?: number | undefined
  readonly onProgress?: ((progress: ReportProgress) => void) | undefined
  readonly signal?: AbortSignal | undefined
  /** Sessions of a step's kind and level a range holds at least (rollup counts); default 0, unknown. */
  readonly expected?:
    ((range: { from: Date; to: Date }, kind: ReportKind, task: boolean) => number) | undefined
}

export type Walk = WalkResult & { readonly kind: ReportKind; readonly task: boolean }

export interface Outcome {
  readonly complete: boolean
  readonly sessionsScanned: number
  readonly pagesFetched: number
  readonly walks: readonly Walk[]
}

/** Walks every step over every range concurrently under one limiter, with one combined progress. */
export const runSteps = async (
  reader: EmReader,
  steps: readonly Step[],
  ranges: readonly { from: Date; to: Date }[],
  o: StepsOptions
): Promise<Outcome> => {
  const limiter = createLimiter(o.concurrency ?? DEFAULT_REPORT_CONCURRENCY)
  const started = Date.now()
  const latest = new Map<number, WindowProgress>()
  const jobs = ranges.flatMap((range) => steps.map((s) => ({ s, range })))
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
      typesTotal: jobs.length,
      sessions,
      elapsedMs: Date.now() - started,
    })
  }
  const walks = await Promise.all(
    jobs.map(async ({ s, range }, i) => ({
      ...(await s.run(reader, {
        from: range.from,
        to: range.to,
        expectedSessions: o.expected?.(range, s.kind, s.task) ?? 0,
        limiter,
        onProgress: progressOf(i),
        signal: o.signal,
      })),
      kind: s.kind,
      task: s.task,
    }))
  )
  const failedAll = walks.length > 0 && walks.every((w) => w.pagesTotal === null)
  if (failedAll) throw walks[0]?.error
  return {
    complete: walks.every((w) => w.complete),
    sessionsScanned: walks.reduce((sum, w) => sum + w.sessionsScanned, 0),
    pagesFetched: walks.reduce((sum, w) => sum + w.pagesFetched, 0),
    walks,
  }
}

/**
 * @module Rolls one period (a UTC day) from EM: walks every family over it through the EM reader,
 * feeding fresh aggregators for the whole period and for each hour of it (each session goes to the
 * hour it was created in: the periods are whole hours), and returns their per-kind state (per rollup part) with the session
 * counts, the EM pages read and how many sessions were still running, for the period and per hour.
 * The rollup job stores the result.
 */
import { REPORT_KINDS, type ReportKind } from '../model/report'
import type { Timed } from '../model/timed'
import { createJobSummaryAggregator, type JobSummaryAggregator } from '../reports/job-summary'
import { createVmProtectionAggregator, type VmProtectionAggregator } from '../reports/vm-protection'
import type { KindRollup, RollupPart } from '../rollups/format'
import { HOUR_MS } from '../rollups/periods'
import { toVmsWire } from '../rollups/vms-wire'
import type { EmReader } from './em-reader'
import {
  jobStep,
  runSteps,
  taskStep,
  type JobFeeds,
  type StepsOptions,
  type Tap,
  type VmFeeds,
} from './report-steps'

/** The aggregated sessions created in one range. */
export interface RolledRange {
  readonly fromMs: number
  readonly toMs: number
  /** Sessions created in the range and still running. */
  readonly running: number
  /** Per part, per kind: the session counts and the aggregator's state. */
  readonly parts: { readonly [P in RollupPart]: Record<ReportKind, KindRollup<P>> }
}

export interface RolledPeriod extends RolledRange {
  readonly complete: boolean
  readonly pagesFetched: number
  readonly sessionsRead: number
  /** Every hour of the period, ascending. */
  readonly hours: readonly RolledRange[]
}

type Counts = Record<ReportKind, { jobSessions: number; taskSessions: number }>

interface Bucket {
  readonly fromMs: number
  readonly toMs: number
  readonly jobs: JobSummaryAggregator
  readonly vms: VmProtectionAggregator
  readonly counts: Counts
  running: number
}

const bucket = (fromMs: number, toMs: number, now: Date): Bucket => {
  const from = new Date(fromMs)
  const to = new Date(toMs)
  return {
    fromMs,
    toMs,
    jobs: createJobSummaryAggregator({ from, to }),
    vms: createVmProtectionAggregator({ from, to, rpoHours: 24, now }),
    counts: {
      backup: { jobSessions: 0, taskSessions: 0 },
      replica: { jobSessions: 0, taskSessions: 0 },
      cdp: { jobSessions: 0, taskSessions: 0 },
    },
    running: 0,
  }
}

const rolled = (b: Bucket): RolledRange => {
  const perKind = <S>(state: (k: ReportKind) => S) => ({
    backup: { ...b.counts.backup, state: state('backup') },
    replica: { ...b.counts.replica, state: state('replica') },
    cdp: { ...b.counts.cdp, state: state('cdp') },
  })
  return {
    fromMs: b.fromMs,
    toMs: b.toMs,
    running: b.running,
    parts: { jobs: perKind((k) => b.jobs.state(k)), vms: perKind((k) => toVmsWire(b.vms.state(k))) },
  }
}

export const rollPeriod = async (
  reader: EmReader,
  o: StepsOptions & { readonly from: Date; readonly to: Date; readonly now: Date }
): Promise<RolledPeriod> => {
  const whole = bucket(o.from.getTime(), o.to.getTime(), o.now)
  const hours = new Map<number, Bucket>()
  for (let h = whole.fromMs; h < whole.toMs; h += HOUR_MS) hours.set(h, bucket(h, h + HOUR_MS, o.now))
  // The walk hands on only sessions created in the period, so each has its hour's bucket.
  const hourOf = (ms: number): Bucket | undefined => hours.get(Math.floor(ms / HOUR_MS) * HOUR_MS)
  /** Calls `f` with the whole period's bucket and all entries, then with each hour's and its own. */
  const route = <E extends Timed<unknown>>(
    entries: readonly E[],
    f: (b: Bucket, group: readonly E[]) => void
  ) => {
    f(whole, entries)
    const groups = new Map<Bucket, E[]>()
    for (const e of entries) {
      const b = hourOf(e.createdMs)
      if (b === undefined) continue
      const group = groups.get(b)
      if (group === undefined) groups.set(b, [e])
      else group.push(e)
    }
    for (const [b, group] of groups) f(b, group)
  }
  const tap =
    (kind: ReportKind, task: boolean): Tap =>
    (entries) =>
      route(entries, (b, group) => {
        b.counts[kind][task ? 'taskSessions' : 'jobSessions'] += group.length
        for (const e of group) if (e.endedMs === null) b.running += 1
      })
  const jobs: JobFeeds = {
    addJobSessions: (kind, e) => route(e, (b, g) => b.jobs.addJobSessions(kind, g)),
    addCdpSessions: (e) => route(e, (b, g) => b.jobs.addCdpSessions(g)),
    addTaskSessions: (kind, e) => route(e, (b, g) => b.jobs.addTaskSessions(kind, g)),
    addCdpTaskSessions: (e) => route(e, (b, g) => b.jobs.addCdpTaskSessions(g)),
  }
  const vms: VmFeeds = { addTaskSessions: (kind, e) => route(e, (b, g) => b.vms.addTaskSessions(kind, g)) }
  const outcome = await runSteps(
    reader,
    [
      ...REPORT_KINDS.map((k) => jobStep(k, jobs, tap(k, false))),
      ...REPORT_KINDS.map((k) => taskStep(k, jobs, vms, tap(k, true))),
    ],
    [{ from: o.from, to: o.to }],
    o
  )
  return {
    ...rolled(whole),
    complete: outcome.complete,
    pagesFetched: outcome.pagesFetched,
    sessionsRead: outcome.sessionsScanned,
    hours: [...hours.values()].sort((a, b) => a.fromMs - b.fromMs).map(rolled),
  }
}

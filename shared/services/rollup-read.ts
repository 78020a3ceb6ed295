/**
 * @module Rolls one period (a UTC day) from EM: walks every family over it through the EM reader,
 * feeding fresh aggregators, and returns their per-kind state (per rollup part) with the session
 * counts, the EM pages read and how many sessions were still running. The rollup job stores the result.
 */
import { REPORT_KINDS, type ReportKind } from '../model/report'
import { createJobSummaryAggregator } from '../reports/job-summary'
import { createVmProtectionAggregator } from '../reports/vm-protection'
import type { KindRollup, RollupPart } from '../rollups/format'
import type { EmReader } from './em-reader'
import { jobStep, runSteps, taskStep, type StepsOptions, type Tap } from './report-steps'

export interface RolledPeriod {
  readonly complete: boolean
  readonly pagesFetched: number
  readonly sessionsRead: number
  /** Sessions created in the period and still running. */
  readonly running: number
  /** Per part, per kind: the session counts and the aggregator's state. */
  readonly parts: { readonly [P in RollupPart]: Record<ReportKind, KindRollup<P>> }
}

export const rollPeriod = async (
  reader: EmReader,
  o: StepsOptions & { readonly from: Date; readonly to: Date; readonly now: Date }
): Promise<RolledPeriod> => {
  const jobs = createJobSummaryAggregator(o)
  const vms = createVmProtectionAggregator({ from: o.from, to: o.to, rpoHours: 24, now: o.now })
  let running = 0
  const tap: Tap = (entries) => {
    for (const e of entries) if (e.endedMs === null) running += 1
  }
  const outcome = await runSteps(
    reader,
    [
      ...REPORT_KINDS.map((k) => jobStep(k, jobs, tap)),
      ...REPORT_KINDS.map((k) => taskStep(k, jobs, vms, tap)),
    ],
    [{ from: o.from, to: o.to }],
    o
  )
  const scanned = (kind: ReportKind, task: boolean) =>
    outcome.walks
      .filter((w) => w.kind === kind && w.task === task)
      .reduce((sum, w) => sum + w.sessionsScanned, 0)
  const counts = (k: ReportKind) => ({ jobSessions: scanned(k, false), taskSessions: scanned(k, true) })
  const perKind = <S>(state: (k: ReportKind) => S) => ({
    backup: { ...counts('backup'), state: state('backup') },
    replica: { ...counts('replica'), state: state('replica') },
    cdp: { ...counts('cdp'), state: state('cdp') },
  })
  return {
    complete: outcome.complete,
    pagesFetched: outcome.pagesFetched,
    sessionsRead: outcome.sessionsScanned,
    running,
    parts: { jobs: perKind((k) => jobs.state(k)), vms: perKind((k) => vms.state(k)) },
  }
}

/**
 * @module Merging settled rollups of adjacent periods into one (the days of a month into the
 * month's record): per kind, counts add and the aggregator states merge exactly (through the
 * aggregators' own `absorb`, so there is one definition of the merge).
 */
import { REPORT_KINDS, type ReportKind } from '../model/report'
import { createJobSummaryAggregator } from '../reports/job-summary'
import { createVmProtectionAggregator } from '../reports/vm-protection'
import { ROLLUP_FORMAT, type KindRollup, type Rollup } from './format'
import type { Range } from './periods'

/** One settled record for `period` covering `range`, from the settled records of its parts. */
export const mergeRollups = (
  parts: readonly Rollup[],
  period: string,
  range: Range,
  rolledAt: Date
): Rollup => {
  const from = new Date(range.fromMs)
  const to = new Date(range.toMs)
  const jobs = createJobSummaryAggregator({ from, to })
  const vms = createVmProtectionAggregator({ from, to, rpoHours: 24, now: to })
  for (const p of parts) {
    for (const k of REPORT_KINDS) {
      jobs.absorb(k, p.kinds[k].jobs)
      vms.absorb(k, p.kinds[k].vms)
    }
  }
  const sum = (k: ReportKind, f: 'jobSessions' | 'taskSessions') =>
    parts.reduce((s, p) => s + p.kinds[k][f], 0)
  const kind = (k: ReportKind): KindRollup => ({
    jobSessions: sum(k, 'jobSessions'),
    taskSessions: sum(k, 'taskSessions'),
    jobs: jobs.state(k),
    vms: vms.state(k),
  })
  return {
    format: ROLLUP_FORMAT,
    period,
    from: from.toISOString(),
    to: to.toISOString(),
    rolledAt: rolledAt.toISOString(),
    running: 0,
    settled: parts.every((p) => p.settled),
    pagesRead: 0,
    kinds: { backup: kind('backup'), replica: kind('replica'), cdp: kind('cdp') },
  }
}

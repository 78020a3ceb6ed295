/**
 * @module Merging settled rollups of adjacent periods into one (the days of a week or a month into
 * its record), per part: per kind, counts add and the aggregator states merge exactly (through the
 * aggregators' own `absorb`, so there is one definition of the merge).
 */
import { REPORT_KINDS, type ReportKind } from '../model/report'
import { createJobSummaryAggregator } from '../reports/job-summary'
import { createVmProtectionAggregator } from '../reports/vm-protection'
import { ROLLUP_FORMAT, type KindRollup, type PartStates, type Rollup, type RollupPart } from './format'
import type { Range } from './periods'
import { absorbVmsWire, toVmsWire } from './vms-wire'

interface StateMerger<P extends RollupPart> {
  absorb(kind: ReportKind, state: PartStates[P]): void
  state(kind: ReportKind): PartStates[P]
}

const MERGERS: { readonly [P in RollupPart]: (from: Date, to: Date) => StateMerger<P> } = {
  jobs: (from, to) => createJobSummaryAggregator({ from, to }),
  vms: (from, to) => {
    const agg = createVmProtectionAggregator({ from, to, rpoHours: 24, now: to })
    return {
      absorb: (kind, w) => absorbVmsWire(agg, kind, w),
      state: (kind) => toVmsWire(agg.state(kind)),
    }
  },
}

/** One record of `part` for `period` covering `range`, from the records of its days. */
export const mergeRollups = <P extends RollupPart>(
  part: P,
  parts: readonly Rollup<P>[],
  period: string,
  range: Range,
  rolledAt: Date
): Rollup<P> => {
  const from = new Date(range.fromMs)
  const to = new Date(range.toMs)
  const merger = MERGERS[part](from, to)
  for (const p of parts) for (const k of REPORT_KINDS) merger.absorb(k, p.kinds[k].state)
  const sum = (k: ReportKind, f: 'jobSessions' | 'taskSessions') =>
    parts.reduce((s, p) => s + p.kinds[k][f], 0)
  const kind = (k: ReportKind): KindRollup<P> => ({
    jobSessions: sum(k, 'jobSessions'),
    taskSessions: sum(k, 'taskSessions'),
    state: merger.state(k),
  })
  return {
    format: ROLLUP_FORMAT,
    part,
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

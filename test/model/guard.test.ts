/**
 * The type guards behind the rollup states: they accept exactly the shapes they describe (missing,
 * extra or mistyped fields, wrong tuple lengths, non-finite or fractional numbers are refused) and
 * check in place (the value passes through as the same object).
 */
import { describe, expect, it } from 'vitest'
import {
  arrayOf,
  count,
  int,
  nullable,
  num,
  oneOf,
  recordOf,
  str,
  strictObject,
  tuple,
} from '../../shared/model/guard'
import { isJobSummaryState } from '../../shared/reports/aggregate-state'

const isThing = strictObject({
  name: str,
  n: count,
  at: nullable(tuple(int, str)),
  tags: arrayOf(oneOf(['a', 'b'] as const)),
  sizes: recordOf(num),
})
const good = { name: 'x', n: 0, at: [-5, 'id'], tags: ['a', 'b'], sizes: { k: 1.5 } }

describe('guards', () => {
  it('Should accept the shape it describes', () => {
    expect(isThing(good)).toBe(true)
    expect(isThing({ ...good, at: null, tags: [], sizes: {} })).toBe(true)
  })

  it('Should refuse missing, extra and mistyped fields, and bad numbers', () => {
    const { name: _n, ...missing } = good
    for (const bad of [
      missing,
      { ...good, extra: 1 },
      { ...good, name: 1 },
      { ...good, n: -1 },
      { ...good, n: 1.5 },
      { ...good, at: [1] },
      { ...good, at: [1, 'id', 2] },
      { ...good, at: [1.5, 'id'] },
      { ...good, tags: ['c'] },
      { ...good, sizes: { k: 'x' } },
      { ...good, sizes: { k: Number.NaN } },
      { ...good, sizes: [] },
      [],
      null,
      'x',
    ])
      expect(isThing(bad)).toBe(false)
  })

  it('Should hold a job-summary state to its every field', () => {
    const stats = {
      kind: 'backup',
      jobId: 'j',
      names: ['n'],
      jobName: 'n',
      backupServer: null,
      total: 1,
      success: 1,
      warning: 0,
      failed: 0,
      running: 0,
      newest: { ms: 1, id: 's' },
      newestFinished: { ms: 1, id: 's', result: 'Success', durationSeconds: 3 },
      lastSuccessEnd: null,
      durationSumMs: 3000,
      durationCount: 1,
      durationMax: 3,
    }
    const state = {
      jobs: { 'backup|j': stats },
      bytesByName: {},
      bytesByPolicySession: {},
      policyOfSession: {},
      hours: { '0': [1, 0, 0, 0] },
    }
    expect(isJobSummaryState(state)).toBe(true)
    expect(isJobSummaryState({ ...state, hours: { '0': [1, 0, 0] } })).toBe(false)
    expect(isJobSummaryState({ ...state, jobs: { 'backup|j': { ...stats, kind: 'tape' } } })).toBe(false)
    expect(
      isJobSummaryState({ ...state, jobs: { 'backup|j': { ...stats, newestFinished: { ms: 1, id: 's' } } } })
    ).toBe(false)
  })
})

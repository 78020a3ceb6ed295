/**
 * @module The simulator's creation-time index: a filter bounded on CreationTime selects exactly what
 * the plain predicate over every session selects (the index only skips what cannot match), for
 * bounds of every operator, at and between session instants, and inside OR filters (unbounded).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateDataset } from '../../tools/em-simulator/index'
import { compileFilter } from '../../tools/em-simulator/filter-eval'
import { parseFilter } from '../../tools/em-simulator/filter-parser'
import { QueryEngine } from '../../tools/em-simulator/query-engine'
import { NOW } from './sim-client'

const ds = generateDataset({ seed: 1, now: NOW, scale: 1 })
const all = ds.sessions('BackupTaskSession')
const first = all[0]?.creationTime.getTime() ?? 0
const last = all[all.length - 1]?.creationTime.getTime() ?? 0

const OPS = ['>=', '>', '<', '<=', '=='] as const
/** An instant: a session's own creation time (ties and equality), or anywhere around the data. */
const instant = fc.oneof(
  fc.integer({ min: 0, max: all.length - 1 }).map((i) => all[i]?.creationTime.getTime() ?? first),
  fc.integer({ min: first - 86_400_000, max: last + 86_400_000 })
)
const cmp = fc
  .tuple(fc.constantFrom(...OPS), instant, fc.constantFrom('CreationTime', 'creationtime'))
  .map(([op, ms, field]) => `${field}${op}"${new Date(ms).toISOString()}"`)

describe('QueryEngine creation-time index', () => {
  it('Should select exactly what the predicate selects over every session', () => {
    fc.assert(
      fc.property(fc.array(cmp, { minLength: 1, maxLength: 3 }), fc.boolean(), (parts, withOr) => {
        const filter = withOr ? `(${parts.join(';')}),Result==Failed` : `${parts.join(';')};Result!=Failed`
        const engine = new QueryEngine(ds)
        const got = engine.select({ type: 'BackupTaskSession', filter, sort: undefined })
        const want = all.filter(compileFilter('BackupTaskSession', parseFilter(filter)))
        expect(got.map((s) => s.id)).toStrictEqual(want.map((s) => s.id))
      }),
      { numRuns: 150 }
    )
  })
})

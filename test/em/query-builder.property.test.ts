/**
 * @module Property: whatever a caller's value is (any Unicode, quotes, `;` `,` parentheses, operators,
 * newlines, percent signs), the filter the builder sends reads back — through the simulator's parser of
 * EM's grammar — as exactly the field, operator and value that were asked for, and a conjunction of N
 * hostile values as exactly N conditions. A value can never change the meaning of the filter.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Comparison, FilterExpr } from '../../shared/em/filter'
import { buildQueryPath, QueryBuildError } from '../../shared/em/query-builder'
import { EM_QUERY_FIELDS } from '../../shared/em/query-types'
import { parseFilter, type FilterAst } from '../../tools/em-simulator/filter-parser'

type Expr = FilterExpr<'BackupTaskSession'>

const OPS: readonly Comparison[] = ['==', '!=', '<', '<=', '>', '>=']
const op = fc.constantFrom(...OPS)
const field = fc.constantFrom(...EM_QUERY_FIELDS.BackupTaskSession)
const hostile = fc
  .array(
    fc.constantFrom(
      '"',
      '""',
      ';',
      ',',
      '(',
      ')',
      '==',
      '!=',
      '<',
      '<=',
      '>=',
      '\n',
      '\r\n',
      ' ',
      '%',
      '%22',
      '&',
      '+',
      '=',
      '\\',
      'a',
      'é',
      '😀',
      '\u00a0'
    ),
    { maxLength: 20 }
  )
  .map((parts) => parts.join(''))
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  hostile
)

/** The `filter` parameter of a built path, decoded as EM would. */
const sentFilter = (expr: Expr): string => {
  const path = buildQueryPath({
    type: 'BackupTaskSession',
    sort: { field: 'CreationTime', direction: 'desc' },
    pageSize: 100,
    page: 1,
    filter: expr,
  })
  const raw = /[?&]filter=([^&]*)/.exec(path)?.[1]
  if (raw === undefined) throw new Error('no filter parameter')
  return decodeURIComponent(raw)
}

const cmp = (f: string, o: Comparison, v: string): FilterAst => ({
  kind: 'cmp',
  field: f,
  op: o,
  value: v,
  quoted: true,
})

describe('buildQueryPath filter round trip (property)', () => {
  it('Should read back exactly one comparison with the same field, operator and value', () => {
    fc.assert(
      fc.property(field, op, anyString, (f, o, v) => {
        expect(parseFilter(sentFilter({ field: f, op: o, value: v }))).toStrictEqual(cmp(f, o, v))
      }),
      { numRuns: 2000 }
    )
  })

  it('Should read a conjunction of N hostile values as exactly N conditions', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(field, op, anyString), { minLength: 2, maxLength: 8 }), (conds) => {
        const expr: Expr = { and: conds.map(([f, o, v]) => ({ field: f, op: o, value: v })) }
        expect(parseFilter(sentFilter(expr))).toStrictEqual({
          kind: 'and',
          items: conds.map(([f, o, v]) => cmp(f, o, v)),
        })
      }),
      { numRuns: 500 }
    )
  })

  it('Should keep an OR of ANDs of hostile values in its shape', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anyString, { minLength: 2, maxLength: 4 }), { minLength: 2, maxLength: 4 }),
        (groups) => {
          const expr: Expr = {
            or: groups.map((g) => ({
              and: g.map((v) => ({ field: 'VmDisplayName' as const, op: '==' as const, value: v })),
            })),
          }
          expect(parseFilter(sentFilter(expr))).toStrictEqual({
            kind: 'or',
            items: groups.map((g) => ({ kind: 'and', items: g.map((v) => cmp('VmDisplayName', '==', v)) })),
          })
        }
      ),
      { numRuns: 300 }
    )
  })

  it('Should read back a Date as its UTC text', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const ast = parseFilter(sentFilter({ field: 'CreationTime', op: '>=', value: d }))
          const text = d.getUTCMilliseconds() === 0 ? d.toISOString().replace('.000Z', 'Z') : d.toISOString()
          expect(ast).toStrictEqual(cmp('CreationTime', '>=', text))
        }
      )
    )
  })

  it('Should refuse a string that is not well-formed Unicode (lone surrogate) instead of sending it', () => {
    expect(() => sentFilter({ field: 'VmDisplayName', op: '==', value: 'a\ud800b' })).toThrow(QueryBuildError)
  })
})

/**
 * @module The filter grammar: operators, AND/OR precedence, parentheses, quoting (`""` the only
 * escape, everything else literal inside quotes), space dropping in unquoted values, errors.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FilterSyntaxError, parseFilter } from '../../tools/em-simulator/filter-parser'
import type { FilterAst } from '../../tools/em-simulator/filter-parser'

const cmp = (field: string, op: string, value: string, quoted = true): FilterAst =>
  ({ kind: 'cmp', field, op, value, quoted }) as FilterAst

describe('parseFilter', () => {
  it.each([
    ['Name==abc', cmp('Name', '==', 'abc', false)],
    ['Name!=abc', cmp('Name', '!=', 'abc', false)],
    ['TotalSize<5', cmp('TotalSize', '<', '5', false)],
    ['TotalSize<=5', cmp('TotalSize', '<=', '5', false)],
    ['TotalSize>5', cmp('TotalSize', '>', '5', false)],
    ['TotalSize>=5', cmp('TotalSize', '>=', '5', false)],
    ['creationtime>="2025-08-15T06:00:00Z"', cmp('creationtime', '>=', '2025-08-15T06:00:00Z')],
    ['CreationTime>=2025-02-18T14:16:31', cmp('CreationTime', '>=', '2025-02-18T14:16:31', false)],
    ['Name==Fileserver Backup', cmp('Name', '==', 'FileserverBackup', false)],
    ['Name=="Fileserver Backup"', cmp('Name', '==', 'Fileserver Backup')],
    ['Name==""', cmp('Name', '==', '')],
  ])('Should parse %s', (text, want) => {
    expect(parseFilter(text)).toStrictEqual(want)
  })

  it('Should read "" inside quotes as one quote', () => {
    expect(parseFilter('Name=="""Backup"""')).toStrictEqual(cmp('Name', '==', '"Backup"'))
    expect(parseFilter('Name=="a""b"')).toStrictEqual(cmp('Name', '==', 'a"b'))
  })

  it('Should keep ; , ( ) operators, spaces, newlines and unicode literal inside quotes', () => {
    const value = 'a;b,c(d)e==f<g>=h!=i "j" \n\tΩ東京 🙂'
    expect(parseFilter(`Name=="${value.replace(/"/g, '""')}"`)).toStrictEqual(cmp('Name', '==', value))
  })

  it('Should bind ; tighter than ,', () => {
    expect(parseFilter('a==1;b==2,c==3')).toStrictEqual({
      kind: 'or',
      items: [
        { kind: 'and', items: [cmp('a', '==', '1', false), cmp('b', '==', '2', false)] },
        cmp('c', '==', '3', false),
      ],
    })
  })

  it('Should group with parentheses', () => {
    expect(parseFilter('a==1;(b==2,c==3)')).toStrictEqual({
      kind: 'and',
      items: [
        cmp('a', '==', '1', false),
        { kind: 'or', items: [cmp('b', '==', '2', false), cmp('c', '==', '3', false)] },
      ],
    })
    expect(parseFilter(' ( ( a == "x" ) ) ')).toStrictEqual(cmp('a', '==', 'x'))
  })

  it.each([
    '',
    'Name',
    'Name=x',
    'Name=="abc',
    'Name=="a"b',
    '(Name==a',
    'Name==a)',
    'Name==a;;b==c',
    'Name=<a',
    '==a',
    'Name==',
    'Name==a"b',
    'Name==(a)',
    'a==1,',
    // The doc's `Name==""Backup""` is an empty quoted value followed by text: quote the whole value instead.
    'Name==""Backup""',
  ])('Should reject %j', (text) => {
    expect(() => parseFilter(text)).toThrow(FilterSyntaxError)
  })

  it('Should read back any string written as a quoted value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const ast = parseFilter(`Name=="${s.replace(/"/g, '""')}"`)
        expect(ast).toStrictEqual(cmp('Name', '==', s))
      }),
      { numRuns: 500 }
    )
  })
})

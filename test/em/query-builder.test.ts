/**
 * @module Tables of typed filter → EM filter text, and of queries → request paths. The property-based
 * round trip through the simulator's parser lives in `query-builder.property.test.ts`.
 */
import { describe, expect, it } from 'vitest'
import type { EmQuery, FilterExpr } from '../../shared/em/filter'
import { buildFilter, buildQueryPath, formatDate, QueryBuildError } from '../../shared/em/query-builder'

describe('buildFilter', () => {
  it.each<[string, FilterExpr<'BackupJobSession'>, string]>([
    ['one comparison', { field: 'Result', op: '==', value: 'Failed' }, 'Result=="Failed"'],
    [
      'every operator',
      { and: (['==', '!=', '<', '<=', '>', '>='] as const).map((op) => ({ field: 'Name', op, value: 'x' })) },
      '(Name=="x";Name!="x";Name<"x";Name<="x";Name>"x";Name>="x")',
    ],
    ['a quote doubled', { field: 'JobName', op: '==', value: '"Backup"' }, 'JobName=="""Backup"""'],
    [
      'grammar characters kept verbatim inside quotes',
      { field: 'JobName', op: '==', value: 'a;b,c(d)e==f<g' },
      'JobName=="a;b,c(d)e==f<g"',
    ],
    [
      'spaces, backslash, unicode and newline kept',
      { field: 'JobName', op: '==', value: 'Périodic \\ job\n✓' },
      'JobName=="Périodic \\ job\n✓"',
    ],
    ['empty string', { field: 'JobName', op: '!=', value: '' }, 'JobName!=""'],
    [
      'a Date without milliseconds',
      { field: 'CreationTime', op: '>=', value: new Date('2025-08-15T06:00:00Z') },
      'CreationTime>="2025-08-15T06:00:00Z"',
    ],
    [
      'a Date with milliseconds',
      { field: 'CreationTime', op: '<', value: new Date('2025-08-15T06:00:00.060Z') },
      'CreationTime<"2025-08-15T06:00:00.060Z"',
    ],
    [
      'AND of OR (groups always parenthesized)',
      {
        and: [
          { field: 'JobType', op: '==', value: 'Backup' },
          {
            or: [
              { field: 'Result', op: '==', value: 'Success' },
              { field: 'Result', op: '==', value: 'Warning' },
            ],
          },
        ],
      },
      '(JobType=="Backup";(Result=="Success",Result=="Warning"))',
    ],
    ['a one-item group', { or: [{ field: 'State', op: '==', value: 'Working' }] }, '(State=="Working")'],
  ])('Should write %s', (_name, expr, want) => {
    expect(buildFilter('BackupJobSession', expr)).toBe(want)
  })

  it('Should use the CDP field names of CDP types', () => {
    expect(
      buildFilter('CdpReplicaTaskSession', { field: 'CreationTimeUTC', op: '>', value: new Date(0) })
    ).toBe('CreationTimeUTC>"1970-01-01T00:00:00Z"')
  })

  it.each([
    ['a field outside the allow-list', 'BackupJobSession', { field: 'VmDisplayName', op: '==', value: 'x' }],
    [
      'a CreationTime field on a CDP type',
      'CdpReplicaSession',
      { field: 'CreationTime', op: '==', value: 'x' },
    ],
    ['Result on CdpReplicaTaskSession', 'CdpReplicaTaskSession', { field: 'Result', op: '==', value: 'x' }],
    ['an injected field name', 'BackupJobSession', { field: 'Name=="x";Result', op: '==', value: 'x' }],
    [
      'a nested bad field',
      'BackupJobSession',
      { and: [{ field: 'Name', op: '==', value: 'x' }, { or: [{ field: 'Nope', op: '==', value: 'y' }] }] },
    ],
    ['an empty group', 'BackupJobSession', { and: [] }],
    ['an invalid Date', 'BackupJobSession', { field: 'CreationTime', op: '==', value: new Date('nope') }],
  ])('Should throw QueryBuildError for %s', (_name, type, expr) => {
    // Deliberately untyped: the point is what happens when a caller goes around the types.
    expect(() => buildFilter(type as 'BackupJobSession', expr as FilterExpr<'BackupJobSession'>)).toThrow(
      QueryBuildError
    )
  })
})

describe('formatDate', () => {
  it.each([
    ['2014-10-19T05:22:52.000Z', '2014-10-19T05:22:52Z'],
    ['2014-10-19T05:22:52.001Z', '2014-10-19T05:22:52.001Z'],
    ['2021-06-17T20:00:18.060Z', '2021-06-17T20:00:18.060Z'],
  ])('Should write %s as %s', (iso, want) => {
    expect(formatDate(new Date(iso))).toBe(want)
  })
})

describe('buildQueryPath', () => {
  const base: EmQuery<'BackupTaskSession'> = {
    type: 'BackupTaskSession',
    sort: { field: 'CreationTime', direction: 'desc' },
    pageSize: 100,
    page: 1,
  }

  it('Should always send format=Entities and an explicit pageSize', () => {
    expect(buildQueryPath(base)).toBe(
      '/api/query?type=BackupTaskSession&format=Entities&pageSize=100&page=1&sortDesc=CreationTime'
    )
  })

  it('Should sort ascending and percent-encode the whole filter', () => {
    const q: EmQuery<'BackupTaskSession'> = {
      ...base,
      sort: { field: 'CreationTime', direction: 'asc' },
      pageSize: 1000,
      page: 3,
      filter: {
        and: [
          { field: 'VmDisplayName', op: '==', value: 'a&b c=d"' },
          { field: 'CreationTime', op: '>=', value: new Date('2025-08-15T06:00:00Z') },
        ],
      },
    }
    expect(buildQueryPath(q)).toBe(
      '/api/query?type=BackupTaskSession&format=Entities&pageSize=1000&page=3&sortAsc=CreationTime&filter=' +
        '(VmDisplayName%3D%3D%22a%26b%20c%3Dd%22%22%22%3BCreationTime%3E%3D%222025-08-15T06%3A00%3A00Z%22)'
    )
    const filter = new URL(`http://x${buildQueryPath(q)}`).searchParams.get('filter')
    expect(filter).toBe('(VmDisplayName=="a&b c=d""";CreationTime>="2025-08-15T06:00:00Z")')
  })

  it.each([
    ['pageSize 0', { ...base, pageSize: 0 }],
    ['a fractional page', { ...base, page: 1.5 }],
    ['page 0', { ...base, page: 0 }],
    ['a sort field outside the allow-list', { ...base, sort: { field: 'Progress', direction: 'desc' } }],
  ])('Should throw QueryBuildError for %s', (_name, q) => {
    expect(() => buildQueryPath(q as EmQuery)).toThrow(QueryBuildError)
  })
})

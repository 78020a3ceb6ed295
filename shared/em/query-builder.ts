/**
 * @module The only place that writes EM's query grammar. Callers describe conditions with the typed
 * `FilterExpr`; this module checks every field against the per-type allow-list, quotes every value
 * (a `"` inside becomes `""`, nothing else is transformed), parenthesizes every AND/OR group (EM does
 * not document the precedence of `;` and `,`) and percent-encodes the whole filter.
 * @see em-reference §2 "Filter grammar" and "Parameters"
 */
import type { EmQuery, FilterExpr, FilterValue } from './filter'
import { EM_QUERY_FIELDS, type EmQueryType } from './query-types'

/** A bug in the caller (field outside the allow-list, empty group, bad paging): never EM's fault. */
export class QueryBuildError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'QueryBuildError'
  }
}

const allowed = (type: EmQueryType, field: string): boolean =>
  (EM_QUERY_FIELDS[type] as readonly string[]).includes(field)

const assertField = (type: EmQueryType, field: string): void => {
  if (!Object.hasOwn(EM_QUERY_FIELDS, type)) throw new QueryBuildError(`Unknown EM query type ${type}`)
  if (!allowed(type, field)) throw new QueryBuildError(`Field ${field} is not filterable on ${type}`)
}

/**
 * A Date as EM's UTC form: `YYYY-MM-DDTHH:MM:SSZ` without milliseconds, `YYYY-MM-DDTHH:MM:SS.sssZ` with.
 * @example formatDate(new Date(Date.UTC(2025, 7, 15, 6))) // '2025-08-15T06:00:00Z'
 */
export const formatDate = (d: Date): string => {
  const t = d.getTime()
  if (Number.isNaN(t)) throw new QueryBuildError('Invalid Date in a filter')
  const iso = d.toISOString()
  return t % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso
}

/** `"value"` with each `"` doubled; the only escape EM documents. */
export const quoteValue = (value: FilterValue): string => {
  const s = typeof value === 'string' ? value : formatDate(value)
  return `"${s.replaceAll('"', '""')}"`
}

const write = (type: EmQueryType, expr: FilterExpr): string => {
  if ('field' in expr) {
    assertField(type, expr.field)
    return `${expr.field}${expr.op}${quoteValue(expr.value)}`
  }
  const [items, sep] = 'and' in expr ? [expr.and, ';'] : [expr.or, ',']
  if (items.length === 0) throw new QueryBuildError('An AND/OR group needs at least one condition')
  return `(${items.map((e) => write(type, e)).join(sep)})`
}

/**
 * The filter text (not yet percent-encoded) for a typed expression.
 * @throws QueryBuildError for a field outside the type's allow-list or an empty group.
 * @example buildFilter('BackupJobSession', { and: [{ field: 'Result', op: '==', value: 'Failed' }] })
 * // '(Result=="Failed")'
 */
export function buildFilter<T extends EmQueryType>(type: T, expr: FilterExpr<T>): string {
  return write(type, expr as FilterExpr)
}

const assertPositiveInt = (name: string, n: number): void => {
  if (!Number.isSafeInteger(n) || n < 1) throw new QueryBuildError(`${name} must be a positive integer`)
}

/** `encodeURIComponent`, which throws on a lone surrogate: refuse such a value rather than alter it. */
const encode = (text: string): string => {
  try {
    return encodeURIComponent(text)
  } catch {
    throw new QueryBuildError('A filter value is not well-formed Unicode')
  }
}

/**
 * The path and query string (after the EM base URL) of one query page: always `format=Entities` and
 * an explicit `pageSize` (EM's observed default is 100, not "all").
 * @example buildQueryPath({ type: 'BackupTaskSession', sort: { field: 'CreationTime', direction: 'desc' }, pageSize: 100, page: 1 })
 * // '/api/query?type=BackupTaskSession&format=Entities&pageSize=100&page=1&sortDesc=CreationTime'
 */
export function buildQueryPath(q: EmQuery): string {
  assertField(q.type, q.sort.field)
  assertPositiveInt('pageSize', q.pageSize)
  assertPositiveInt('page', q.page)
  const sort = q.sort.direction === 'desc' ? 'sortDesc' : 'sortAsc'
  let path = `/api/query?type=${q.type}&format=Entities&pageSize=${q.pageSize}&page=${q.page}&${sort}=${q.sort.field}`
  if (q.filter !== undefined) path += `&filter=${encode(buildFilter(q.type, q.filter))}`
  return path
}

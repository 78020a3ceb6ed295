/**
 * @module Runs `/api/query` selections: filter + sort over one query type, cached per
 * (type, filter, sort) and invalidated when the data set changes (`addSessions`).
 */
import type { SimQueryType } from './em-api'
import type { Dataset, SimSession } from './dataset-types'
import { compileFilter, compileSort, parseFilterTime } from './filter-eval'
import { parseFilter, type FilterAst } from './filter-parser'

const MAX_CACHED = 500

export interface Selection {
  readonly type: SimQueryType
  /** Raw filter text, or undefined for none. */
  readonly filter: string | undefined
  readonly sort: { readonly field: string; readonly desc: boolean } | undefined
}

const CREATION_FIELDS = new Set(['creationtime', 'creationtimeutc'])

interface Bounds {
  readonly fromMs: number
  readonly toMs: number
}

/**
 * Bounds on the creation time every match must meet, read off the filter's top-level conjunction
 * (`CreationTime>=…;CreationTime<…;…`), inclusive so they only ever widen: anything else is
 * unbounded. The predicate still decides; the bounds only skip sessions that cannot match.
 */
const creationBounds = (ast: FilterAst): Bounds => {
  const items = ast.kind === 'and' ? ast.items : [ast]
  let fromMs = -Infinity
  let toMs = Infinity
  for (const c of items) {
    if (c.kind !== 'cmp' || !CREATION_FIELDS.has(c.field.toLowerCase())) continue
    const ms = parseFilterTime(c.value)
    if (ms === undefined) continue
    if (c.op === '>' || c.op === '>=' || c.op === '==') fromMs = Math.max(fromMs, Math.floor(ms))
    if (c.op === '<' || c.op === '<=' || c.op === '==') toMs = Math.min(toMs, Math.ceil(ms))
  }
  return { fromMs, toMs }
}

/** First index whose creation time is ≥ `ms` (`all` is in creation-time order). */
const lowerBound = (all: readonly SimSession[], ms: number): number => {
  let lo = 0
  let hi = all.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((all[mid]?.creationTime.getTime() ?? Infinity) < ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The sessions created within the bounds (a time index over the ordered data set: a year of history stays fast). */
const creationSlice = (all: readonly SimSession[], b: Bounds): readonly SimSession[] => {
  if (b.fromMs === -Infinity && b.toMs === Infinity) return all
  const start = b.fromMs === -Infinity ? 0 : lowerBound(all, b.fromMs)
  const end = b.toMs === Infinity ? all.length : lowerBound(all, b.toMs + 1)
  return all.slice(start, Math.max(start, end))
}

/** Filter/sort engine with a result cache. */
export class QueryEngine {
  private readonly cache = new Map<string, readonly SimSession[]>()
  private cachedVersion: number

  constructor(private readonly dataset: Dataset) {
    this.cachedVersion = dataset.version
  }

  /**
   * The sessions matching a selection, sorted (default: creation time, then id).
   * @throws FilterSyntaxError, QueryError (both → 400)
   */
  select(sel: Selection): readonly SimSession[] {
    if (this.dataset.version !== this.cachedVersion) {
      this.cache.clear()
      this.cachedVersion = this.dataset.version
    }
    const key = `${sel.type}\u0000${sel.filter ?? ''}\u0000${sel.sort?.field.toLowerCase() ?? ''}\u0000${sel.sort?.desc === true}`
    const hit = this.cache.get(key)
    if (hit !== undefined) return hit
    const all: readonly SimSession[] = this.dataset.sessions(sel.type)
    const ast = sel.filter === undefined ? undefined : parseFilter(sel.filter)
    const predicate = ast === undefined ? undefined : compileFilter(sel.type, ast)
    const sorter = sel.sort === undefined ? undefined : compileSort(sel.type, sel.sort.field, sel.sort.desc)
    const candidates = ast === undefined ? all : creationSlice(all, creationBounds(ast))
    let result = predicate === undefined ? candidates.slice() : candidates.filter(predicate)
    if (sorter !== undefined) {
      // `all` is in (creationTime, id) order; sort keys once, ties by id ascending.
      const keyed = result.map((s) => ({ k: sorter.key(s), id: s.id, s }))
      const dir = sorter.desc ? -1 : 1
      keyed.sort((a, b) => {
        const c = a.k < b.k ? -1 : a.k > b.k ? 1 : 0
        return c !== 0 ? c * dir : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
      })
      result = keyed.map((k) => k.s)
    }
    if (this.cache.size >= MAX_CACHED) this.cache.clear()
    this.cache.set(key, result)
    return result
  }
}

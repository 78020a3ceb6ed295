/**
 * @module Runs `/api/query` selections: filter + sort over one query type, cached per
 * (type, filter, sort) and invalidated when the data set changes (`addSessions`).
 */
import type { SimQueryType } from './em-api'
import type { Dataset, SimSession } from './dataset-types'
import { compileFilter, compileSort } from './filter-eval'
import { parseFilter } from './filter-parser'

const MAX_CACHED = 500

export interface Selection {
  readonly type: SimQueryType
  /** Raw filter text, or undefined for none. */
  readonly filter: string | undefined
  readonly sort: { readonly field: string; readonly desc: boolean } | undefined
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
    const predicate = sel.filter === undefined ? undefined : compileFilter(sel.type, parseFilter(sel.filter))
    const sorter = sel.sort === undefined ? undefined : compileSort(sel.type, sel.sort.field, sel.sort.desc)
    let result = predicate === undefined ? all.slice() : all.filter(predicate)
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

/**
 * @module Turns a family's validated list parameters into (1) typed EM conditions, which only the
 * EM client's escaping builder writes as EM's grammar, and (2) a predicate that checks every item EM
 * returns against the same parameters (exact, case-sensitive names; case-insensitive GUIDs).
 */
import type { FilterExpr } from '../em/filter'
import type { EmField } from '../em/query-types'
import type { Family } from './families'
import { PARAM_SPECS } from './filter-params'
import type { FilterParam } from './filter-params'

export type ListParams = Readonly<Record<string, unknown>>
type Item = Record<string, unknown>

/** EM may compare whole seconds only: widen time bounds to whole seconds for EM; the predicate is exact. */
const floorSecond = (ms: number): Date => new Date(Math.floor(ms / 1000) * 1000)
const ceilSecond = (ms: number): Date => new Date(Math.ceil(ms / 1000) * 1000)

const valueAt = (item: Item, path: string): unknown => {
  const dot = path.indexOf('.')
  if (dot === -1) return item[path]
  const head = item[path.slice(0, dot)]
  return head !== null && typeof head === 'object' ? (head as Item)[path.slice(dot + 1)] : null
}

const stringsOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [String(v)])

/** Conditions for EM (ANDed), from the parameters the family supports and EM can filter. */
export const emConditions = (family: Family, params: ListParams): FilterExpr[] => {
  const out: FilterExpr[] = []
  for (const [name, binding] of Object.entries(family.filters) as [
    FilterParam,
    { field: string | null; urn?: string },
  ][]) {
    const value = params[name]
    if (value === undefined || binding.field === null) continue
    const field = binding.field as EmField
    const spec = PARAM_SPECS[name]
    switch (spec.kind) {
      case 'time': {
        const ms = Date.parse(String(value))
        out.push({ field, op: spec.op, value: spec.op === '<' ? ceilSecond(ms) : floorSecond(ms) })
        break
      }
      case 'enum': {
        const values = stringsOf(value)
        const conds = values.map((v): FilterExpr => ({ field, op: '==', value: v }))
        out.push(conds.length === 1 && conds[0] ? conds[0] : { or: conds })
        break
      }
      case 'guid':
        out.push({ field, op: '==', value: `${binding.urn ?? ''}${String(value).toLowerCase()}` })
        break
      case 'string':
        out.push({ field, op: '==', value: String(value) })
        break
    }
  }
  return out
}

/** A predicate over mapped items; parameters whose key the item does not carry are left to EM. */
export const itemPredicate = (
  family: Family,
  params: ListParams,
  sample: Item | undefined
): ((item: Item) => boolean) => {
  const checks: ((item: Item) => boolean)[] = []
  for (const name of Object.keys(family.filters) as FilterParam[]) {
    const value = params[name]
    if (value === undefined) continue
    const spec = PARAM_SPECS[name]
    const root = spec.itemKey.split('.')[0] ?? spec.itemKey
    if (sample !== undefined && !(root in sample)) continue
    switch (spec.kind) {
      case 'time': {
        const bound = Date.parse(String(value))
        checks.push((i) => {
          const t = valueAt(i, spec.itemKey)
          if (typeof t !== 'string') return false
          const ms = Date.parse(t)
          return spec.op === '>=' ? ms >= bound : ms < bound
        })
        break
      }
      case 'enum': {
        const set = new Set(stringsOf(value))
        checks.push((i) => set.has(String(valueAt(i, spec.itemKey))))
        break
      }
      case 'guid': {
        const want = String(value).toLowerCase()
        checks.push((i) => String(valueAt(i, spec.itemKey) ?? '').toLowerCase() === want)
        break
      }
      case 'string': {
        const want = String(value)
        checks.push((i) => valueAt(i, spec.itemKey) === want)
        break
      }
    }
  }
  return (item) => checks.every((c) => c(item))
}

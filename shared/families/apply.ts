/**
 * @module A family's filters applied to a validated list query: the conditions EM gets (typed; only
 * the EM client's builder writes them in EM's grammar) and the re-check of every entry EM returns,
 * from the same declarations (`filter-ops.ts`) and bindings (`families.ts`).
 */
import type { FilterExpr } from '../em/filter'
import type { Timed } from '../model/timed'
import {
  FILTER_DECLS,
  type FilterOps,
  type FilterParam,
  type FilterValue,
  type ListFilters,
} from './filter-ops'
import { filtersOf, type Binding, type Family, type SessionItem } from './family'

/** The declarations by parameter, each with the operations of its own value type. */
const OPS: { readonly [P in FilterParam]: FilterOps<FilterValue<P>> } = FILTER_DECLS

const conditionOf = <P extends FilterParam, I>(
  p: P,
  b: Binding<I>,
  value: FilterValue<P>
): FilterExpr | null => (b.field === null ? null : OPS[p].condition(b.field, value, b.urn ?? ''))

const checkOf = <P extends FilterParam, I>(
  p: P,
  b: Binding<I>,
  value: FilterValue<P>
): ((entry: Timed<I>) => boolean) | null => {
  const read = b.read
  if (read === undefined) return null
  const ops = OPS[p]
  return (entry) => ops.accepts(read.call(b, entry), value)
}

/** Each filter the family applies that the query sets, with its binding and value. */
const applied = function* <I extends SessionItem>(family: Family<I>, query: ListFilters) {
  for (const p of filtersOf(family)) {
    const binding = family.filters[p]
    const value = query[p]
    if (binding !== undefined && value !== undefined) yield { p, binding, value }
  }
}

/** The conditions for EM (to be ANDed) from the filters the family applies and EM can filter on. */
export const emConditions = <I extends SessionItem>(family: Family<I>, query: ListFilters): FilterExpr[] => {
  const out: FilterExpr[] = []
  for (const { p, binding, value } of applied(family, query)) {
    const c = conditionOf(p, binding, value)
    if (c !== null) out.push(c)
  }
  return out
}

/** The re-check: true when an entry satisfies every filter its item carries (see `families.ts`). */
export const recheck = <I extends SessionItem>(
  family: Family<I>,
  query: ListFilters
): ((entry: Timed<I>) => boolean) => {
  const checks: ((entry: Timed<I>) => boolean)[] = []
  for (const { p, binding, value } of applied(family, query)) {
    const check = checkOf(p, binding, value)
    if (check !== null) checks.push(check)
  }
  return (entry) => {
    for (const check of checks) if (!check(entry)) return false
    return true
  }
}

/**
 * @module Every list route of the API (six family lists and three children lists), with the query
 * parameters each accepts and what kind each is, read from the family descriptors: the suite's
 * own map of the surface, so a new family or filter is fuzzed without touching the tests.
 */
import { FAMILIES, FAMILY_LIST, type AnyFamily } from '../../../shared/families/families'
import { filtersOf } from '../../../shared/families/family'
import { FILTER_DECLS, type FilterKind, type FilterParam } from '../../../shared/families/filter-ops'
import type { Dataset } from '../../../tools/em-simulator/index'
import { RESULTS } from '../../../shared/model/common'

export type QueryKind = FilterKind | 'pageSize' | 'pageToken' | 'sort'

export interface ListRoute {
  /** `/v1/backup-job-sessions` or `/v1/backup-job-sessions/{id}/task-sessions` with a real parent id. */
  readonly path: string
  /** The family whose items the route lists. */
  readonly family: AnyFamily
  /** Children routes: the parameter the path fixes, and its value (the parent id). */
  readonly fixed?: { readonly param: FilterParam; readonly id: string }
  /** Accepted query parameters and their kinds. */
  readonly params: ReadonlyMap<string, QueryKind>
  /** Allowed values of `state` and `result`. */
  readonly enums: { readonly state: readonly string[]; readonly result: readonly string[] }
}

const paramsOf = (family: AnyFamily, fixed?: FilterParam): Map<string, QueryKind> => {
  const out = new Map<string, QueryKind>([
    ['pageSize', 'pageSize'],
    ['pageToken', 'pageToken'],
    ['sort', 'sort'],
  ])
  for (const name of filtersOf(family)) if (name !== fixed) out.set(name, FILTER_DECLS[name].kind)
  return out
}

/** The nine list routes; children routes use the first parent session of the data set that has tasks. */
export const listRoutes = (dataset: Dataset): ListRoute[] => {
  const out: ListRoute[] = []
  for (const family of FAMILY_LIST) {
    const enums = { state: family.states, result: RESULTS }
    out.push({ path: `/v1/${family.key}`, family, params: paramsOf(family), enums })
    const children = family.children
    if (!children) continue
    const child = FAMILIES[children.family]
    const parent = dataset.sessions(family.emType).find((s) => dataset.tasksOf(s.id).length > 0)
    if (!parent) throw new Error(`no ${family.emType} with task sessions`)
    out.push({
      path: `/v1/${family.key}/${parent.id}/task-sessions`,
      family: child,
      fixed: { param: children.via, id: parent.id },
      params: paramsOf(child, children.via),
      enums: { state: child.states, result: RESULTS },
    })
  }
  return out
}

/**
 * @module Session routes: `/api/query`, entity GETs (`EntityRef`, or the entity with
 * `?format=Entity`), session collections and children (30-day window), em-reference §2, §5.
 */
import { SIM_COLLECTIONS, SIM_ENTITY_LIST_NAMES } from './em-api'
import type { SimQueryType } from './em-api'
import type { DatasetStore } from './dataset-store'
import type { SimSession } from './dataset-types'
import { collectionBody } from './documents'
import { queryTypeOf } from './fields'
import { QueryError } from './filter-eval'
import { FilterSyntaxError } from './filter-parser'
import type { FragmentCache } from './fragment-cache'
import type { QueryEngine } from './query-engine'
import { renderQueryPage } from './query-page'
import type { PageRequest } from './query-page'
import { entityJson, refJson } from './render-json'
import { entityXml, refXml } from './render-xml'
import { emError, ok } from './responses'
import type { RequestContext, SimResponse } from './responses'

const WINDOW_MS = 30 * 24 * 3_600_000

export interface SessionRouteDeps {
  readonly base: string
  readonly dataset: DatasetStore
  readonly engine: QueryEngine
  readonly cache: FragmentCache
}

/** Lower-cased collection path → query type (EM's `repicaTaskSessions` typo served too). */
export const COLLECTION_TYPES = new Map<string, SimQueryType>([
  ...(Object.entries(SIM_COLLECTIONS) as [SimQueryType, string][]).map(
    ([t, c]) => [c.toLowerCase(), t] as const
  ),
  ['repicatasksessions', 'ReplicaTaskSession'],
])

const CHILDREN = new Map<string, { parent: SimQueryType; child: SimQueryType }>([
  ['backupsessions/tasksessions', { parent: 'BackupJobSession', child: 'BackupTaskSession' }],
  ['replicasessions/replicatasksessions', { parent: 'ReplicaJobSession', child: 'ReplicaTaskSession' }],
  ['replicasessions/repicatasksessions', { parent: 'ReplicaJobSession', child: 'ReplicaTaskSession' }],
  [
    'cdpreplicasessions/cdpreplicatasksessions',
    { parent: 'CdpReplicaSession', child: 'CdpReplicaTaskSession' },
  ],
])

const positiveInt = (text: string | undefined, fallback: number): number | undefined => {
  if (text === undefined) return fallback
  return /^\s*\d+\s*$/.test(text) && Number(text) > 0 ? Number(text) : undefined
}

/** `GET /api/query?type=…`. */
export const getQuery = (deps: SessionRouteDeps, ctx: RequestContext): SimResponse => {
  const typeText = ctx.params.get('type')
  if (typeText === undefined) return emError(ctx, 400, "Parameter 'type' is required")
  const type = queryTypeOf(typeText)
  if (type === undefined) return emError(ctx, 400, `Query type '${typeText}' is not supported`)
  const formatText = (ctx.params.get('format') ?? 'References').toLowerCase()
  if (formatText !== 'entities' && formatText !== 'references') {
    return emError(ctx, 400, `Format '${ctx.params.get('format') ?? ''}' is not supported`)
  }
  const pageSize = positiveInt(ctx.params.get('pagesize'), 100)
  const page = positiveInt(ctx.params.get('page'), 1)
  if (pageSize === undefined) return emError(ctx, 400, 'pageSize must be a positive integer')
  if (page === undefined) return emError(ctx, 400, 'page must be a positive integer')
  const asc = ctx.params.get('sortasc')
  const desc = ctx.params.get('sortdesc')
  const sort =
    desc !== undefined
      ? { field: desc, desc: true }
      : asc !== undefined
        ? { field: asc, desc: false }
        : undefined
  const filterText = ctx.params.get('filter')
  const filter = filterText === undefined || filterText.trim() === '' ? undefined : filterText
  const req: PageRequest = {
    type,
    format: formatText === 'entities' ? 'Entities' : 'References',
    filter,
    sort,
    pageSize,
    page,
  }
  try {
    const all = deps.engine.select({ type, filter, sort })
    const body = renderQueryPage(deps.base, deps.cache, req, all, ctx.json)
    return ok(ctx, body, 200, Math.max(0, Math.min(pageSize, all.length - (page - 1) * pageSize)))
  } catch (err) {
    if (err instanceof FilterSyntaxError || err instanceof QueryError) return emError(ctx, 400, err.message)
    throw err
  }
}

const inWindow = (deps: SessionRouteDeps, list: readonly SimSession[]): readonly SimSession[] => {
  const from = deps.dataset.now.getTime() - WINDOW_MS
  return list.filter((s) => s.creationTime.getTime() >= from)
}

const isEntityFormat = (ctx: RequestContext) => ctx.params.get('format')?.toLowerCase() === 'entity'

/** `GET /api/{collection}` (last 30 days). */
export const getCollection = (
  deps: SessionRouteDeps,
  ctx: RequestContext,
  type: SimQueryType
): SimResponse => {
  const items = inWindow(deps, deps.dataset.sessions(type))
  const entities = isEntityFormat(ctx)
  return ok(
    ctx,
    collectionBody(deps.cache, SIM_ENTITY_LIST_NAMES[type], items, entities, ctx.json),
    200,
    entities ? items.length : 0
  )
}

/** `GET /api/{collection}/{id}`. */
export const getEntity = (
  deps: SessionRouteDeps,
  ctx: RequestContext,
  type: SimQueryType,
  id: string
): SimResponse => {
  const s = deps.dataset.get(type, id)
  if (s === undefined) return emError(ctx, 404, `${type} with id ${id} was not found`)
  if (isEntityFormat(ctx)) {
    return ok(ctx, ctx.json ? entityJson(deps.base, s) : entityXml(deps.base, s, 0, true).trimEnd(), 200, 1)
  }
  return ok(ctx, ctx.json ? refJson(deps.base, s) : refXml(deps.base, s, 0, true).trimEnd())
}

/** `GET /api/{collection}/{id}/{children}`, or undefined when the path is not a children path. */
export const getChildren = (
  deps: SessionRouteDeps,
  ctx: RequestContext,
  collection: string,
  id: string,
  child: string
): SimResponse | undefined => {
  const rel = CHILDREN.get(`${collection.toLowerCase()}/${child.toLowerCase()}`)
  if (rel === undefined) return undefined
  if (deps.dataset.get(rel.parent, id) === undefined)
    return emError(ctx, 404, `${rel.parent} with id ${id} was not found`)
  const items = inWindow(deps, deps.dataset.tasksOf(id))
  const entities = isEntityFormat(ctx)
  const body = collectionBody(deps.cache, SIM_ENTITY_LIST_NAMES[rel.child], items, entities, ctx.json)
  return ok(ctx, body, 200, entities ? items.length : 0)
}

/**
 * @module Lists and gets sessions of any family: one EM query-service request per API page
 * (`format=Entities`, keyset on creation time), never one per item. The only thing routes call.
 */
import type { FilterExpr } from '../em/filter'
import type { EmField } from '../em/query-types'
import type { EmClient } from '../em/types'
import { emConditions, itemPredicate } from '../api/em-filter'
import type { ListParams } from '../api/em-filter'
import type { Family } from '../api/families'
import { alreadyReturned, nextPosition, resumeCondition } from '../api/keyset'
import { fingerprint, PageTokenError } from '../api/page-token'
import type { PageTokenCodec } from '../api/page-token'
import { ValidationError } from '../http/errors'

export interface SessionSourceDeps {
  readonly em: EmClient
  readonly tokens: PageTokenCodec
  readonly onPage?: (family: Family, items: number) => void
}

export interface ListRequest {
  readonly family: Family
  /** Validated query parameters (pageSize, pageToken, sort and the family's filters). */
  readonly params: ListParams
  /** Children routes: the parent family and id, applied as an extra filter. */
  readonly parent?: { readonly family: Family; readonly id: string }
  readonly signal?: AbortSignal
}

export interface ListPage {
  readonly items: Record<string, unknown>[]
  readonly nextPageToken: string | null
}

export const listSessions = async (deps: SessionSourceDeps, req: ListRequest): Promise<ListPage> => {
  const { family, parent } = req
  const params: ListParams =
    parent && parent.family.children ? { ...req.params, [parent.family.children.via]: parent.id } : req.params
  const pageSize = Number(params['pageSize'])
  const route = parent ? `${parent.family.key}/${parent.id.toLowerCase()}/task-sessions` : family.key
  const fp = fingerprint(params)

  let position = null
  const token = params['pageToken']
  if (typeof token === 'string') {
    try {
      position = deps.tokens.decode(token, route, fp)
    } catch (e) {
      if (e instanceof PageTokenError)
        throw new ValidationError([{ parameter: 'pageToken', message: e.message }])
      throw e
    }
  }
  const direction = position?.direction ?? (params['sort'] === 'creationTime' ? 'asc' : 'desc')
  const field = family.creationField as EmField

  const conditions: FilterExpr[] = emConditions(family, params)
  if (position) conditions.push(resumeCondition(position, field))
  const filter =
    conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { and: conditions }

  const page = await deps.em.query(
    {
      type: family.emType,
      filter,
      sort: { field, direction },
      pageSize: pageSize + (position?.skip ?? 0),
      page: 1,
    },
    req.signal
  )

  const fresh: { item: Record<string, unknown>; createdMs: number; id: string }[] = []
  for (const raw of page.entities) {
    const item = family.map(raw)
    const createdMs = Date.parse(item['creationTime'] as string)
    const id = item['id'] as string
    if (!position || !alreadyReturned(position, createdMs, id)) fresh.push({ item, createdMs, id })
  }
  const taken = fresh.slice(0, pageSize)
  const hasMore = taken.length > 0 && (page.pagesCount > 1 || fresh.length > pageSize)
  const matches = itemPredicate(family, params, taken[0]?.item)
  const items = taken.map((t) => t.item).filter(matches)
  deps.onPage?.(family, items.length)

  const next = hasMore ? nextPosition(position, { route, fingerprint: fp, direction }, taken) : null
  const nextPageToken = next ? deps.tokens.encode(next) : null

  if (parent && !position && taken.length === 0) {
    // An empty first page of children: say 404 when the parent itself does not exist.
    await deps.em.getEntity(parent.family.emType, parent.id, req.signal)
  }
  return { items, nextPageToken }
}

export const getSession = async (
  deps: SessionSourceDeps,
  family: Family,
  id: string,
  signal?: AbortSignal
): Promise<Record<string, unknown>> =>
  family.map(await deps.em.getEntity(family.emType, id.toLowerCase(), signal))

/**
 * @module Lists and gets sessions of any family for the routes: one EM query-service request per API
 * page through the EM reader (keyset on creation time), never one per item. Binds each page's
 * position to its route and parameters in a signed page token.
 */
import type { FamilyKey, Family, SessionItem } from '../families/family'
import type { ListQuery } from '../families/list-query'
import { InvalidParametersError } from '../model/errors'
import { fingerprint, PageTokenError, type PageTokenCodec, type PagePosition } from '../paging/page-token'
import type { EmReader } from './em-reader'

export interface SessionServiceDeps {
  readonly reader: EmReader
  readonly tokens: PageTokenCodec
  readonly onPage?: (family: FamilyKey, items: number) => void
}

export interface ListRequest<I extends SessionItem> {
  readonly family: Family<I>
  /** The validated query (paging, sort and the family's filters). */
  readonly query: ListQuery
  /** Children routes: the parent family and id, applied as the linking filter. */
  readonly parent?: { readonly family: Family<SessionItem>; readonly id: string }
  readonly signal?: AbortSignal
}

export interface ListPage<I> {
  readonly items: I[]
  readonly nextPageToken: string | null
}

const positionOf = (deps: SessionServiceDeps, token: string, route: string, fp: string): PagePosition => {
  try {
    return deps.tokens.decode(token, route, fp)
  } catch (e) {
    if (e instanceof PageTokenError)
      throw new InvalidParametersError([{ parameter: 'pageToken', message: e.message }])
    throw e
  }
}

export const listSessions = async <I extends SessionItem>(
  deps: SessionServiceDeps,
  req: ListRequest<I>
): Promise<ListPage<I>> => {
  const { family, parent } = req
  // The parent id is a GUID: one spelling (lower case) for the EM filter, the route key and the fingerprint.
  const parentId = parent?.id.toLowerCase()
  const via = parent?.family.children?.via
  const query: ListQuery =
    via === undefined || parentId === undefined ? req.query : { ...req.query, [via]: parentId }
  const route = parent ? `${parent.family.key}/${parentId ?? ''}/task-sessions` : family.key
  const fp = fingerprint(query)
  const position = query.pageToken === undefined ? null : positionOf(deps, query.pageToken, route, fp)
  const direction = position?.direction ?? (query.sort === 'creationTime' ? 'asc' : 'desc')

  const page = await deps.reader.page(family, {
    filters: query,
    direction,
    pageSize: query.pageSize,
    position,
    signal: req.signal,
  })
  const items = page.entries.map((e) => e.item)
  deps.onPage?.(family.key, items.length)
  const nextPageToken = page.next ? deps.tokens.encode({ ...page.next, route, fingerprint: fp }) : null

  if (parent && parentId !== undefined && !position && page.scanned === 0) {
    // An empty first page of children: say 404 when the parent itself does not exist.
    await deps.reader.get(parent.family, parentId, req.signal)
  }
  return { items, nextPageToken }
}

export const getSession = async <I extends SessionItem>(
  deps: SessionServiceDeps,
  family: Family<I>,
  id: string,
  signal?: AbortSignal
): Promise<I> => (await deps.reader.get(family, id, signal)).item

/**
 * @module EM's JSON bodies (`Accept: application/json`) → the raw shape. EM's JSON already is the raw
 * shape (typed numbers and booleans, `null` for missing values), with its keys in PascalCase (EM ≤ 12)
 * or camelCase (EM 13.0), decided from each body (`casing.ts`); this module finds the entity list
 * (`Entities.<ListName>.<ListName>[]`); `decode-json-entity.ts` checks and copies each entity.
 * @see em-reference §4 "JSON representation"
 */
import { z } from 'zod'
import { EmBadResponseError } from './errors'
import { EM_ENTITY_LIST_NAMES, type EmQueryType } from './query-types'
import type { RawError, RawQueryPage, RawSession } from './raw'
import { bad, isObj } from './decode-util'
import { jsonEntity, type Repair } from './decode-json-entity'
import { CAMEL, camelKey, keysOf, type Keys } from './casing'

const int = z.number().int()
const PagingSchema = z.union([
  z.object({ PageNum: int, PageSize: int, PagesCount: int }),
  z
    .object({ pageNum: int, pageSize: int, pagesCount: int })
    .transform((p) => ({ PageNum: p.pageNum, PageSize: p.pageSize, PagesCount: p.pagesCount })),
])

const parse = (json: string): unknown => {
  try {
    return JSON.parse(json)
  } catch (cause) {
    throw new EmBadResponseError('EM answered with malformed JSON', { cause })
  }
}

/** The value under the expected key; when that key is absent, the only non-null value (EM named it differently). */
const pick = (o: Record<string, unknown>, key: string): unknown => {
  const v = o[key]
  if (v !== undefined) return v
  let found: unknown = null
  for (const k in o) {
    if (o[k] === null || o[k] === undefined) continue
    if (found !== null) return null // ambiguous: more than one candidate
    found = o[k]
  }
  return found
}

/** The entity list's key (`BackupJobSessions`) in the body's casing. */
const listKey = (k: Keys, pascal: string): string => (k === CAMEL ? camelKey(pascal) : pascal)

/**
 * `QueryResult` (format=Entities) → one raw page.
 * @param repair applied to every string kept (`jsonText`'s, for text read as latin1)
 */
export const jsonQueryPage = (json: string, type: EmQueryType, repair?: Repair): RawQueryPage => {
  const root = parse(json)
  if (!isObj(root)) throw bad('QueryResult is not an object')
  const k = keysOf(root, 'PagingInfo')
  if (k === null) throw bad('QueryResult without a valid PagingInfo')
  const paging = PagingSchema.safeParse(root[k.PagingInfo])
  if (!paging.success) throw bad('QueryResult without a valid PagingInfo')
  const entities: RawSession[] = []
  const listName = listKey(k, EM_ENTITY_LIST_NAMES[type])
  const wrapped = root[k.Entities]
  if (isObj(wrapped)) {
    const wrapper = pick(wrapped, listName)
    const list = isObj(wrapper) ? pick(wrapper, listName) : wrapper
    if (Array.isArray(list)) for (const e of list) entities.push(jsonEntity(e, repair))
    else if (list !== null && list !== undefined) throw bad(`Entities.${listName} is not a list`)
  } else if (root[k.Refs] !== null && root[k.Refs] !== undefined) {
    throw bad('QueryResult has References, not Entities')
  }
  return {
    entities,
    pageNum: paging.data.PageNum,
    pageSize: paging.data.PageSize,
    pagesCount: paging.data.PagesCount,
  }
}

/** A single entity document (`?format=Entity`). */
export const jsonEntityDoc = (json: string, repair?: Repair): RawSession => jsonEntity(parse(json), repair)

/**
 * `{"Message","StatusCode",…}` (or `{"message","statusCode",…}`) → `{ Message, StatusCode }` (the
 * stack trace is dropped); null otherwise.
 */
export const jsonError = (json: string): RawError | null => {
  const root = parse(json)
  if (!isObj(root)) return null
  const k = keysOf(root, 'Message') ?? keysOf(root, 'StatusCode')
  if (k === null) return null
  const out: RawError = {}
  const message = root[k.Message]
  if (typeof message === 'string' || message === null) out.Message = message
  const status = root[k.StatusCode]
  if (typeof status === 'number' && Number.isInteger(status)) out.StatusCode = status
  return out
}

/** LogonSession JSON → its `SessionId` (`sessionId` on EM 13; for logoff). */
export const jsonLogon = (json: string): { SessionId: string } => {
  const root = parse(json)
  const k = isObj(root) ? keysOf(root, 'SessionId') : null
  const id = isObj(root) && k !== null ? root[k.SessionId] : undefined
  if (typeof id !== 'string' || id === '') throw bad('LogonSession without SessionId')
  return { SessionId: id }
}

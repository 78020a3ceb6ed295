/**
 * @module EM's JSON bodies (`Accept: application/json`) → the raw shape. EM's JSON already is the raw
 * shape (PascalCase, typed numbers and booleans, `null` for missing values); this module finds the
 * entity list (`Entities.<ListName>.<ListName>[]`); `decode-json-entity.ts` checks and copies each entity.
 * @see em-reference §4 "JSON representation"
 */
import { z } from 'zod'
import { EmBadResponseError } from './errors'
import { EM_ENTITY_LIST_NAMES, type EmQueryType } from './query-types'
import type { RawError, RawQueryPage, RawSession } from './raw'
import { bad, isObj } from './decode-util'
import { jsonEntity } from './decode-json-entity'

const PagingSchema = z.object({
  PageNum: z.number().int(),
  PageSize: z.number().int(),
  PagesCount: z.number().int(),
})

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

/** `QueryResult` (format=Entities) → one raw page. */
export const jsonQueryPage = (json: string, type: EmQueryType): RawQueryPage => {
  const root = parse(json)
  if (!isObj(root)) throw bad('QueryResult is not an object')
  const paging = PagingSchema.safeParse(root.PagingInfo)
  if (!paging.success) throw bad('QueryResult without a valid PagingInfo')
  const entities: RawSession[] = []
  const listName = EM_ENTITY_LIST_NAMES[type]
  if (isObj(root.Entities)) {
    const wrapper = pick(root.Entities, listName)
    const list = isObj(wrapper) ? pick(wrapper, listName) : wrapper
    if (Array.isArray(list)) for (const e of list) entities.push(jsonEntity(e))
    else if (list !== null && list !== undefined) throw bad(`Entities.${listName} is not a list`)
  } else if (root.Refs !== null && root.Refs !== undefined) {
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
export const jsonEntityDoc = (json: string): RawSession => jsonEntity(parse(json))

/** `{"Message","StatusCode",…}` → `{ Message, StatusCode }` (the stack trace is dropped); null otherwise. */
export const jsonError = (json: string): RawError | null => {
  const root = parse(json)
  if (!isObj(root) || !('Message' in root || 'StatusCode' in root)) return null
  const out: RawError = {}
  if (typeof root.Message === 'string' || root.Message === null) out.Message = root.Message
  if (typeof root.StatusCode === 'number' && Number.isInteger(root.StatusCode))
    out.StatusCode = root.StatusCode
  return out
}

/** LogonSession JSON → its `SessionId` (for logoff). */
export const jsonLogon = (json: string): { SessionId: string } => {
  const root = parse(json)
  if (!isObj(root) || typeof root.SessionId !== 'string' || root.SessionId === '') {
    throw bad('LogonSession without SessionId')
  }
  return { SessionId: root.SessionId }
}

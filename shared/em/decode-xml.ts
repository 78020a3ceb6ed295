/**
 * @module EM's XML bodies → the raw shape. One `XMLParser`, built once with options chosen for speed
 * (strings only, no number sniffing), then `decode-xml-entity.ts` copies the known fields of each parsed entity.
 * Lists are read by structure, not element names (the docs show `<CdpPolicySession>` inside
 * `<CdpReplicaSessions>`); attribute order, NBSP indentation, empty and missing elements are tolerated.
 * @see em-reference §3 "Representations (XML)"
 */
import { XMLParser } from 'fast-xml-parser'
import { EmBadResponseError } from './errors'
import { EM_ENTITY_LIST_NAMES, type EmQueryType } from './query-types'
import type { RawError, RawQueryPage, RawSession } from './raw'
import { bad, isObj, type Obj } from './decode-util'
import { num, required, unescape, xmlEntity } from './decode-xml-entity'

/**
 * Options measured for speed on a 1,000-task page (CPU ms, fast-xml-parser 5.12): namespace-prefix
 * removal (+20 %), path strings for callbacks (+15 %) and entity processing (+5 %) are off. EM uses
 * one default namespace, so names carry no prefix; entities are decoded in `decode-xml-entity.ts`, only in strings that
 * contain `&` (which also means DOCTYPE entities are never expanded).
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: false,
  processEntities: false,
  jPath: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (tag: string) => tag === 'Link',
})

/** Parses a whole body and returns its root element name and content; rejects truncated documents. */
const parseRoot = (xml: string): [string, Obj] => {
  let doc: unknown
  try {
    doc = parser.parse(xml)
  } catch (cause) {
    throw new EmBadResponseError('EM answered with malformed XML', { cause })
  }
  if (isObj(doc)) {
    for (const name in doc) {
      const root = doc[name]
      // fast-xml-parser accepts unclosed documents: the root must close (or self-close) at the very end.
      const end = xml.trimEnd()
      const tail = end.slice(end.lastIndexOf('<'))
      const closed = tail.startsWith('</')
        ? tail.endsWith(`${name}>`)
        : tail.endsWith('/>') && (tail.startsWith(`<${name}`) || tail.includes(`:${name}`))
      if (!closed) throw bad('truncated XML')
      return [name, isObj(root) ? root : {}]
    }
  }
  throw bad('no XML root element')
}

const intAttr = (v: unknown, field: string): number => {
  const n = num(v, field)
  if (n === undefined || !Number.isInteger(n)) throw bad(`PagingInfo.${field} is not an integer`)
  return n
}

const pushEntities = (list: unknown, out: RawSession[]): void => {
  if (!isObj(list)) return // `<BackupJobSessions />`: an empty page
  for (const tag in list) {
    const v = list[tag]
    if (Array.isArray(v)) for (const e of v) out.push(xmlEntity(e, tag))
    else if (isObj(v)) out.push(xmlEntity(v, tag))
  }
}

/** `<QueryResult>` (format=Entities) → one raw page. */
export const xmlQueryPage = (xml: string, type: EmQueryType): RawQueryPage => {
  const [name, root] = parseRoot(xml)
  if (name !== 'QueryResult') throw bad(`expected QueryResult, got ${name}`)
  const paging = root.PagingInfo
  if (!isObj(paging)) throw bad('QueryResult without PagingInfo')
  const entities: RawSession[] = []
  const ents = root.Entities
  if (isObj(ents)) {
    const expected = ents[EM_ENTITY_LIST_NAMES[type]]
    if (expected !== undefined) pushEntities(expected, entities)
    else for (const k in ents) pushEntities(ents[k], entities)
  } else if (root.Refs !== undefined) throw bad('QueryResult has References, not Entities')
  return {
    entities,
    pageNum: intAttr(paging.PageNum, 'PageNum'),
    pageSize: intAttr(paging.PageSize, 'PageSize'),
    pagesCount: intAttr(paging.PagesCount, 'PagesCount'),
  }
}

/** A single entity document (`?format=Entity`). */
export const xmlEntityDoc = (xml: string): RawSession => {
  const [name, root] = parseRoot(xml)
  return xmlEntity(root, name)
}

/** `<Error Message StatusCode/>` → `{ Message, StatusCode }`; null when the body is not an Error. */
export const xmlError = (xml: string): RawError | null => {
  const [name, root] = parseRoot(xml)
  if (name !== 'Error') return null
  const out: RawError = {}
  if (typeof root.Message === 'string') out.Message = unescape(root.Message)
  const code = Number(root.StatusCode)
  if (typeof root.StatusCode === 'string' && Number.isInteger(code)) out.StatusCode = code
  return out
}

/** `<LogonSession>` → its `SessionId` (for logoff). */
export const xmlLogon = (xml: string): { SessionId: string } => {
  const [name, root] = parseRoot(xml)
  if (name !== 'LogonSession') throw bad(`expected LogonSession, got ${name}`)
  return { SessionId: required(root.SessionId, 'SessionId') }
}

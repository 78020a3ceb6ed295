/**
 * @module EM's XML bodies → the raw shape. One `XMLParser`, built once with options chosen for speed
 * (strings only, no number sniffing), then a tight loop that copies known fields of each parsed entity.
 * Lists are read by structure, not element names (the docs show `<CdpPolicySession>` inside
 * `<CdpReplicaSessions>`); attribute order, NBSP indentation, empty and missing elements are tolerated.
 * The result is correct by construction (each field is checked as it is copied), so no second pass.
 * @see em-reference §3 "Representations (XML)"
 */
import { XMLParser } from 'fast-xml-parser'
import { EmBadResponseError } from './errors'
import { EM_ENTITY_LIST_NAMES, type EmQueryType } from './query-types'
import type { RawError, RawLink, RawQueryPage, RawSession } from './raw'
import { bad, isObj, type Obj } from './decode-util'

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (tag: string) => tag === 'Link',
})

/** Optional text fields copied as they are (attributes and elements share one namespace). */
const TEXT_FIELDS = [
  'Href',
  'VmDisplayName',
  'JobUid',
  'JobName',
  'JobType',
  'FailureMessage',
  'PolicyUid',
  'PolicyName',
  'PolicyType',
  'JobSessionUid',
  'PolicySessionUid',
  'Reason',
  'VmUid',
  'EndTimeUTC',
  'Result',
] as const

/** Text of an element or attribute: `<X/>` → '', `<X xsi:nil="true"/>` → null, absent → undefined. */
const text = (v: unknown, field: string): string | null | undefined => {
  if (typeof v === 'string' || v === undefined) return v
  if (isObj(v)) {
    const t = v['#text']
    if (typeof t === 'string') return t
    if (v.nil === 'true') return null
    if (t === undefined && Object.keys(v).length === 0) return ''
  }
  throw bad(`field ${field} is not text`)
}

const required = (v: unknown, field: string): string => {
  const s = text(v, field)
  if (typeof s !== 'string' || s === '') throw bad(`missing ${field}`)
  return s
}

const num = (v: unknown, field: string): number | null => {
  const s = text(v, field)
  if (s === '' || s === null || s === undefined) return null
  const n = Number(s)
  if (!Number.isFinite(n)) throw bad(`field ${field} is not a number`)
  return n
}

const bool = (v: unknown, field: string): boolean | null => {
  const s = text(v, field)
  if (s === 'true' || s === 'True') return true
  if (s === 'false' || s === 'False') return false
  if (s === '' || s === null) return null
  throw bad(`field ${field} is not a boolean`)
}

const links = (v: unknown): RawLink[] => {
  if (v === '' || v === undefined) return []
  if (!isObj(v)) throw bad('Links is not a list')
  const list = v.Link
  if (list === undefined) return []
  if (!Array.isArray(list)) throw bad('Links is not a list')
  const out: RawLink[] = new Array<RawLink>(list.length)
  for (let i = 0; i < list.length; i++) {
    const l: unknown = list[i]
    if (!isObj(l) || typeof l.Rel !== 'string' || typeof l.Href !== 'string')
      throw bad('Link without Rel/Href')
    const link: RawLink = { Rel: l.Rel, Href: l.Href }
    if (typeof l.Name === 'string') link.Name = l.Name
    if (typeof l.Type === 'string') link.Type = l.Type
    out[i] = link
  }
  return out
}

/** One parsed entity element → `RawSession`; `tag` is the element name (the `Type` when the attribute is absent). */
export const xmlEntity = (node: unknown, tag: string): RawSession => {
  if (!isObj(node)) throw bad('entity is not an element')
  // An entity has no text of its own; text here means the parser resynchronised on garbled markup.
  if (node['#text'] !== undefined) throw bad('entity element has stray text')
  const out: RawSession = {
    Type: text(node.Type, 'Type') || tag,
    Name: required(node.Name, 'Name'),
    UID: required(node.UID, 'UID'),
    CreationTimeUTC: required(node.CreationTimeUTC, 'CreationTimeUTC'),
    State: required(node.State, 'State'),
  }
  for (const k of TEXT_FIELDS) {
    const v = node[k]
    if (v !== undefined) out[k] = text(v, k)
  }
  if (node.Links !== undefined) out.Links = links(node.Links)
  if (node.Progress !== undefined) out.Progress = num(node.Progress, 'Progress')
  if (node.TotalSize !== undefined) out.TotalSize = num(node.TotalSize, 'TotalSize')
  if (node.IsRetry !== undefined) out.IsRetry = bool(node.IsRetry, 'IsRetry')
  return out
}

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
  if (n === null || !Number.isInteger(n)) throw bad(`PagingInfo.${field} is not an integer`)
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
  if (typeof root.Message === 'string') out.Message = root.Message
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

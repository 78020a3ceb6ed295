/**
 * @module One parsed EM XML entity element → `RawSession`: copies the known fields, types numbers and
 * booleans, decodes character references, and checks each field as it goes, so the result is correct
 * by construction (no second validation pass over 1,000 entities). Hot path: no closures per entity.
 * @see em-reference §3 "Representations (XML)"
 */
import type { RawLink, RawSession } from './raw'
import { bad, isObj } from './decode-util'

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g
const entity = (whole: string, name: string): string => {
  if (name.charCodeAt(0) !== 35) return NAMED[name] ?? whole // '#'
  const code = name.charCodeAt(1) === 120 ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
}
/** XML's predefined and numeric character references; untouched when the string has no `&`. */
export const unescape = (s: string): string => (s.indexOf('&') === -1 ? s : s.replace(ENTITY, entity))

/** Text of an element or attribute: `<X/>` → '', `<X xsi:nil="true"/>` → null, absent → undefined. */
const text = (v: unknown, field: string): string | null | undefined => {
  if (typeof v === 'string') return unescape(v)
  if (v === undefined) return v
  if (isObj(v)) {
    const t = v['#text']
    if (typeof t === 'string') return unescape(t)
    if (v['xsi:nil'] === 'true' || v.nil === 'true') return null
    if (t === undefined && Object.keys(v).length === 0) return ''
  }
  throw bad(`field ${field} is not text`)
}

export const required = (v: unknown, field: string): string => {
  const s = text(v, field)
  if (typeof s !== 'string' || s === '') throw bad(`missing ${field}`)
  return s
}

export const num = (v: unknown, field: string): number | null => {
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
    const link: RawLink = { Rel: l.Rel, Href: unescape(l.Href) }
    if (typeof l.Name === 'string') link.Name = unescape(l.Name)
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
  if (node.Href !== undefined) out.Href = text(node.Href, 'Href')
  if (node.VmDisplayName !== undefined) out.VmDisplayName = text(node.VmDisplayName, 'VmDisplayName')
  if (node.JobUid !== undefined) out.JobUid = text(node.JobUid, 'JobUid')
  if (node.JobName !== undefined) out.JobName = text(node.JobName, 'JobName')
  if (node.JobType !== undefined) out.JobType = text(node.JobType, 'JobType')
  if (node.FailureMessage !== undefined) out.FailureMessage = text(node.FailureMessage, 'FailureMessage')
  if (node.PolicyUid !== undefined) out.PolicyUid = text(node.PolicyUid, 'PolicyUid')
  if (node.PolicyName !== undefined) out.PolicyName = text(node.PolicyName, 'PolicyName')
  if (node.PolicyType !== undefined) out.PolicyType = text(node.PolicyType, 'PolicyType')
  if (node.JobSessionUid !== undefined) out.JobSessionUid = text(node.JobSessionUid, 'JobSessionUid')
  if (node.PolicySessionUid !== undefined)
    out.PolicySessionUid = text(node.PolicySessionUid, 'PolicySessionUid')
  if (node.Reason !== undefined) out.Reason = text(node.Reason, 'Reason')
  if (node.VmUid !== undefined) out.VmUid = text(node.VmUid, 'VmUid')
  if (node.EndTimeUTC !== undefined) out.EndTimeUTC = text(node.EndTimeUTC, 'EndTimeUTC')
  if (node.Result !== undefined) out.Result = text(node.Result, 'Result')
  if (node.Links !== undefined) out.Links = links(node.Links)
  if (node.Progress !== undefined) out.Progress = num(node.Progress, 'Progress')
  if (node.TotalSize !== undefined) out.TotalSize = num(node.TotalSize, 'TotalSize')
  if (node.IsRetry !== undefined) out.IsRetry = bool(node.IsRetry, 'IsRetry')
  return out
}

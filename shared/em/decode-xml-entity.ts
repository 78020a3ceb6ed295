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

/** Text of an element or attribute: `<X/>` → '', absent or `<X xsi:nil="true"/>` → undefined. */
const text = (v: unknown, field: string): string | undefined => {
  if (typeof v === 'string') return unescape(v)
  if (v === undefined) return v
  if (isObj(v)) {
    const t = v['#text']
    if (typeof t === 'string') return unescape(t)
    if (v['xsi:nil'] === 'true' || v.nil === 'true') return undefined
    if (t === undefined && Object.keys(v).length === 0) return ''
  }
  throw bad(`field ${field} is not text`)
}

/** A required, non-empty text. */
export const required = (v: unknown, field: string): string => {
  const s = text(v, field)
  if (s === undefined || s === '') throw bad(`missing ${field}`)
  return s
}

/** A number; empty or absent → undefined. */
export const num = (v: unknown, field: string): number | undefined => {
  const s = text(v, field)
  if (s === '' || s === undefined) return undefined
  const n = Number(s)
  if (!Number.isFinite(n)) throw bad(`field ${field} is not a number`)
  return n
}

const bool = (v: unknown, field: string): boolean | undefined => {
  const s = text(v, field)
  if (s === 'true' || s === 'True') return true
  if (s === 'false' || s === 'False') return false
  if (s === '' || s === undefined) return undefined
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
    if (!isObj(l) || typeof l.Rel !== 'string' || typeof l.Href !== 'string') {
      throw bad('Link without Rel/Href')
    }
    const link: RawLink = { Rel: l.Rel, Href: unescape(l.Href) }
    if (typeof l.Name === 'string') link.Name = unescape(l.Name)
    if (typeof l.Type === 'string') link.Type = l.Type
    out[i] = link
  }
  return out
}

/**
 * One parsed entity element → `RawSession`; `tag` is the element name (the `Type` when the attribute
 * is absent). Absent and nil values leave the key out, as the JSON decoder does with `null`.
 */
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
  // One line per field (monomorphic property access: measurably faster than a loop over names).
  let s: string | undefined
  if ((s = text(node.Href, 'Href')) !== undefined) out.Href = s
  if ((s = text(node.VmDisplayName, 'VmDisplayName')) !== undefined) out.VmDisplayName = s
  if ((s = text(node.JobUid, 'JobUid')) !== undefined) out.JobUid = s
  if ((s = text(node.JobName, 'JobName')) !== undefined) out.JobName = s
  if ((s = text(node.JobType, 'JobType')) !== undefined) out.JobType = s
  if ((s = text(node.FailureMessage, 'FailureMessage')) !== undefined) out.FailureMessage = s
  if ((s = text(node.PolicyUid, 'PolicyUid')) !== undefined) out.PolicyUid = s
  if ((s = text(node.PolicyName, 'PolicyName')) !== undefined) out.PolicyName = s
  if ((s = text(node.PolicyType, 'PolicyType')) !== undefined) out.PolicyType = s
  if ((s = text(node.JobSessionUid, 'JobSessionUid')) !== undefined) out.JobSessionUid = s
  if ((s = text(node.PolicySessionUid, 'PolicySessionUid')) !== undefined) out.PolicySessionUid = s
  if ((s = text(node.Reason, 'Reason')) !== undefined) out.Reason = s
  if ((s = text(node.VmUid, 'VmUid')) !== undefined) out.VmUid = s
  if ((s = text(node.EndTimeUTC, 'EndTimeUTC')) !== undefined) out.EndTimeUTC = s
  if ((s = text(node.Result, 'Result')) !== undefined) out.Result = s
  if (node.Links !== undefined) out.Links = links(node.Links)
  let n: number | boolean | undefined
  if ((n = num(node.Progress, 'Progress')) !== undefined) out.Progress = n
  if ((n = num(node.TotalSize, 'TotalSize')) !== undefined) out.TotalSize = n
  if ((n = bool(node.IsRetry, 'IsRetry')) !== undefined) out.IsRetry = n
  return out
}

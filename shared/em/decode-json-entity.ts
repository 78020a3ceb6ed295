/**
 * @module One EM JSON entity (PascalCase or camelCase keys) → `RawSession`, checked field by field as it is copied (the same contract
 * as `RawSessionSchema`, without a second copy). `null` leaves the key out, exactly as an absent XML
 * element does, so XML and JSON answers decode to identical raw objects.
 * @see em-reference §4 "JSON representation"
 */
import type { RawLink, RawSession } from './raw'
import { bad, isObj } from './decode-util'
import { keysOf } from './casing'

/** Turns a parsed string into the real one (`jsonText`'s repair; identity for text parsed as is). */
export type Repair = (s: string) => string
const same: Repair = (s) => s

/** An optional string: null or absent → undefined. */
const str = (v: unknown, field: string, repair: Repair): string | undefined => {
  if (typeof v === 'string') return repair(v)
  if (v === null || v === undefined) return undefined
  throw bad(`field ${field} is not a string`)
}

const required = (v: unknown, field: string, repair: Repair): string => {
  if (typeof v !== 'string' || v === '') throw bad(`missing ${field}`)
  return repair(v)
}

const num = (v: unknown, field: string): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (v === null || v === undefined) return undefined
  throw bad(`field ${field} is not a number`)
}

const linkList = (v: unknown, repair: Repair): RawLink[] => {
  if (!Array.isArray(v)) throw bad('Links is not a list')
  const out: RawLink[] = new Array<RawLink>(v.length)
  for (let i = 0; i < v.length; i++) {
    const l: unknown = v[i]
    const k = isObj(l) ? keysOf(l, 'Rel') : null
    if (!isObj(l) || k === null) throw bad('Link without Rel/Href')
    const rel = l[k.Rel]
    const href = l[k.Href]
    if (typeof rel !== 'string' || typeof href !== 'string') throw bad('Link without Rel/Href')
    const link: RawLink = { Rel: repair(rel), Href: repair(href) }
    const name = str(l[k.Name], 'Link.Name', repair)
    if (name !== undefined) link.Name = name
    const type = str(l[k.Type], 'Link.Type', repair)
    if (type !== undefined) link.Type = type
    out[i] = link
  }
  return out
}

/** One parsed JSON entity (either casing, decided from its own keys) → `RawSession`. */
export const jsonEntity = (v: unknown, repair: Repair = same): RawSession => {
  if (!isObj(v)) throw bad('entity is not an object')
  const k = keysOf(v, 'UID')
  if (k === null) throw bad('missing UID')
  const out: RawSession = {
    Type: required(v[k.Type], 'Type', repair),
    Name: required(v[k.Name], 'Name', repair),
    UID: required(v[k.UID], 'UID', repair),
    CreationTimeUTC: required(v[k.CreationTimeUTC], 'CreationTimeUTC', repair),
    State: required(v[k.State], 'State', repair),
  }
  let s: string | undefined
  if ((s = str(v[k.Href], 'Href', repair)) !== undefined) out.Href = s
  if ((s = str(v[k.VmDisplayName], 'VmDisplayName', repair)) !== undefined) out.VmDisplayName = s
  if ((s = str(v[k.JobUid], 'JobUid', repair)) !== undefined) out.JobUid = s
  if ((s = str(v[k.JobName], 'JobName', repair)) !== undefined) out.JobName = s
  if ((s = str(v[k.JobType], 'JobType', repair)) !== undefined) out.JobType = s
  if ((s = str(v[k.FailureMessage], 'FailureMessage', repair)) !== undefined) out.FailureMessage = s
  if ((s = str(v[k.PolicyUid], 'PolicyUid', repair)) !== undefined) out.PolicyUid = s
  if ((s = str(v[k.PolicyName], 'PolicyName', repair)) !== undefined) out.PolicyName = s
  if ((s = str(v[k.PolicyType], 'PolicyType', repair)) !== undefined) out.PolicyType = s
  if ((s = str(v[k.JobSessionUid], 'JobSessionUid', repair)) !== undefined) out.JobSessionUid = s
  if ((s = str(v[k.PolicySessionUid], 'PolicySessionUid', repair)) !== undefined) out.PolicySessionUid = s
  if ((s = str(v[k.Reason], 'Reason', repair)) !== undefined) out.Reason = s
  if ((s = str(v[k.VmUid], 'VmUid', repair)) !== undefined) out.VmUid = s
  if ((s = str(v[k.EndTimeUTC], 'EndTimeUTC', repair)) !== undefined) out.EndTimeUTC = s
  if ((s = str(v[k.Result], 'Result', repair)) !== undefined) out.Result = s
  const links = v[k.Links]
  if (links !== null && links !== undefined) out.Links = linkList(links, repair)
  let n: number | undefined
  if ((n = num(v[k.Progress], 'Progress')) !== undefined) out.Progress = n
  if ((n = num(v[k.TotalSize], 'TotalSize')) !== undefined) out.TotalSize = n
  const retry = v[k.IsRetry]
  if (typeof retry === 'boolean') out.IsRetry = retry
  else if (retry !== null && retry !== undefined) throw bad('field IsRetry is not a boolean')
  return out
}

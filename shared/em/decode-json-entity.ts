/**
 * @module One EM JSON entity → `RawSession`, checked field by field as it is copied (the same contract
 * as `RawSessionSchema`, without a second copy). `null` leaves the key out, exactly as an absent XML
 * element does, so XML and JSON answers decode to identical raw objects.
 * @see em-reference §4 "JSON representation"
 */
import type { RawLink, RawSession } from './raw'
import { bad, isObj } from './decode-util'

/** An optional string: null or absent → undefined. */
const str = (v: unknown, field: string): string | undefined => {
  if (typeof v === 'string') return v
  if (v === null || v === undefined) return undefined
  throw bad(`field ${field} is not a string`)
}

const required = (v: unknown, field: string): string => {
  if (typeof v !== 'string' || v === '') throw bad(`missing ${field}`)
  return v
}

const num = (v: unknown, field: string): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (v === null || v === undefined) return undefined
  throw bad(`field ${field} is not a number`)
}

const links = (v: unknown): RawLink[] => {
  if (!Array.isArray(v)) throw bad('Links is not a list')
  const out: RawLink[] = new Array<RawLink>(v.length)
  for (let i = 0; i < v.length; i++) {
    const l: unknown = v[i]
    if (!isObj(l) || typeof l.Rel !== 'string' || typeof l.Href !== 'string') {
      throw bad('Link without Rel/Href')
    }
    const link: RawLink = { Rel: l.Rel, Href: l.Href }
    const name = str(l.Name, 'Link.Name')
    if (name !== undefined) link.Name = name
    const type = str(l.Type, 'Link.Type')
    if (type !== undefined) link.Type = type
    out[i] = link
  }
  return out
}

/** One parsed JSON entity → `RawSession`. */
export const jsonEntity = (v: unknown): RawSession => {
  if (!isObj(v)) throw bad('entity is not an object')
  const out: RawSession = {
    Type: required(v.Type, 'Type'),
    Name: required(v.Name, 'Name'),
    UID: required(v.UID, 'UID'),
    CreationTimeUTC: required(v.CreationTimeUTC, 'CreationTimeUTC'),
    State: required(v.State, 'State'),
  }
  let s: string | undefined
  if ((s = str(v.Href, 'Href')) !== undefined) out.Href = s
  if ((s = str(v.VmDisplayName, 'VmDisplayName')) !== undefined) out.VmDisplayName = s
  if ((s = str(v.JobUid, 'JobUid')) !== undefined) out.JobUid = s
  if ((s = str(v.JobName, 'JobName')) !== undefined) out.JobName = s
  if ((s = str(v.JobType, 'JobType')) !== undefined) out.JobType = s
  if ((s = str(v.FailureMessage, 'FailureMessage')) !== undefined) out.FailureMessage = s
  if ((s = str(v.PolicyUid, 'PolicyUid')) !== undefined) out.PolicyUid = s
  if ((s = str(v.PolicyName, 'PolicyName')) !== undefined) out.PolicyName = s
  if ((s = str(v.PolicyType, 'PolicyType')) !== undefined) out.PolicyType = s
  if ((s = str(v.JobSessionUid, 'JobSessionUid')) !== undefined) out.JobSessionUid = s
  if ((s = str(v.PolicySessionUid, 'PolicySessionUid')) !== undefined) out.PolicySessionUid = s
  if ((s = str(v.Reason, 'Reason')) !== undefined) out.Reason = s
  if ((s = str(v.VmUid, 'VmUid')) !== undefined) out.VmUid = s
  if ((s = str(v.EndTimeUTC, 'EndTimeUTC')) !== undefined) out.EndTimeUTC = s
  if ((s = str(v.Result, 'Result')) !== undefined) out.Result = s
  if (v.Links !== null && v.Links !== undefined) out.Links = links(v.Links)
  let n: number | undefined
  if ((n = num(v.Progress, 'Progress')) !== undefined) out.Progress = n
  if ((n = num(v.TotalSize, 'TotalSize')) !== undefined) out.TotalSize = n
  if (typeof v.IsRetry === 'boolean') out.IsRetry = v.IsRetry
  else if (v.IsRetry !== null && v.IsRetry !== undefined) throw bad('field IsRetry is not a boolean')
  return out
}

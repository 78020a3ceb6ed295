/**
 * @module One EM JSON entity (PascalCase or camelCase keys) → `RawSession`, checked field by field as it is copied (the same contract
 * as `RawSessionSchema`, without a second copy). `null` leaves the key out, exactly as an absent XML
 * element does, so XML and JSON answers decode to identical raw objects.
 * @see em-reference §4 "JSON representation"
 */
import type { RawLink, RawSession } from './raw'
import { bad, isObj, type Obj } from './decode-util'
import { CAMEL, ENTITY_KEY_NAMES, keysOf } from './casing'

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

/** The PascalCase names of the entity keys the decoder reads. */
const FIELD_NAMES = ENTITY_KEY_NAMES

type FieldName = (typeof FIELD_NAMES)[number]
/** An entity's values under the keys the decoder reads (undefined when absent). */
type Fields = Record<FieldName, unknown>

/** A camelCase entity key → its PascalCase name. */
const PASCAL_OF: ReadonlyMap<string, FieldName> = new Map(FIELD_NAMES.map((n) => [CAMEL[n], n]))

/** The fields of the entity being decoded: one object, reset per entity (decoding is synchronous). */
const scratch: Fields = {
  Type: undefined,
  Href: undefined,
  Name: undefined,
  UID: undefined,
  Links: undefined,
  VmDisplayName: undefined,
  JobUid: undefined,
  JobName: undefined,
  JobType: undefined,
  Progress: undefined,
  IsRetry: undefined,
  FailureMessage: undefined,
  PolicyUid: undefined,
  PolicyName: undefined,
  PolicyType: undefined,
  JobSessionUid: undefined,
  PolicySessionUid: undefined,
  Reason: undefined,
  TotalSize: undefined,
  VmUid: undefined,
  CreationTimeUTC: undefined,
  EndTimeUTC: undefined,
  State: undefined,
  Result: undefined,
}

/**
 * The entity's fields in one pass over its own keys, by their PascalCase names (keys of the other
 * casing are ignored, as a per-field lookup in the body's casing would), into `scratch`. Entities of
 * every type and both casings have many shapes: a keyed lookup per field was megamorphic, this pass
 * is not, and it allocates nothing.
 */
const fieldsOf = (v: Obj, camel: boolean): Fields => {
  const f = scratch
  f.Type = undefined
  f.Href = undefined
  f.Name = undefined
  f.UID = undefined
  f.Links = undefined
  f.VmDisplayName = undefined
  f.JobUid = undefined
  f.JobName = undefined
  f.JobType = undefined
  f.Progress = undefined
  f.IsRetry = undefined
  f.FailureMessage = undefined
  f.PolicyUid = undefined
  f.PolicyName = undefined
  f.PolicyType = undefined
  f.JobSessionUid = undefined
  f.PolicySessionUid = undefined
  f.Reason = undefined
  f.TotalSize = undefined
  f.VmUid = undefined
  f.CreationTimeUTC = undefined
  f.EndTimeUTC = undefined
  f.State = undefined
  f.Result = undefined
  for (const key in v) {
    const value = v[key]
    switch (camel ? PASCAL_OF.get(key) : key) {
      case 'Type':
        f.Type = value
        break
      case 'Href':
        f.Href = value
        break
      case 'Name':
        f.Name = value
        break
      case 'UID':
        f.UID = value
        break
      case 'Links':
        f.Links = value
        break
      case 'VmDisplayName':
        f.VmDisplayName = value
        break
      case 'JobUid':
        f.JobUid = value
        break
      case 'JobName':
        f.JobName = value
        break
      case 'JobType':
        f.JobType = value
        break
      case 'Progress':
        f.Progress = value
        break
      case 'IsRetry':
        f.IsRetry = value
        break
      case 'FailureMessage':
        f.FailureMessage = value
        break
      case 'PolicyUid':
        f.PolicyUid = value
        break
      case 'PolicyName':
        f.PolicyName = value
        break
      case 'PolicyType':
        f.PolicyType = value
        break
      case 'JobSessionUid':
        f.JobSessionUid = value
        break
      case 'PolicySessionUid':
        f.PolicySessionUid = value
        break
      case 'Reason':
        f.Reason = value
        break
      case 'TotalSize':
        f.TotalSize = value
        break
      case 'VmUid':
        f.VmUid = value
        break
      case 'CreationTimeUTC':
        f.CreationTimeUTC = value
        break
      case 'EndTimeUTC':
        f.EndTimeUTC = value
        break
      case 'State':
        f.State = value
        break
      case 'Result':
        f.Result = value
        break
    }
  }
  return f
}

/** One parsed JSON entity (either casing, decided from its own keys) → `RawSession`. */
export const jsonEntity = (v: unknown, repair: Repair = same): RawSession => {
  if (!isObj(v)) throw bad('entity is not an object')
  const k = keysOf(v, 'UID')
  if (k === null) throw bad('missing UID')
  const f = fieldsOf(v, k === CAMEL)
  const out: RawSession = {
    Type: required(f.Type, 'Type', repair),
    Name: required(f.Name, 'Name', repair),
    UID: required(f.UID, 'UID', repair),
    CreationTimeUTC: required(f.CreationTimeUTC, 'CreationTimeUTC', repair),
    State: required(f.State, 'State', repair),
  }
  let s: string | undefined
  if ((s = str(f.Href, 'Href', repair)) !== undefined) out.Href = s
  if ((s = str(f.VmDisplayName, 'VmDisplayName', repair)) !== undefined) out.VmDisplayName = s
  if ((s = str(f.JobUid, 'JobUid', repair)) !== undefined) out.JobUid = s
  if ((s = str(f.JobName, 'JobName', repair)) !== undefined) out.JobName = s
  if ((s = str(f.JobType, 'JobType', repair)) !== undefined) out.JobType = s
  if ((s = str(f.FailureMessage, 'FailureMessage', repair)) !== undefined) out.FailureMessage = s
  if ((s = str(f.PolicyUid, 'PolicyUid', repair)) !== undefined) out.PolicyUid = s
  if ((s = str(f.PolicyName, 'PolicyName', repair)) !== undefined) out.PolicyName = s
  if ((s = str(f.PolicyType, 'PolicyType', repair)) !== undefined) out.PolicyType = s
  if ((s = str(f.JobSessionUid, 'JobSessionUid', repair)) !== undefined) out.JobSessionUid = s
  if ((s = str(f.PolicySessionUid, 'PolicySessionUid', repair)) !== undefined) out.PolicySessionUid = s
  if ((s = str(f.Reason, 'Reason', repair)) !== undefined) out.Reason = s
  if ((s = str(f.VmUid, 'VmUid', repair)) !== undefined) out.VmUid = s
  if ((s = str(f.EndTimeUTC, 'EndTimeUTC', repair)) !== undefined) out.EndTimeUTC = s
  if ((s = str(f.Result, 'Result', repair)) !== undefined) out.Result = s
  const links = f.Links
  if (links !== null && links !== undefined) out.Links = linkList(links, repair)
  let n: number | undefined
  if ((n = num(f.Progress, 'Progress')) !== undefined) out.Progress = n
  if ((n = num(f.TotalSize, 'TotalSize')) !== undefined) out.TotalSize = n
  const retry = f.IsRetry
  if (typeof retry === 'boolean') out.IsRetry = retry
  else if (retry !== null && retry !== undefined) throw bad('field IsRetry is not a boolean')
  return out
}

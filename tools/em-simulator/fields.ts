/**
 * @module The filter/sort fields of each query type (documented in `em-api.ts`), how
 * to read each from a session, and how EM compares it: strings case-insensitively, times as
 * instants, enums by their index in EM's list, UIDs by GUID (bare or URN form).
 */
import { SIM_QUERY_FIELDS, SIM_QUERY_TYPES } from './em-api'
import type { SimQueryType } from './em-api'
import type { SimJobSession, SimSession, SimTaskSession } from './dataset-types'

export type FieldKind = 'string' | 'time' | 'enum' | 'uid' | 'number' | 'bool'

export interface FieldDef {
  /** The canonical spelling (from the allow-list). */
  readonly name: string
  readonly kind: FieldKind
  /** For enums: EM's value order (`<`/`>` compare the index). */
  readonly values?: readonly string[]
  readonly get: (s: SimSession) => string | number | boolean | Date | null
}

/** EM's enum orders. `None` (-1 in EM) sorts first; `Canceled` is a newer value EM added. */
export const RESULT_ORDER = ['None', 'Success', 'Warning', 'Failed', 'Canceled'] as const
export const JOB_STATE_ORDER = ['Starting', 'Stopping', 'Working', 'Pausing', 'Resuming', 'Stopped'] as const
export const TASK_STATE_ORDER = ['InProgress', 'Pending', 'Completed'] as const

const job = (s: SimSession): SimJobSession | undefined =>
  s.type.endsWith('TaskSession') ? undefined : (s as SimJobSession)
const task = (s: SimSession): SimTaskSession | undefined =>
  s.type.endsWith('TaskSession') ? (s as SimTaskSession) : undefined

const DEFS: Record<string, Omit<FieldDef, 'name'>> = {
  uid: { kind: 'uid', get: (s) => s.id },
  id: { kind: 'uid', get: (s) => s.id },
  name: { kind: 'string', get: (s) => s.name },
  jobtype: { kind: 'string', get: (s) => job(s)?.jobType ?? null },
  jobuid: {
    kind: 'uid',
    get: (s) => (s.type === 'CdpReplicaSession' ? null : (job(s)?.jobId ?? task(s)?.jobId ?? null)),
  },
  jobname: { kind: 'string', get: (s) => job(s)?.jobName ?? task(s)?.jobName ?? null },
  policyuid: { kind: 'uid', get: (s) => job(s)?.jobId ?? null },
  policyname: { kind: 'string', get: (s) => job(s)?.jobName ?? null },
  creationtime: { kind: 'time', get: (s) => s.creationTime },
  creationtimeutc: { kind: 'time', get: (s) => s.creationTime },
  endtime: { kind: 'time', get: (s) => s.endTime },
  endtimeutc: { kind: 'time', get: (s) => s.endTime },
  result: { kind: 'enum', values: RESULT_ORDER, get: (s) => s.result },
  isretry: { kind: 'bool', get: (s) => job(s)?.isRetry ?? null },
  backupserveruid: { kind: 'uid', get: (s) => s.serverId },
  backupservername: { kind: 'string', get: (s) => s.serverName },
  failuremessage: { kind: 'string', get: (s) => job(s)?.failureMessage ?? null },
  reason: { kind: 'string', get: (s) => task(s)?.reason ?? null },
  totalsize: { kind: 'number', get: (s) => task(s)?.totalSize ?? null },
  jobsessionuid: { kind: 'uid', get: (s) => task(s)?.jobSessionId ?? null },
  policysessionuid: { kind: 'uid', get: (s) => task(s)?.jobSessionId ?? null },
  policysessionname: { kind: 'string', get: (s) => task(s)?.jobSessionName ?? null },
  vmdisplayname: { kind: 'string', get: (s) => task(s)?.vmName ?? null },
}

const stateDef = (type: SimQueryType): Omit<FieldDef, 'name'> => ({
  kind: 'enum',
  values: type.endsWith('TaskSession') ? TASK_STATE_ORDER : JOB_STATE_ORDER,
  get: (s) => s.state,
})

const TABLES = new Map<SimQueryType, Map<string, FieldDef>>()
for (const type of SIM_QUERY_TYPES) {
  const table = new Map<string, FieldDef>()
  for (const name of SIM_QUERY_FIELDS[type]) {
    const key = name.toLowerCase()
    const def = key === 'state' ? stateDef(type) : DEFS[key]
    if (def === undefined) throw new Error(`simulator: no accessor for ${type}.${name}`)
    table.set(key, { name, ...def })
  }
  TABLES.set(type, table)
}

/** The field of `type` named `field` (case-insensitive), or undefined when EM does not know it. */
export const fieldOf = (type: SimQueryType, field: string): FieldDef | undefined =>
  TABLES.get(type)?.get(field.toLowerCase())

/** The canonical query type for a `type=` parameter (case-insensitive), or undefined. */
export const queryTypeOf = (text: string): SimQueryType | undefined =>
  SIM_QUERY_TYPES.find((t) => t.toLowerCase() === text.toLowerCase())

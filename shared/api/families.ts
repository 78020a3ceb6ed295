/**
 * @module The six session families, one descriptor each. Everything generic (routes, parameters,
 * EM queries, paging, post-filtering) is driven by these: six families, not six copies.
 */
import type { z } from '@hono/zod-openapi'
import type { EmField, EmQueryType } from '../em/query-types'
import type { RawSession } from '../em/raw'
import {
  toCdpReplicaSession,
  toCdpReplicaTaskSession,
  toJobSession,
  toTaskSession,
} from '../mapping/sessions'
import { JOB_STATES, TASK_STATES } from '../model/common'
import { CdpReplicaSessionSchema, JobSessionSchema } from '../model/job-session'
import { CdpReplicaTaskSessionSchema, TaskSessionSchema } from '../model/task-session'
import type { FilterParam } from './filter-params'

export type FamilyKey =
  | 'backup-job-sessions'
  | 'backup-task-sessions'
  | 'replica-job-sessions'
  | 'replica-task-sessions'
  | 'cdp-replica-sessions'
  | 'cdp-replica-task-sessions'

/** How one filter parameter reaches EM: the field (null: EM cannot filter it, the API does) and the UID prefix for GUIDs. */
export interface FilterBinding {
  readonly field: string | null
  readonly urn?: string
}

export interface Family {
  readonly key: FamilyKey
  readonly emType: EmQueryType
  readonly tag: 'backup' | 'replica' | 'cdp'
  /** Singular and plural words for operation ids and summaries. */
  readonly noun: { readonly one: string; readonly many: string; readonly pascal: string }
  readonly itemSchema: z.ZodType
  readonly map: (raw: RawSession) => Record<string, unknown>
  readonly creationField: EmField
  readonly states: readonly string[]
  readonly filters: Partial<Record<FilterParam, FilterBinding>>
  /** The task family whose items are this family's children (`/{id}/task-sessions`) and the param that links them. */
  readonly children?: { readonly family: FamilyKey; readonly via: FilterParam }
}

/** Filters every family has; CDP types name their time fields `…UTC`. */
const baseFilters = (time: 'Time' | 'TimeUTC'): Family['filters'] => ({
  createdAfter: { field: `Creation${time}` },
  createdBefore: { field: `Creation${time}` },
  endedAfter: { field: `End${time}` },
  endedBefore: { field: `End${time}` },
  state: { field: 'State' },
  backupServerId: { field: 'BackupServerUid', urn: 'urn:veeam:BackupServer:' },
  backupServerName: { field: 'BackupServerName' },
})

/** Backup and replica types (job and task) can also filter on result and their job. */
const jobLinked: Family['filters'] = {
  ...baseFilters('Time'),
  result: { field: 'Result' },
  jobId: { field: 'JobUid', urn: 'urn:veeam:Job:' },
  jobName: { field: 'JobName' },
}

const jobFilters: Family['filters'] = { ...jobLinked, jobType: { field: 'JobType' } }

const taskFilters = (parentType: string): Family['filters'] => ({
  ...jobLinked,
  vmName: { field: 'VmDisplayName' },
  jobSessionId: { field: 'JobSessionUid', urn: `urn:veeam:${parentType}:` },
})

export const FAMILIES: Record<FamilyKey, Family> = {
  'backup-job-sessions': {
    key: 'backup-job-sessions',
    emType: 'BackupJobSession',
    tag: 'backup',
    noun: { one: 'backup job session', many: 'backup job sessions', pascal: 'BackupJobSession' },
    itemSchema: JobSessionSchema,
    map: toJobSession,
    creationField: 'CreationTime',
    states: JOB_STATES,
    filters: jobFilters,
    children: { family: 'backup-task-sessions', via: 'jobSessionId' },
  },
  'backup-task-sessions': {
    key: 'backup-task-sessions',
    emType: 'BackupTaskSession',
    tag: 'backup',
    noun: { one: 'backup task session', many: 'backup task sessions', pascal: 'BackupTaskSession' },
    itemSchema: TaskSessionSchema,
    map: toTaskSession,
    creationField: 'CreationTime',
    states: TASK_STATES,
    filters: taskFilters('BackupJobSession'),
  },
  'replica-job-sessions': {
    key: 'replica-job-sessions',
    emType: 'ReplicaJobSession',
    tag: 'replica',
    noun: { one: 'replica job session', many: 'replica job sessions', pascal: 'ReplicaJobSession' },
    itemSchema: JobSessionSchema,
    map: toJobSession,
    creationField: 'CreationTime',
    states: JOB_STATES,
    filters: jobFilters,
    children: { family: 'replica-task-sessions', via: 'jobSessionId' },
  },
  'replica-task-sessions': {
    key: 'replica-task-sessions',
    emType: 'ReplicaTaskSession',
    tag: 'replica',
    noun: { one: 'replica task session', many: 'replica task sessions', pascal: 'ReplicaTaskSession' },
    itemSchema: TaskSessionSchema,
    map: toTaskSession,
    creationField: 'CreationTime',
    states: TASK_STATES,
    filters: taskFilters('ReplicaJobSession'),
  },
  'cdp-replica-sessions': {
    key: 'cdp-replica-sessions',
    emType: 'CdpReplicaSession',
    tag: 'cdp',
    noun: { one: 'CDP replica session', many: 'CDP replica sessions', pascal: 'CdpReplicaSession' },
    itemSchema: CdpReplicaSessionSchema,
    map: toCdpReplicaSession,
    creationField: 'CreationTimeUTC',
    states: JOB_STATES,
    filters: {
      ...baseFilters('TimeUTC'),
      result: { field: 'Result' },
      policyId: { field: 'PolicyUid', urn: 'urn:veeam:CdpPolicy:' },
      policyName: { field: 'PolicyName' },
    },
    children: { family: 'cdp-replica-task-sessions', via: 'policySessionId' },
  },
  'cdp-replica-task-sessions': {
    key: 'cdp-replica-task-sessions',
    emType: 'CdpReplicaTaskSession',
    tag: 'cdp',
    noun: {
      one: 'CDP replica task session',
      many: 'CDP replica task sessions',
      pascal: 'CdpReplicaTaskSession',
    },
    itemSchema: CdpReplicaTaskSessionSchema,
    map: toCdpReplicaTaskSession,
    creationField: 'CreationTimeUTC',
    states: TASK_STATES,
    filters: {
      ...baseFilters('TimeUTC'),
      // EM documents no Result filter for CDP task sessions: the API applies it to what EM returns.
      result: { field: null },
      vmName: { field: 'VmDisplayName' },
      policySessionId: { field: 'PolicySessionUid', urn: 'urn:veeam:CdpReplicaSession:' },
    },
  },
}

export const FAMILY_LIST: readonly Family[] = Object.values(FAMILIES)

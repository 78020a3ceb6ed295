/**
 * @module The six session families, one typed descriptor each. Everything generic (routes,
 * parameters, EM queries, paging, the re-check) is driven by these: six families, not six copies.
 *
 * What the re-check covers (every item EM returns is checked again against the caller's filters):
 * times, state, result, backup server id and name on every family; on job sessions also job id, job
 * name and job type; on CDP policy sessions policy id and name; on task sessions VM name, parent
 * session id and job name, the last one against the job name in the parent session's name (EM names
 * a job session `<job name>@<time>`: the part before its last `@`). EM alone applies `jobId` to
 * backup/replica task sessions: a task carries no job id to compare (a GUID, so no case to mis-match).
 */
import {
  toCdpReplicaSession,
  toCdpReplicaTaskSession,
  toJobSession,
  toTaskSession,
} from '../mapping/sessions'
import { JOB_STATES, TASK_STATES } from '../model/common'
import {
  CdpReplicaSessionSchema,
  JobSessionSchema,
  type CdpReplicaSession,
  type JobSession,
} from '../model/job-session'
import {
  CdpReplicaTaskSessionSchema,
  TaskSessionSchema,
  type CdpReplicaTaskSession,
  type TaskSession,
} from '../model/task-session'
import { commonBindings, type Family, type FamilyKey, type SessionItem } from './family'

const TIME = { created: 'CreationTime', ended: 'EndTime' } as const
const TIME_UTC = { created: 'CreationTimeUTC', ended: 'EndTimeUTC' } as const

const jobFilters: Family<JobSession>['filters'] = {
  ...commonBindings<JobSession>(TIME),
  result: { field: 'Result', read: (e) => e.item.result },
  jobId: { field: 'JobUid', urn: 'urn:veeam:Job:', read: (e) => e.item.jobId },
  jobName: { field: 'JobName', read: (e) => e.item.jobName },
  jobType: { field: 'JobType', read: (e) => e.item.jobType },
}

const taskFilters = (parentType: string): Family<TaskSession>['filters'] => ({
  ...commonBindings<TaskSession>(TIME),
  result: { field: 'Result', read: (e) => e.item.result },
  jobId: { field: 'JobUid', urn: 'urn:veeam:Job:' },
  jobName: { field: 'JobName', read: (e) => e.item.jobName },
  vmName: { field: 'VmDisplayName', read: (e) => e.item.vmName },
  jobSessionId: { field: 'JobSessionUid', urn: `urn:veeam:${parentType}:`, read: (e) => e.item.jobSessionId },
})

/** Backup and replication share their job and task families but for their names and EM types. */
const KINDS = {
  backup: { word: 'backup', pascal: 'Backup' },
  replica: { word: 'replica', pascal: 'Replica' },
} as const

const jobFamily = (kind: keyof typeof KINDS): Family<JobSession> => {
  const { word, pascal } = KINDS[kind]
  return {
    key: `${kind}-job-sessions`,
    emType: `${pascal}JobSession`,
    tag: kind,
    noun: { one: `${word} job session`, many: `${word} job sessions`, pascal: `${pascal}JobSession` },
    itemSchema: JobSessionSchema,
    map: toJobSession,
    timeFields: TIME,
    states: JOB_STATES,
    filters: jobFilters,
    children: { family: `${kind}-task-sessions`, via: 'jobSessionId' },
  }
}

const taskFamily = (kind: keyof typeof KINDS): Family<TaskSession> => {
  const { word, pascal } = KINDS[kind]
  return {
    key: `${kind}-task-sessions`,
    emType: `${pascal}TaskSession`,
    tag: kind,
    noun: { one: `${word} task session`, many: `${word} task sessions`, pascal: `${pascal}TaskSession` },
    itemSchema: TaskSessionSchema,
    map: toTaskSession,
    timeFields: TIME,
    states: TASK_STATES,
    filters: taskFilters(`${pascal}JobSession`),
  }
}

const cdpReplicaSessions: Family<CdpReplicaSession> = {
  key: 'cdp-replica-sessions',
  emType: 'CdpReplicaSession',
  tag: 'cdp',
  noun: { one: 'CDP replica session', many: 'CDP replica sessions', pascal: 'CdpReplicaSession' },
  itemSchema: CdpReplicaSessionSchema,
  map: toCdpReplicaSession,
  timeFields: TIME_UTC,
  states: JOB_STATES,
  filters: {
    ...commonBindings<CdpReplicaSession>(TIME_UTC),
    result: { field: 'Result', read: (e) => e.item.result },
    policyId: { field: 'PolicyUid', urn: 'urn:veeam:CdpPolicy:', read: (e) => e.item.policyId },
    policyName: { field: 'PolicyName', read: (e) => e.item.policyName },
  },
  children: { family: 'cdp-replica-task-sessions', via: 'policySessionId' },
}

const cdpReplicaTaskSessions: Family<CdpReplicaTaskSession> = {
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
  timeFields: TIME_UTC,
  states: TASK_STATES,
  filters: {
    ...commonBindings<CdpReplicaTaskSession>(TIME_UTC),
    // EM documents no Result filter for CDP task sessions: the re-check alone applies it.
    result: { field: null, read: (e) => e.item.result },
    vmName: { field: 'VmDisplayName', read: (e) => e.item.vmName },
    policySessionId: {
      field: 'PolicySessionUid',
      urn: 'urn:veeam:CdpReplicaSession:',
      read: (e) => e.item.policySessionId,
    },
  },
}

/** The six families by key, each with its own item type. */
export const FAMILIES = {
  'backup-job-sessions': jobFamily('backup'),
  'backup-task-sessions': taskFamily('backup'),
  'replica-job-sessions': jobFamily('replica'),
  'replica-task-sessions': taskFamily('replica'),
  'cdp-replica-sessions': cdpReplicaSessions,
  'cdp-replica-task-sessions': cdpReplicaTaskSessions,
} satisfies { readonly [K in FamilyKey]: Family<SessionItem> }

/** Any family (each is checked against its own item type where it is declared). */
export type AnyFamily = (typeof FAMILIES)[FamilyKey]

export const FAMILY_LIST: readonly AnyFamily[] = Object.values(FAMILIES)

/**
 * @module Pure mappers from EM's raw session entities to the contract's items.
 * One function per item shape; each sets every key (null when EM has no value) and carries the
 * session's instants as epoch ms beside the item (`Timed`), so nobody parses its times again.
 * @see api-contract.md "Items"
 */
import type { RawSession } from '../em/raw'
import type { CdpReplicaSession, JobSession } from '../model/job-session'
import type { CdpReplicaTaskSession, TaskSession } from '../model/task-session'
import type { Timed } from '../model/timed'
import { backupServerOf, findLink, guidOf, jobNameFromSessionName, textOrNull, timesOf } from './common'

export const toJobSession = (raw: RawSession): Timed<JobSession> => {
  const t = timesOf(raw)
  const item: JobSession = {
    id: guidOf(raw.UID) ?? '',
    uid: raw.UID,
    name: raw.Name,
    jobId: guidOf(raw.JobUid),
    jobName: textOrNull(raw.JobName) ?? textOrNull(findLink(raw.Links, 'JobReference')?.Name),
    jobType: textOrNull(raw.JobType),
    backupServer: backupServerOf(raw),
    state: raw.State,
    result: textOrNull(raw.Result),
    creationTime: t.creationTime,
    endTime: t.endTime,
    durationSeconds: t.durationSeconds,
    progressPercent: raw.Progress ?? null,
    isRetry: raw.IsRetry ?? null,
    failureMessage: textOrNull(raw.FailureMessage),
  }
  return { item, createdMs: t.createdMs, endedMs: t.endedMs }
}

export const toCdpReplicaSession = (raw: RawSession): Timed<CdpReplicaSession> => {
  const t = timesOf(raw)
  const item: CdpReplicaSession = {
    id: guidOf(raw.UID) ?? '',
    uid: raw.UID,
    name: raw.Name,
    policyId: guidOf(raw.PolicyUid),
    policyName: textOrNull(raw.PolicyName) ?? textOrNull(findLink(raw.Links, 'CdpPolicyReference')?.Name),
    backupServer: backupServerOf(raw),
    state: raw.State,
    result: textOrNull(raw.Result),
    creationTime: t.creationTime,
    endTime: t.endTime,
    durationSeconds: t.durationSeconds,
    progressPercent: raw.Progress ?? null,
    isRetry: raw.IsRetry ?? null,
    failureMessage: textOrNull(raw.FailureMessage),
  }
  return { item, createdMs: t.createdMs, endedMs: t.endedMs }
}

const PARENT_LINK_TYPES: Record<string, string> = {
  BackupTaskSession: 'BackupJobSessionReference',
  ReplicaTaskSession: 'ReplicaJobSessionReference',
}

/** Backup and replica task sessions; `vmUid` is kept for backup tasks only. */
export const toTaskSession = (raw: RawSession): Timed<TaskSession> => {
  const t = timesOf(raw)
  const parentType = PARENT_LINK_TYPES[raw.Type] ?? 'BackupJobSessionReference'
  const jobSessionName = textOrNull(findLink(raw.Links, parentType)?.Name)
  const item: TaskSession = {
    id: guidOf(raw.UID) ?? '',
    uid: raw.UID,
    name: raw.Name,
    vmName: textOrNull(raw.VmDisplayName),
    vmUid: raw.Type === 'BackupTaskSession' ? textOrNull(raw.VmUid) : null,
    jobSessionId: guidOf(raw.JobSessionUid),
    jobSessionName,
    jobName: jobNameFromSessionName(jobSessionName),
    backupServer: backupServerOf(raw),
    state: raw.State,
    result: textOrNull(raw.Result),
    reason: textOrNull(raw.Reason),
    creationTime: t.creationTime,
    endTime: t.endTime,
    durationSeconds: t.durationSeconds,
    totalSizeBytes: raw.TotalSize ?? null,
  }
  return { item, createdMs: t.createdMs, endedMs: t.endedMs }
}

export const toCdpReplicaTaskSession = (raw: RawSession): Timed<CdpReplicaTaskSession> => {
  const t = timesOf(raw)
  const item: CdpReplicaTaskSession = {
    id: guidOf(raw.UID) ?? '',
    uid: raw.UID,
    name: raw.Name,
    vmName: textOrNull(raw.VmDisplayName),
    policySessionId: guidOf(raw.PolicySessionUid),
    policySessionName: textOrNull(findLink(raw.Links, 'CdpReplicaSessionReference')?.Name),
    backupServer: backupServerOf(raw),
    state: raw.State,
    result: textOrNull(raw.Result),
    reason: textOrNull(raw.Reason),
    creationTime: t.creationTime,
    endTime: t.endTime,
    durationSeconds: t.durationSeconds,
    totalSizeBytes: raw.TotalSize ?? null,
  }
  return { item, createdMs: t.createdMs, endedMs: t.endedMs }
}

/**
 * @module EM's session query types and the fields each one can filter and sort on.
 * The allow-list the query builder enforces: a field not listed here never reaches EM.
 * @see em-reference §2 "Session-related query types"
 */

export const EM_QUERY_FIELDS = {
  BackupJobSession: [
    'UID',
    'Name',
    'JobType',
    'JobUid',
    'JobName',
    'CreationTime',
    'EndTime',
    'State',
    'Result',
    'IsRetry',
    'BackupServerUid',
    'BackupServerName',
  ],
  BackupTaskSession: [
    'UID',
    'Name',
    'CreationTime',
    'EndTime',
    'State',
    'Result',
    'Reason',
    'TotalSize',
    'JobSessionUid',
    'JobUid',
    'JobName',
    'BackupServerUid',
    'BackupServerName',
    'VmDisplayName',
  ],
  ReplicaJobSession: [
    'UID',
    'Name',
    'JobType',
    'JobUid',
    'JobName',
    'CreationTime',
    'EndTime',
    'State',
    'Result',
    'IsRetry',
    'BackupServerUid',
    'BackupServerName',
  ],
  ReplicaTaskSession: [
    'UID',
    'Name',
    'CreationTime',
    'EndTime',
    'State',
    'Result',
    'Reason',
    'TotalSize',
    'JobSessionUid',
    'JobUid',
    'JobName',
    'BackupServerUid',
    'BackupServerName',
    'VmDisplayName',
  ],
  CdpReplicaSession: [
    'Id',
    'Name',
    'PolicyUid',
    'PolicyName',
    'BackupServerUid',
    'BackupServerName',
    'CreationTimeUTC',
    'EndTimeUTC',
    'State',
    'Result',
    'FailureMessage',
  ],
  CdpReplicaTaskSession: [
    'Id',
    'Name',
    'PolicySessionUid',
    'PolicySessionName',
    'BackupServerUid',
    'BackupServerName',
    'CreationTimeUTC',
    'EndTimeUTC',
    'State',
    // EM documents no Result filter for this type: the API filters `result` on its own side.
    'Reason',
    'TotalSize',
    'VmDisplayName',
  ],
} as const satisfies Record<string, readonly string[]>

export type EmQueryType = keyof typeof EM_QUERY_FIELDS
export type EmField<T extends EmQueryType = EmQueryType> = (typeof EM_QUERY_FIELDS)[T][number]

/** EM resource collections, for entity GETs (`/{collection}/{id}?format=Entity`). */
export const EM_COLLECTIONS = {
  BackupJobSession: 'backupSessions',
  BackupTaskSession: 'backupTaskSessions',
  ReplicaJobSession: 'replicaSessions',
  ReplicaTaskSession: 'replicaTaskSessions',
  CdpReplicaSession: 'cdpReplicaSessions',
  CdpReplicaTaskSession: 'cdpReplicaTaskSessions',
} as const satisfies Record<EmQueryType, string>

/** The list element name inside `<Entities>` / `Entities` for each type. */
export const EM_ENTITY_LIST_NAMES = {
  BackupJobSession: 'BackupJobSessions',
  BackupTaskSession: 'BackupTaskSessions',
  ReplicaJobSession: 'ReplicaJobSessions',
  ReplicaTaskSession: 'ReplicaTaskSessions',
  CdpReplicaSession: 'CdpReplicaSessions',
  CdpReplicaTaskSession: 'CdpReplicaTaskSessions',
} as const satisfies Record<EmQueryType, string>

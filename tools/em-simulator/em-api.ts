/**
 * @module The simulator's own tables of Enterprise Manager's REST API, written from Veeam's
 * documentation (Help Center "Query Types", the `GET /query?type=…` pages of each session type,
 * "Mapping Link Types to XML Schema") and the captured bodies in `test/fixtures/em/`, never from the
 * product's client: the simulator is EM, so a wrong name in the client must fail against it.
 */

/** The session query types EM's query service answers (`GET /api/query?type=…`). */
export const SIM_QUERY_TYPES = [
  'BackupJobSession',
  'BackupTaskSession',
  'ReplicaJobSession',
  'ReplicaTaskSession',
  'CdpReplicaSession',
  'CdpReplicaTaskSession',
] as const
export type SimQueryType = (typeof SIM_QUERY_TYPES)[number]

/**
 * The fields each type filters and sorts on, as EM documents them. Non-CDP types name their times
 * `CreationTime`/`EndTime` (the entities say `CreationTimeUTC`); CDP types use `…UTC` and `Id`, and
 * CDP task sessions document no `Result` field.
 */
export const SIM_QUERY_FIELDS: Readonly<Record<SimQueryType, readonly string[]>> = {
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
    'Reason',
    'TotalSize',
    'VmDisplayName',
  ],
}

/** The resource collection of each type (`/api/{collection}/{id}`). */
export const SIM_COLLECTIONS: Readonly<Record<SimQueryType, string>> = {
  BackupJobSession: 'backupSessions',
  BackupTaskSession: 'backupTaskSessions',
  ReplicaJobSession: 'replicaSessions',
  ReplicaTaskSession: 'replicaTaskSessions',
  CdpReplicaSession: 'cdpReplicaSessions',
  CdpReplicaTaskSession: 'cdpReplicaTaskSessions',
}

/** The entity list element inside `<Entities>` / `Entities` (XSD EntitiesType; the v12 JSON keys). */
export const SIM_ENTITY_LIST_NAMES: Readonly<Record<SimQueryType, string>> = {
  BackupJobSession: 'BackupJobSessions',
  BackupTaskSession: 'BackupTaskSessions',
  ReplicaJobSession: 'ReplicaJobSessions',
  ReplicaTaskSession: 'ReplicaTaskSessions',
  CdpReplicaSession: 'CdpReplicaSessions',
  CdpReplicaTaskSession: 'CdpReplicaTaskSessions',
}

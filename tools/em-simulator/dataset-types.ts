/**
 * @module The simulator's data model: what tests read (`sim.dataset`) to compute the results they
 * expect from the API independently of the simulator's own query engine.
 */
import type { SimQueryType } from './em-api'

export type JobSessionType = 'BackupJobSession' | 'ReplicaJobSession' | 'CdpReplicaSession'
export type TaskSessionType = 'BackupTaskSession' | 'ReplicaTaskSession' | 'CdpReplicaTaskSession'

/** A backup server (VBR) known to EM. */
export interface SimServer {
  readonly id: string
  readonly name: string
}

/** A protected VM (or agent computer / file share). */
export interface SimVm {
  readonly name: string
  /** `urn:VMware:Vm:<vcenter-guid>.vm-<n>`. */
  readonly uid: string
  /** Provisioned size in bytes (TotalSize of its task sessions). */
  readonly sizeBytes: number
}

/** A job (backup or replication) or a CDP policy. */
export interface SimJob {
  readonly id: string
  readonly name: string
  readonly kind: 'backup' | 'replica' | 'cdp'
  /** EM JobType: Backup, BackupCopy, AgentBackup, NasBackup, Replica; `CdpReplica` (PolicyType) for CDP. */
  readonly jobType: string
  readonly server: SimServer
  readonly vms: readonly SimVm[]
}

interface SimSessionBase {
  /** Lower-case GUID (the path id). */
  readonly id: string
  /** `urn:veeam:<Type>:<id>`. */
  readonly uid: string
  readonly name: string
  readonly serverId: string
  readonly serverName: string
  readonly creationTime: Date
  /** null while running. */
  readonly endTime: Date | null
  readonly state: string
  readonly result: string
}

/** A job session: BackupJobSession, ReplicaJobSession or CdpReplicaSession. */
export interface SimJobSession extends SimSessionBase {
  readonly type: JobSessionType
  /** Job id, or the CDP policy id for CdpReplicaSession. */
  readonly jobId: string
  /** Job name, or the CDP policy name. */
  readonly jobName: string
  /** JobType, or `CdpReplica` (PolicyType) for CDP. */
  readonly jobType: string
  readonly progress: number
  readonly isRetry: boolean
  /** '' when none. */
  readonly failureMessage: string
  /** The restore point the session produced (Related link), if any. */
  readonly restorePointId: string | null
}

/** A task session: BackupTaskSession, ReplicaTaskSession or CdpReplicaTaskSession. */
export interface SimTaskSession extends SimSessionBase {
  readonly type: TaskSessionType
  /** Parent job session (or CDP policy session). */
  readonly jobSessionId: string
  readonly jobSessionName: string
  readonly jobId: string
  readonly jobName: string
  readonly vmName: string
  /** Backup tasks of VM jobs only; null elsewhere. */
  readonly vmUid: string | null
  /** '' when none. */
  readonly reason: string
  readonly totalSize: number
  /** VM restore point / replica point (Related link), if any. */
  readonly restorePointId: string | null
}

export type SimSession = SimJobSession | SimTaskSession

/** The session interface for an EM query type. */
export type SessionOf<T extends SimQueryType> = T extends JobSessionType ? SimJobSession : SimTaskSession

/** The whole data set; read-only for callers (the simulator appends on `addSessions`). */
export interface Dataset {
  readonly seed: number
  /** The anchor: sessions span the ~32 days before it; collections show the 30 days before it. */
  readonly now: Date
  readonly scale: number
  readonly servers: readonly SimServer[]
  readonly jobs: readonly SimJob[]
  readonly vms: readonly SimVm[]
  /** All sessions of a query type, sorted by creation time (ties by id). */
  sessions<T extends SimQueryType>(type: T): readonly SessionOf<T>[]
  /** One session by its lower-case GUID. */
  get<T extends SimQueryType>(type: T, id: string): SessionOf<T> | undefined
  /** The task sessions of a job (or CDP policy) session, sorted like `sessions()`. */
  tasksOf(jobSessionId: string): readonly SimTaskSession[]
  /** Incremented on every change (cache key). */
  readonly version: number
}

/** What `addSessions` created. */
export interface AddedSessions {
  readonly jobSessions: readonly SimJobSession[]
  readonly taskSessions: readonly SimTaskSession[]
}

/**
 * @module One fixed synthetic day of sessions shared by the report tests (aggregators, CSV, HTML):
 * retries, a running session, a renamed job, a same-named job on another server, a CDP policy,
 * sessions at the window edges, and names/reasons with quotes, commas and newlines.
 */
import type { CdpReplicaSession, JobSession } from '../../shared/model/job-session'
import type { CdpReplicaTaskSession, TaskSession } from '../../shared/model/task-session'
import { at, cdpSession, cdpTaskSession, guid, jobSession, SERVER_B, taskSession } from './items'

export const FROM = '2024-03-01T00:00:00.000Z'
export const TO = '2024-03-02T00:00:00.000Z'
const h = (hours: number) => at(FROM, hours)

export const J1 = guid()
export const J1B = guid()
export const J2 = guid()
export const R1 = guid()
export const P1 = guid()
export const WEIRD = 'SQL "Prod", daily\nrun'

/** Backup sessions per job, as the test groups them (the expected side). */
export const backupByJob = {
  j1: [
    jobSession({
      jobId: J1,
      jobName: 'Fileserver Backup',
      creationTime: FROM,
      endTime: h(0.5),
      result: 'Success',
    }),
    jobSession({
      jobId: J1,
      jobName: 'Fileserver Backup',
      creationTime: h(5),
      endTime: h(5.1),
      result: 'Failed',
    }),
    jobSession({
      jobId: J1,
      jobName: 'Fileserver Backup',
      creationTime: h(5.25),
      endTime: h(5.75),
      result: 'Warning',
    }),
    jobSession({
      jobId: J1,
      jobName: 'Fileserver Backup',
      creationTime: h(23),
      endTime: null,
      result: 'None',
    }),
  ],
  j1b: [
    jobSession({
      jobId: J1B,
      jobName: 'Fileserver Backup',
      creationTime: h(3),
      endTime: h(4),
      result: 'Success',
      server: SERVER_B,
    }),
  ],
  j2: [
    jobSession({ jobId: J2, jobName: 'Old Name', creationTime: h(2), endTime: h(2.25), result: 'Success' }),
    jobSession({ jobId: J2, jobName: 'New Name', creationTime: h(10), endTime: h(10.5), result: 'Failed' }),
  ],
  weird: [
    jobSession({ jobId: guid(), jobName: WEIRD, creationTime: h(7), endTime: h(7.5), result: 'Failed' }),
  ],
}
export const replicaByJob = {
  r1: [
    jobSession({ jobId: R1, jobName: 'Replicate DC', creationTime: h(12), endTime: null, result: 'None' }),
  ],
}
/** Outside the window: created before `from` and exactly at `to`. */
export const outsideJobs: JobSession[] = [
  jobSession({
    jobId: J1,
    jobName: 'Fileserver Backup',
    creationTime: h(-1),
    endTime: h(-0.5),
    result: 'Failed',
  }),
  jobSession({
    jobId: J1,
    jobName: 'Fileserver Backup',
    creationTime: TO,
    endTime: h(24.5),
    result: 'Failed',
  }),
]

const S1 = guid()
export const cdpSessions: CdpReplicaSession[] = [
  cdpSession({
    id: S1,
    policyId: P1,
    policyName: 'CDP Policy 1',
    creationTime: h(19),
    endTime: null,
    result: 'None',
  }),
]

export const backupTasks: TaskSession[] = [
  taskSession({
    vmName: 'fs01',
    jobName: 'Fileserver Backup',
    creationTime: h(0.1),
    endTime: h(0.4),
    result: 'Success',
    bytes: 1000,
  }),
  taskSession({
    vmName: 'fs01',
    jobName: 'Fileserver Backup',
    creationTime: h(5),
    endTime: h(5.1),
    result: 'Failed',
    reason: 'Disk, "C:" full',
    bytes: null,
  }),
  taskSession({
    vmName: 'fs01',
    jobName: 'Fileserver Backup',
    creationTime: h(5.3),
    endTime: h(5.7),
    result: 'Warning',
    reason: 'CBT reset',
    bytes: 2000,
  }),
  taskSession({
    vmName: 'fs02',
    jobName: 'Fileserver Backup',
    creationTime: h(3.1),
    endTime: h(3.9),
    result: 'Success',
    bytes: 7000,
    server: SERVER_B,
  }),
  taskSession({
    vmName: 'app01',
    jobName: 'Old Name',
    creationTime: h(2),
    endTime: h(2.2),
    result: 'Success',
    bytes: 300,
  }),
  taskSession({
    vmName: 'app01',
    jobName: 'New Name',
    creationTime: h(10),
    endTime: h(10.4),
    result: 'Failed',
    reason: 'Timeout\nretrying',
    bytes: 40,
  }),
  taskSession({
    vmName: 'weird, "vm"',
    jobName: WEIRD,
    creationTime: h(7),
    endTime: h(7.4),
    result: 'Failed',
    reason: 'a;b',
    bytes: 5,
  }),
  // outside the window: not counted
  taskSession({
    vmName: 'fs01',
    jobName: 'Fileserver Backup',
    creationTime: h(-0.5),
    endTime: h(-0.2),
    result: 'Success',
    bytes: 99999,
  }),
]
export const replicaTasks: TaskSession[] = [
  taskSession({
    vmName: 'dc01',
    jobName: 'Replicate DC',
    creationTime: h(12),
    endTime: null,
    result: 'None',
    bytes: 64,
  }),
]
export const cdpTasks: CdpReplicaTaskSession[] = [
  cdpTaskSession({
    vmName: 'sql01',
    policySessionId: S1,
    creationTime: h(19),
    endTime: null,
    result: 'Success',
    bytes: 4096,
  }),
  // a policy session that is not in the window: no row to carry it
  cdpTaskSession({
    vmName: 'sql02',
    policySessionId: guid(),
    creationTime: h(19),
    endTime: null,
    result: 'Success',
    bytes: 1,
  }),
]

/** Every job-level item in the window, by kind. */
export const allBackupJobs = [...Object.values(backupByJob).flat(), ...outsideJobs]
export const allReplicaJobs = Object.values(replicaByJob).flat()

/** Sessions for the events feed's unit tests: a job session with given instants and result. */
import type { JobSession } from '../../shared/model/job-session'
import type { Timed } from '../../shared/model/timed'

export const T0 = Date.parse('2026-11-01T10:00:00.000Z')

export const session = (
  id: string,
  createdAt: number,
  endedAt: number | null,
  result = 'Success'
): Timed<JobSession> => ({
  createdMs: T0 + createdAt,
  endedMs: endedAt === null ? null : T0 + endedAt,
  item: {
    id,
    uid: `urn:veeam:BackupJobSession:${id}`,
    name: `Job@${id}`,
    jobId: null,
    jobName: 'Job',
    jobType: 'Backup',
    backupServer: null,
    state: endedAt === null ? 'Working' : 'Stopped',
    result: endedAt === null ? 'None' : result,
    creationTime: new Date(T0 + createdAt).toISOString(),
    endTime: endedAt === null ? null : new Date(T0 + endedAt).toISOString(),
    durationSeconds: endedAt === null ? null : (endedAt - createdAt) / 1000,
    progressPercent: null,
    isRetry: false,
    failureMessage: null,
  },
})

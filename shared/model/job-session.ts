/**
 * @module Public item schemas for job-level sessions: backup job, replica job and CDP replica sessions.
 */
import { z } from '@hono/zod-openapi'
import { BackupServerOrNullSchema, GuidSchema, ResultSchema, StateJobSchema, TimeSchema } from './common'

const sessionCommon = {
  backupServer: BackupServerOrNullSchema,
  state: StateJobSchema,
  result: ResultSchema.nullable(),
  creationTime: TimeSchema.openapi({ description: 'When the session was created (started), UTC.' }),
  endTime: TimeSchema.nullable().openapi({ description: 'When the session ended; null while it runs.' }),
  durationSeconds: z.number().nullable().openapi({
    example: 1013.437,
    description: 'endTime − creationTime in seconds (fractional); null while running.',
  }),
  progressPercent: z.number().int().nullable().openapi({ example: 100 }),
  isRetry: z.boolean().nullable().openapi({ example: false }),
  failureMessage: z
    .string()
    .nullable()
    .openapi({ example: null, description: 'null when EM gives none (or an empty one).' }),
}

export const JobSessionSchema = z
  .object({
    id: GuidSchema.openapi({ example: '821cc74e-9447-40b6-a2df-90aa47101233' }),
    uid: z.string().openapi({ example: 'urn:veeam:BackupJobSession:821cc74e-9447-40b6-a2df-90aa47101233' }),
    name: z.string().openapi({ example: 'Archived Projects@2020-02-04 08:12:19' }),
    jobId: GuidSchema.nullable().openapi({ example: '70073b98-098b-4046-a097-43cbda67d58a' }),
    jobName: z.string().nullable().openapi({ example: 'Archived Projects' }),
    jobType: z.string().nullable().openapi({
      example: 'Backup',
      description:
        'Known values: Backup, BackupCopy, ImmediateBackupCopy, ImmediateBackupCopyWorker, AgentBackup, AgentManagement, NasBackup, Replica. Others pass through.',
    }),
    ...sessionCommon,
  })
  .openapi('JobSession', { description: 'A backup or replication job session.' })
export type JobSession = z.infer<typeof JobSessionSchema>

export const CdpReplicaSessionSchema = z
  .object({
    id: GuidSchema.openapi({ example: '6b872a71-51e8-437a-8d45-5c6494b92f3f' }),
    uid: z.string().openapi({ example: 'urn:veeam:CdpReplicaSession:6b872a71-51e8-437a-8d45-5c6494b92f3f' }),
    name: z.string().openapi({ example: 'CDP Policy 1@2021-02-11 19:08:36' }),
    policyId: GuidSchema.nullable().openapi({ example: '145f3365-6ec0-44e9-9538-8c8c34ebdcce' }),
    policyName: z.string().nullable().openapi({ example: 'CDP Policy 1' }),
    ...sessionCommon,
  })
  .openapi('CdpReplicaSession', {
    description: 'A CDP policy session (CDP starts a new one every 24 hours).',
  })
export type CdpReplicaSession = z.infer<typeof CdpReplicaSessionSchema>

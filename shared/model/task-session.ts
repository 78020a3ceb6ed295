/**
 * @module Public item schemas for task-level (per-VM) sessions: backup, replica and CDP replica tasks.
 */
import { z } from '@hono/zod-openapi'
import { BackupServerOrNullSchema, GuidSchema, ResultSchema, StateTaskSchema, TimeSchema } from './common'

const taskCommon = {
  backupServer: BackupServerOrNullSchema,
  state: StateTaskSchema,
  result: ResultSchema.nullable().openapi({ description: 'Meaningful once state is Completed.' }),
  reason: z.string().nullable().openapi({ example: null, description: "EM's reason text; null when empty." }),
  creationTime: TimeSchema,
  endTime: TimeSchema.nullable().openapi({ description: 'null while the task runs.' }),
  durationSeconds: z
    .number()
    .nullable()
    .openapi({ example: 1015.0, description: 'Fractional seconds; null while running.' }),
  totalSizeBytes: z.number().int().nullable().openapi({ example: 64424509440 }),
}

export const TaskSessionSchema = z
  .object({
    id: GuidSchema.openapi({ example: '88767486-89d6-4340-92f0-2ad615a8f21b' }),
    uid: z.string().openapi({ example: 'urn:veeam:BackupTaskSession:88767486-89d6-4340-92f0-2ad615a8f21b' }),
    name: z.string().openapi({ example: 'srv04@2014-10-19 05:23:44' }),
    vmName: z.string().nullable().openapi({ example: 'srv04' }),
    vmUid: z.string().nullable().openapi({
      example: 'urn:VMware:Vm:7f6b6270-1f3b-4dc6-872f-2d1dfc519c00.vm-62228',
      description: 'Backup tasks only; null elsewhere.',
    }),
    jobSessionId: GuidSchema.nullable().openapi({ example: 'd46e39e0-1131-4585-91a7-e828ce7eafae' }),
    jobSessionName: z.string().nullable().openapi({ example: 'Fileserver Backup@2014-10-19 05:22:52' }),
    jobName: z
      .string()
      .nullable()
      .openapi({ example: 'Fileserver Backup', description: "The parent job session's job name." }),
    ...taskCommon,
  })
  .openapi('TaskSession', {
    description: 'A backup or replication task session (one VM in one job session).',
  })
export type TaskSession = z.infer<typeof TaskSessionSchema>

export const CdpReplicaTaskSessionSchema = z
  .object({
    id: GuidSchema.openapi({ example: '3d5d3c3f-5a0e-4a38-9e0a-0b53d1c9b6a1' }),
    uid: z
      .string()
      .openapi({ example: 'urn:veeam:CdpReplicaTaskSession:3d5d3c3f-5a0e-4a38-9e0a-0b53d1c9b6a1' }),
    name: z.string().openapi({ example: 'sql01@2021-02-11 19:08:36' }),
    vmName: z.string().nullable().openapi({ example: 'sql01' }),
    policySessionId: GuidSchema.nullable().openapi({ example: '6b872a71-51e8-437a-8d45-5c6494b92f3f' }),
    policySessionName: z.string().nullable().openapi({ example: 'CDP Policy 1@2021-02-11 19:08:36' }),
    ...taskCommon,
  })
  .openapi('CdpReplicaTaskSession', { description: 'One VM of a CDP policy session.' })
export type CdpReplicaTaskSession = z.infer<typeof CdpReplicaTaskSessionSchema>

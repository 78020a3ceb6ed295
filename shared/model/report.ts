/**
 * @module Public schemas of the two reports (job summary and VM protection): their rows and their
 * envelope. Every key of the contract is always present (null when there is no value), so CSV
 * columns and generated clients never see a missing key.
 * @see /v1/reports in the API contract ("Reports")
 */
import { z } from '@hono/zod-openapi'
import { BackupServerOrNullSchema, enumVarName, GuidSchema, ResultSchema, TimeSchema } from './common'

export const REPORT_KINDS = ['backup', 'replica', 'cdp'] as const
export const ReportKindSchema = z.enum(REPORT_KINDS).openapi('ReportKind', {
  'x-enum-varnames': REPORT_KINDS.map(enumVarName),
  description: 'backup: backup job sessions; replica: replication job sessions; cdp: CDP policy sessions.',
  example: 'backup',
})
export type ReportKind = z.infer<typeof ReportKindSchema>

export const VM_STATUSES = ['protected', 'at-risk', 'unprotected'] as const
export const VmStatusSchema = z.enum(VM_STATUSES).openapi('VmProtectionStatus', {
  'x-enum-varnames': VM_STATUSES.map(enumVarName),
  description:
    'protected: the last successful (Success or Warning) task ended at most rpoHours before `to` and no ' +
    'later task failed. at-risk: a success exists in the window but it is older than rpoHours, or a task ' +
    'that finished after the last success failed. unprotected: no successful task in the window.',
  example: 'protected',
})
export type VmStatus = z.infer<typeof VmStatusSchema>

export const ReportWindowSchema = z
  .object({
    from: TimeSchema.openapi({ example: '2021-06-16T00:00:00.000Z', description: 'Inclusive.' }),
    to: TimeSchema.openapi({ example: '2021-06-17T00:00:00.000Z', description: 'Exclusive.' }),
  })
  .openapi('ReportWindow', { description: 'Sessions belong to the window by their creation time.' })

export const SessionCountsSchema = z
  .object({
    total: z.number().int().openapi({ example: 31, description: 'All sessions created in the window.' }),
    success: z.number().int().openapi({ example: 28 }),
    warning: z.number().int().openapi({ example: 1 }),
    failed: z.number().int().openapi({ example: 1 }),
    running: z.number().int().openapi({ example: 1, description: 'Sessions with no end time yet.' }),
  })
  .openapi('SessionCounts')

export const JobSummaryRowSchema = z
  .object({
    kind: ReportKindSchema,
    jobId: GuidSchema.nullable().openapi({
      example: '70073b98-098b-4046-a097-43cbda67d58a',
      description: 'The job id (the CDP policy id for cdp).',
    }),
    jobName: z
      .string()
      .nullable()
      .openapi({ example: 'Fileserver Backup', description: 'Newest name seen.' }),
    backupServer: BackupServerOrNullSchema,
    sessions: SessionCountsSchema,
    successRate: z.number().min(0).max(1).nullable().openapi({
      example: 0.9667,
      description: '(success) / (success + warning + failed); null when no session finished.',
    }),
    lastResult: ResultSchema.nullable().openapi({
      description: 'Result of the session that ended last; null when none finished.',
    }),
    lastRunTime: TimeSchema.nullable().openapi({ description: 'Creation time of the newest session.' }),
    lastSuccessTime: TimeSchema.nullable().openapi({
      description: 'End time of the newest session that ended with Success or Warning.',
    }),
    avgDurationSeconds: z.number().nullable().openapi({ example: 1013.4, description: 'Finished sessions.' }),
    maxDurationSeconds: z.number().nullable().openapi({ example: 2210.0, description: 'Finished sessions.' }),
    transferredBytes: z.number().int().openapi({
      example: 64424509440,
      description: "Sum of totalSizeBytes of the job's task sessions created in the window.",
    }),
  })
  .openapi('JobSummaryRow', { description: 'One job (or CDP policy) over the window.' })
export type JobSummaryRow = z.infer<typeof JobSummaryRowSchema>

export const VmProtectionRowSchema = z
  .object({
    vmName: z.string().openapi({ example: 'sql01' }),
    kinds: z.array(ReportKindSchema).openapi({ example: ['backup', 'replica'], description: 'Sorted.' }),
    backupServer: BackupServerOrNullSchema,
    lastTaskTime: TimeSchema.openapi({ description: 'Creation time of the newest task session.' }),
    lastResult: ResultSchema.nullable().openapi({
      description: 'Result of the task that ended last; null when none finished.',
    }),
    lastSuccessTime: TimeSchema.nullable().openapi({
      description:
        'End time of the newest task that ended with Success or Warning. A CDP task still running with ' +
        'Success or Warning protects continuously: it counts as a success at the window end.',
    }),
    hoursSinceLastSuccess: z.number().nullable().openapi({
      example: 5.25,
      description: 'Hours from lastSuccessTime to the window end `to` (never negative); null without one.',
    }),
    status: VmStatusSchema,
    failedTasks: z.number().int().openapi({ example: 0 }),
    recentFailureReasons: z.array(z.string()).openapi({
      example: ['Network connection lost'],
      description: 'Reasons of failed tasks: distinct, newest first, at most 3.',
    }),
  })
  .openapi('VmProtectionRow', {
    description: 'One VM (name and backup server) seen in task sessions created in the window.',
  })
export type VmProtectionRow = z.infer<typeof VmProtectionRowSchema>

export const ReportBasisSchema = z
  .object({
    rollupDays: z.number().int().min(0).openapi({
      example: 28,
      description: 'Whole UTC days of the window served from settled daily rollups (0: all read from EM).',
    }),
    emSessionsRead: z.number().int().min(0).openapi({
      example: 5210,
      description: 'Sessions this report read from EM (the rest of the window: edges, unsettled days).',
    }),
  })
  .openapi('ReportBasis', {
    description: 'What the report was computed from; the rows are the same either way.',
  })

const envelope = {
  window: ReportWindowSchema,
  generatedAt: TimeSchema.openapi({ example: '2021-06-17T00:05:12.345Z' }),
  sessionsScanned: z.number().int().openapi({
    example: 1240,
    description: 'Sessions in the window (all types read), from rollups and EM together.',
  }),
  complete: z.boolean().openapi({
    example: true,
    description: 'false when some EM pages could not be read after retries: the rows are then partial.',
  }),
  basis: ReportBasisSchema,
}

export const JobSummaryReportSchema = z
  .object({ ...envelope, rows: z.array(JobSummaryRowSchema) })
  .openapi('JobSummaryReport', { description: 'Rows sorted by kind, then job name.' })
export type JobSummaryReport = z.infer<typeof JobSummaryReportSchema>

export const VmProtectionReportSchema = z
  .object({
    ...envelope,
    rows: z.array(VmProtectionRowSchema),
  })
  .openapi('VmProtectionReport', {
    description: 'Rows sorted by status (unprotected, at-risk, protected), then VM name.',
  })
export type VmProtectionReport = z.infer<typeof VmProtectionReportSchema>

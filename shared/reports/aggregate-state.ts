/**
 * @module The serialisable state of the report aggregators (what a rollup stores for one UTC day or
 * month, per kind), as zod schemas so whatever is read back from storage is narrowed, never cast.
 * Every field merges exactly: counts and sums add, "newest" stamps keep the newer (ids break ties),
 * maxima keep the larger, name sets unite, and the three newest distinct failure reasons stay the
 * three newest of the union.
 */
import { z } from 'zod'
import { REPORT_KINDS } from '../model/report'

const count = z.number().int().min(0)

export const StampSchema = z.strictObject({ ms: z.number().int(), id: z.string() })
const ResultStampSchema = z.strictObject({
  ms: z.number().int(),
  id: z.string(),
  result: z.string().nullable(),
})
/** A job's newest finished session also keeps its duration (`GET /v1/metrics` exports it). */
const FinishedStampSchema = ResultStampSchema.extend({ durationSeconds: z.number().nullable() })
const ServerSchema = z.strictObject({ id: z.string(), name: z.string() }).nullable()

export const JobStatsStateSchema = z.strictObject({
  kind: z.enum(REPORT_KINDS),
  jobId: z.string().nullable(),
  /** Every name the job had in the period, sorted. */
  names: z.array(z.string()),
  jobName: z.string().nullable(),
  backupServer: ServerSchema,
  total: count,
  success: count,
  warning: count,
  failed: count,
  running: count,
  newest: StampSchema.nullable(),
  newestFinished: FinishedStampSchema.nullable(),
  lastSuccessEnd: StampSchema.nullable(),
  durationSumMs: z.number().int(),
  durationCount: count,
  durationMax: z.number().nullable(),
})
export type JobStatsState = z.infer<typeof JobStatsStateSchema>

/** Sessions per hour by result: [success, warning, failed, other]. */
export const HourCountsSchema = z.tuple([count, count, count, count])
export type HourCounts = z.infer<typeof HourCountsSchema>

/** The job-summary aggregator's state for one kind over a period. */
export const JobSummaryStateSchema = z.strictObject({
  /** Job key (`kind|id`, or `kind|name:…` without an id) → its statistics. */
  jobs: z.record(z.string(), JobStatsStateSchema),
  /** `kind|server|jobName` → bytes of the task sessions created in the period. */
  bytesByName: z.record(z.string(), z.number()),
  /** CDP: policy session id → bytes of its task sessions created in the period. */
  bytesByPolicySession: z.record(z.string(), z.number()),
  /** CDP: policy session id (created in the period) → job key of its policy. */
  policyOfSession: z.record(z.string(), z.string()),
  /** Hour start (epoch ms, as a string key) → counts, for the timeline. */
  hours: z.record(z.string(), HourCountsSchema),
})
export type JobSummaryState = z.infer<typeof JobSummaryStateSchema>

export const VmStatsStateSchema = z.strictObject({
  vmName: z.string(),
  kinds: z.array(z.enum(REPORT_KINDS)),
  backupServer: ServerSchema,
  newest: StampSchema.nullable(),
  newestFinished: ResultStampSchema.nullable(),
  lastSuccess: StampSchema.nullable(),
  failedTasks: count,
  /** Newest first, distinct, at most 3, each with the end of its newest failure. */
  reasons: z.array(z.strictObject({ reason: z.string(), stamp: StampSchema })),
})
export type VmStatsState = z.infer<typeof VmStatsStateSchema>

/** The vm-protection aggregator's state for one kind over a period. */
export const VmProtectionStateSchema = z.strictObject({
  /** `vmName|server key` → the VM's state. */
  vms: z.record(z.string(), VmStatsStateSchema),
})
export type VmProtectionState = z.infer<typeof VmProtectionStateSchema>

export const emptyJobSummaryState = (): JobSummaryState => ({
  jobs: {},
  bytesByName: {},
  bytesByPolicySession: {},
  policyOfSession: {},
  hours: {},
})

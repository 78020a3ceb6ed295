/**
 * @module The serialisable state of the report aggregators (what a rollup stores for one UTC day or
 * month, per kind), as type guards (`model/guard.ts`) so whatever is read back from storage is
 * narrowed, never cast, without copying it.
 * Every field merges exactly: counts and sums add, "newest" stamps keep the newer (ids break ties),
 * maxima keep the larger, name sets unite, and the three newest distinct failure reasons stay the
 * three newest of the union.
 */
import { REPORT_KINDS } from '../model/report'
import {
  arrayOf,
  count,
  int,
  nullable,
  num,
  oneOf,
  recordOf,
  str,
  strictObject,
  tuple,
  type Guarded,
} from '../model/guard'

const isStamp = strictObject({ ms: int, id: str })
const isResultStamp = strictObject({ ms: int, id: str, result: nullable(str) })
/** A job's newest finished session also keeps its duration (`GET /v1/metrics` exports it). */
const isFinishedStamp = strictObject({
  ms: int,
  id: str,
  result: nullable(str),
  durationSeconds: nullable(num),
})
const isServer = nullable(strictObject({ id: str, name: str }))

export const isJobStatsState = strictObject({
  kind: oneOf(REPORT_KINDS),
  jobId: nullable(str),
  /** Every name the job had in the period, sorted. */
  names: arrayOf(str),
  jobName: nullable(str),
  backupServer: isServer,
  total: count,
  success: count,
  warning: count,
  failed: count,
  running: count,
  newest: nullable(isStamp),
  newestFinished: nullable(isFinishedStamp),
  lastSuccessEnd: nullable(isStamp),
  durationSumMs: int,
  durationCount: count,
  durationMax: nullable(num),
})
export type JobStatsState = Guarded<typeof isJobStatsState>

/** Sessions per hour by result: [success, warning, failed, other]. */
const isHourCounts = tuple(count, count, count, count)
export type HourCounts = Guarded<typeof isHourCounts>

/** The job-summary aggregator's state for one kind over a period. */
export const isJobSummaryState = strictObject({
  /** Job key (`kind|id`, or `kind|name:…` without an id) → its statistics. */
  jobs: recordOf(isJobStatsState),
  /** `kind|server|jobName` → bytes of the task sessions created in the period. */
  bytesByName: recordOf(num),
  /** CDP: policy session id → bytes of its task sessions created in the period. */
  bytesByPolicySession: recordOf(num),
  /** CDP: policy session id (created in the period) → job key of its policy. */
  policyOfSession: recordOf(str),
  /** Hour start (epoch ms, as a string key) → counts, for the timeline. */
  hours: recordOf(isHourCounts),
})
export type JobSummaryState = Guarded<typeof isJobSummaryState>

export const isVmStatsState = strictObject({
  vmName: str,
  kinds: arrayOf(oneOf(REPORT_KINDS)),
  backupServer: isServer,
  newest: nullable(isStamp),
  newestFinished: nullable(isResultStamp),
  lastSuccess: nullable(isStamp),
  failedTasks: count,
  /** Newest first, distinct, at most 3, each with the end of its newest failure. */
  reasons: arrayOf(strictObject({ reason: str, stamp: isStamp })),
})
export type VmStatsState = Guarded<typeof isVmStatsState>

/** The vm-protection aggregator's state for one kind over a period. */
export const isVmProtectionState = strictObject({
  /** `vmName|server key` → the VM's state. */
  vms: recordOf(isVmStatsState),
})
export type VmProtectionState = Guarded<typeof isVmProtectionState>

export const emptyJobSummaryState = (): JobSummaryState => ({
  jobs: {},
  bytesByName: {},
  bytesByPolicySession: {},
  policyOfSession: {},
  hours: {},
})

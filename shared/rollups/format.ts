/**
 * @module The rollup format, version 1: one JSON object per UTC day (or month) holding, per kind, the
 * report aggregators' state of the sessions CREATED in that period and how many sessions of each
 * family it covers. Read back through zod: a record of another format (or a damaged one) is refused,
 * never cast, and its period is read from EM instead (the job rebuilds it).
 */
import { z } from 'zod'
import { JobSummaryStateSchema, VmProtectionStateSchema } from '../reports/aggregate-state'

/** Bumped on any change of meaning; part of every key (`v1/…`) and of every record. */
export const ROLLUP_FORMAT = 1
export const FORMAT_PREFIX = `v${ROLLUP_FORMAT}`

const count = z.number().int().min(0)
const iso = z.iso.datetime()

export const KindRollupSchema = z.strictObject({
  /** Job (or CDP policy) sessions created in the period. */
  jobSessions: count,
  /** Task sessions created in the period. */
  taskSessions: count,
  jobs: JobSummaryStateSchema,
  vms: VmProtectionStateSchema,
})
export type KindRollup = z.infer<typeof KindRollupSchema>

export const RollupSchema = z.strictObject({
  format: z.literal(ROLLUP_FORMAT),
  /** `YYYY-MM-DD` (a day) or `YYYY-MM` (a month of settled days). */
  period: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  from: iso,
  to: iso,
  rolledAt: iso,
  /** Sessions of the period still running at the roll (0 for a settled period). */
  running: count,
  /** Rolled at least ROLLUP_SETTLE_HOURS after the period ended, with nothing running: final. */
  settled: z.boolean(),
  /** EM pages the roll read (0 for a month, merged from its days). */
  pagesRead: count,
  kinds: z.strictObject({ backup: KindRollupSchema, replica: KindRollupSchema, cdp: KindRollupSchema }),
})
export type Rollup = z.infer<typeof RollupSchema>

/** A stored record, or undefined when it is not valid JSON of this format. */
export const parseRollup = (text: string): Rollup | undefined => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  const parsed = RollupSchema.safeParse(json)
  return parsed.success ? parsed.data : undefined
}

/** Keys under the rollup root (`rollups/` of the bucket, or ROLLUP_DIR). */
export const dayKey = (day: string): string => `${FORMAT_PREFIX}/days/${day}.json`
export const monthKey = (month: string): string => `${FORMAT_PREFIX}/months/${month}.json`
export const pendingKey = (day: string): string => `${FORMAT_PREFIX}/pending/${day}.json`
export const DAYS_PREFIX = `${FORMAT_PREFIX}/days/`
export const MONTHS_PREFIX = `${FORMAT_PREFIX}/months/`

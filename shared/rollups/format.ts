/**
 * @module The rollup format, version 2: per period (UTC hour, day, block of days, month), two JSON objects, one per part:
 * `jobs` (the job-summary aggregator's state) and `vms` (the vm-protection aggregator's), each per
 * kind, of the sessions CREATED in that period, with how many sessions of each family it covers. A
 * report reads only the part it needs. Read back through zod (the envelope) and type guards (the
 * states, checked in place): a record of another format (or a damaged one) is refused, never cast,
 * and its period is read from EM instead (the job rebuilds it).
 *
 * Beside the days, their settled hours (`hours/<day>/<HH>.json`), so a window's edges are served
 * from rollups to the hour.
 *
 * Keys (under the rollup root): `v2/<part>/<days|blocks2…16|months|pending>/<name>.json`,
 * `v2/<part>/hours/<YYYY-MM-DD>/<HH>.json`, and per day its sessions per hour, `v2/counts/<day>.json`.
 * Version 1 (one object per period holding both parts) is no longer read.
 */
import { z } from 'zod'
import { REPORT_KINDS, type ReportKind } from '../model/report'
import { isJobSummaryState, type JobSummaryState } from '../reports/aggregate-state'
import type { Level } from './periods'
import { isVmsWire, vmsWireIndicesOk, type VmsWire } from './vms-wire'

/** Bumped on any change of meaning; part of every key (`v2/…`) and of every record. */
export const ROLLUP_FORMAT = 2
export const FORMAT_PREFIX = `v${ROLLUP_FORMAT}`

const count = z.number().int().min(0)
const iso = z.iso.datetime()

/** The record of one part: the same envelope, per kind the session counts and that part's state. */
const partSchema = <P extends string, S extends z.ZodType>(part: P, state: S) => {
  const kind = z.strictObject({
    /** Job (or CDP policy) sessions created in the period. */
    jobSessions: count,
    /** Task sessions created in the period. */
    taskSessions: count,
    state,
  })
  return z.strictObject({
    format: z.literal(ROLLUP_FORMAT),
    part: z.literal(part),
    /** `YYYY-MM-DD` (a day, or a block by its first day), `YYYY-MM` (a month) or `YYYY-MM-DDTHH` (an hour). */
    period: z.string().regex(/^\d{4}-\d{2}(-\d{2}(T\d{2})?)?$/),
    from: iso,
    to: iso,
    rolledAt: iso,
    /** Sessions of the period still running at the roll (0 for a settled period). */
    running: count,
    /** Rolled at least ROLLUP_SETTLE_HOURS after the period ended, with nothing running: final. */
    settled: z.boolean(),
    /** EM pages the roll read (0 for a week or month, merged from its days). */
    pagesRead: count,
    kinds: z.strictObject({ backup: kind, replica: kind, cdp: kind }),
  })
}

/** The `vms` state is stored in its compact form (`vms-wire.ts`). */
const ROLLUP_PARTS = {
  // The states are checked in place by their guards (big: a zod parse would copy every object).
  jobs: partSchema('jobs', z.custom<JobSummaryState>(isJobSummaryState)),
  vms: partSchema('vms', z.custom<VmsWire>(isVmsWire)),
} as const

/** The aggregator state each part holds per kind. */
export interface PartStates {
  readonly jobs: JobSummaryState
  /** In its stored form: a report adds it VM by VM to its aggregator (`absorbVmsWire`). */
  readonly vms: VmsWire
}
export type RollupPart = keyof PartStates
export const PART_NAMES: readonly RollupPart[] = ['jobs', 'vms']

export interface KindRollup<P extends RollupPart> {
  readonly jobSessions: number
  readonly taskSessions: number
  readonly state: PartStates[P]
}

/** One stored record (the schemas above are checked against this shape where they narrow). */
export interface Rollup<P extends RollupPart> {
  readonly format: typeof ROLLUP_FORMAT
  readonly part: P
  readonly period: string
  readonly from: string
  readonly to: string
  readonly rolledAt: string
  readonly running: number
  readonly settled: boolean
  readonly pagesRead: number
  readonly kinds: Readonly<Record<ReportKind, KindRollup<P>>>
}

const narrowWith =
  <S extends z.ZodType>(schema: S) =>
  (json: unknown): z.infer<S> | undefined => {
    const parsed = schema.safeParse(json)
    return parsed.success ? parsed.data : undefined
  }
const narrowVms = (json: unknown): Rollup<'vms'> | undefined => {
  const r = narrowWith(ROLLUP_PARTS.vms)(json)
  return r !== undefined && REPORT_KINDS.every((k) => vmsWireIndicesOk(r.kinds[k].state)) ? r : undefined
}
const NARROW: { [P in RollupPart]: (json: unknown) => Rollup<P> | undefined } = {
  jobs: narrowWith(ROLLUP_PARTS.jobs),
  vms: narrowVms,
}

/** The stored text of a record (the `vms` state in its compact form). */
export const serializeRollup = <P extends RollupPart>(r: Rollup<P>): string => JSON.stringify(r)

/** A stored record of `part`, or undefined when it is not valid JSON of this format and part. */
export const parseRollup = <P extends RollupPart>(part: P, text: string): Rollup<P> | undefined => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  return NARROW[part](json)
}

const hourly = z.array(count).length(24)
const kindCounts = z.strictObject({ jobSessions: hourly, taskSessions: hourly })
const DayCountsSchema = z.strictObject({
  format: z.literal(ROLLUP_FORMAT),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rolledAt: iso,
  kinds: z.strictObject({ backup: kindCounts, replica: kindCounts, cdp: kindCounts }),
})

/**
 * Sessions created in each hour of a day (index 0–23), per kind, as the day's last roll read them:
 * what EM holds at least (`counts/<day>.json`, written at every roll, settled or not). A report
 * asks EM for all the pages they fill at once.
 */
export type DayCounts = z.infer<typeof DayCountsSchema>

/** A day's stored counts, or undefined when they are not valid JSON of this format. */
export const parseCounts = (text: string): DayCounts | undefined => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  const parsed = DayCountsSchema.safeParse(json)
  return parsed.success ? parsed.data : undefined
}

export const countsKey = (day: string): string => `${FORMAT_PREFIX}/counts/${day}.json`

/** The folder of a part's records at a level (`v2/jobs/days/`), or of its pending days. */
export const folderOf = (part: RollupPart, level: Level | 'pending'): string =>
  `${FORMAT_PREFIX}/${part}/${level === 'pending' ? 'pending' : level.folder}/`

export const periodKey = (part: RollupPart, level: Level, name: string): string =>
  `${folderOf(part, level)}${level.fileOf?.(name) ?? name}.json`
export const pendingKey = (part: RollupPart, day: string): string => `${folderOf(part, 'pending')}${day}.json`

/**
 * @module What the rollup Lambda is asked to do, from its event: the hourly EventBridge event
 * (`{ time }`: the due days of the last ROLLUP_LOOKBACK_DAYS) or a backfill
 * (`{ from: 'YYYY-MM-DD', to: 'YYYY-MM-DD', rebuild?: true }`: every unsettled day from `from` to
 * `to` inclusive, or every day with `rebuild`). Pure; refuses anything else with a RangeError.
 */
import { z } from 'zod'
import { DAY_MS, dayRange, dayStart } from '../rollups/periods'
import type { RollupMode } from './rollup'

export const RollupEventSchema = z.object({
  time: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  rebuild: z.boolean().optional(),
})
export type RollupEvent = z.infer<typeof RollupEventSchema>

export interface RollupRequest {
  readonly from: Date
  readonly to: Date
  readonly now: Date
  readonly mode: RollupMode
}

const day = (name: string, value: string): number => {
  const r = dayRange(value)
  if (r === undefined) throw new RangeError(`${name} is not a YYYY-MM-DD day`)
  return r.fromMs
}

export const rollupRequest = (input: unknown, clock: Date, lookbackDays: number): RollupRequest => {
  const parsed = RollupEventSchema.safeParse(input)
  if (!parsed.success) throw new RangeError('not a rollup event')
  const e = parsed.data
  const now = e.time === undefined ? clock : new Date(e.time)
  if (Number.isNaN(now.getTime())) throw new RangeError('time is not a date')
  if (e.from === undefined && e.to === undefined) {
    const today = dayStart(now.getTime())
    return { from: new Date(today - lookbackDays * DAY_MS), to: new Date(today), now, mode: 'due' }
  }
  const from = day('from', e.from ?? e.to ?? '')
  const to = day('to', e.to ?? e.from ?? '') + DAY_MS
  if (to <= from) throw new RangeError('from is after to')
  return {
    from: new Date(from),
    to: new Date(to),
    now,
    mode: e.rebuild === true ? 'rebuild' : 'unsettled',
  }
}

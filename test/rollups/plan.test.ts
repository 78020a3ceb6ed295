/**
 * @module Planning a cover from the listings alone: disjoint periods, all wholly inside the window,
 * covering every stored whole day, months first, then blocks of 16 … 2 days: a 30-day window is a
 * handful of reads, a year 12 months plus edges. A missing block level falls back to smaller ones.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { folderOf, PART_NAMES } from '../../shared/rollups/format'
import {
  DAY_MS,
  DAYS,
  daysOf,
  LEVELS,
  MONTHS,
  wholeDays,
  wholePeriods,
  type Level,
} from '../../shared/rollups/periods'
import { planCover } from '../../shared/rollups/read'
import type { RollupStore } from '../../shared/rollups/store'

const FIRST = Date.UTC(2025, 0, 1)
const LAST = Date.UTC(2027, 0, 1)

/** A store whose listings hold every period of the given levels between FIRST and LAST (no bodies needed). */
const listingStore = (levels: readonly Level[]): RollupStore => ({
  where: 'memory',
  get: () => Promise.resolve(undefined),
  put: () => Promise.resolve(),
  list: (prefix) => {
    const level = levels.find((l) => PART_NAMES.some((p) => folderOf(p, l) === prefix))
    if (level === undefined) return Promise.resolve([])
    const names = wholePeriods(level, { fromMs: FIRST, toMs: LAST })
    return Promise.resolve(names.map((n) => `${prefix}${n}.json`))
  },
})

const windowArb = fc
  .tuple(
    fc.integer({ min: FIRST + 40 * DAY_MS, max: LAST - 400 * DAY_MS }),
    fc.integer({ min: 1, max: 366 * 24 })
  )
  .map(([from, hours]) => ({ fromMs: from, toMs: from + hours * 3_600_000 }))

describe('planCover', () => {
  it('Should cover every whole day of the window exactly once, with periods inside it', async () => {
    await fc.assert(
      fc.asyncProperty(windowArb, async (w) => {
        const plan = await planCover(listingStore(LEVELS), w, ['jobs', 'vms'])
        const days = plan.periods.flatMap((p) => daysOf(p.range))
        expect([...days].sort((a, b) => a - b)).toStrictEqual(wholeDays(w))
        for (const p of plan.periods) {
          expect(p.range.fromMs).toBeGreaterThanOrEqual(w.fromMs)
          expect(p.range.toMs).toBeLessThanOrEqual(w.toMs)
        }
        // Either side of the months: at most two blocks of each size and two days.
        expect(plan.periods.filter((p) => p.level !== MONTHS).length).toBeLessThanOrEqual(2 * (2 * 4 + 2))
      }),
      { numRuns: 200 }
    )
  })

  it('Should read a 30-day window in a few records and a year in 12 months plus edges', async () => {
    const store = listingStore(LEVELS)
    const to = Date.UTC(2026, 10, 1, 12)
    const thirty = await planCover(store, { fromMs: to - 30 * DAY_MS, toMs: to }, ['jobs'])
    expect(thirty.periods.length).toBeLessThanOrEqual(8)
    const dayTo = Date.UTC(2026, 10, 1)
    const year = await planCover(store, { fromMs: dayTo - 366 * DAY_MS, toMs: dayTo }, ['jobs'])
    expect(year.periods.filter((p) => p.level === MONTHS)).toHaveLength(12)
    expect(year.periods.length).toBeLessThanOrEqual(12 + 4)
  })

  it('Should fall back to days when only days are stored, and plan nothing without listings', async () => {
    const w = { fromMs: Date.UTC(2026, 9, 2, 12), toMs: Date.UTC(2026, 10, 1, 12) }
    const daysOnly = await planCover(listingStore([DAYS]), w, ['jobs', 'vms'])
    expect(daysOnly.periods).toHaveLength(wholeDays(w).length)
    expect((await planCover(listingStore([]), w, ['jobs'])).periods).toHaveLength(0)
  })
})

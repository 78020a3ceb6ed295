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
import { HOUR_MS, HOURS, uncovered } from '../../shared/rollups/periods'
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

/** Days stored (all but `openDays`, which are not settled) and, per day, the settled hours in `hoursOf`. */
const hoursStore = (
  openDays: ReadonlySet<string>,
  hoursOf: (day: string) => readonly number[]
): RollupStore => ({
  where: 'memory',
  get: () => Promise.resolve(undefined),
  put: () => Promise.resolve(),
  list: (prefix) => {
    const part = PART_NAMES.find((p) => prefix.startsWith(folderOf(p, HOURS)))
    if (part !== undefined) {
      const day = prefix.slice(folderOf(part, HOURS).length, -1)
      return Promise.resolve(hoursOf(day).map((h) => `${prefix}${String(h).padStart(2, '0')}.json`))
    }
    if (!PART_NAMES.some((p) => folderOf(p, DAYS) === prefix)) return Promise.resolve([])
    const names = wholePeriods(DAYS, { fromMs: FIRST, toMs: LAST }).filter((d) => !openDays.has(d))
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

  it('Should extend the days with runs of settled hours, leaving EM one range per stretch', async () => {
    await fc.assert(
      fc.asyncProperty(
        windowArb,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        async (w, openCount, seed) => {
          // Some days of the window are not settled; every day has a pseudo-random set of settled hours.
          const days = wholePeriods(DAYS, { fromMs: w.fromMs - DAY_MS, toMs: w.toMs + DAY_MS })
          const open = new Set(days.filter((_, i) => (i * 7919 + seed) % 11 < openCount))
          const hoursOf = (day: string) =>
            Array.from({ length: 24 }, (_, h) => h).filter((h) => (h * 31 + seed + day.length * h) % 5 !== 0)
          const plan = await planCover(hoursStore(open, hoursOf), w, ['jobs', 'vms'])
          const hours = plan.periods.filter((p) => p.level === HOURS)
          for (const p of plan.periods) {
            expect(p.range.fromMs).toBeGreaterThanOrEqual(w.fromMs)
            expect(p.range.toMs).toBeLessThanOrEqual(w.toMs)
          }
          // Disjoint.
          const sorted = [...plan.periods].sort((a, b) => a.range.fromMs - b.range.fromMs)
          for (let i = 1; i < sorted.length; i++)
            expect(sorted[i]?.range.fromMs).toBeGreaterThanOrEqual(sorted[i - 1]?.range.toMs ?? 0)
          // Each hour is stored and settled.
          for (const h of hours) expect(hoursOf(h.name.slice(0, 10))).toContain(Number(h.name.slice(11)))
          // What EM reads: per stretch the days leave, at most one range plus the parts of an hour at its ends.
          const dayLevel = plan.periods.filter((p) => p.level !== HOURS).map((p) => p.range)
          const stretches = uncovered(w, dayLevel)
          const left = uncovered(
            w,
            plan.periods.map((p) => p.range)
          )
          const wholeHourParts = left.filter((r) => r.toMs - r.fromMs >= HOUR_MS || r.fromMs % HOUR_MS === 0)
          expect(wholeHourParts.length).toBeLessThanOrEqual(stretches.length + 2)
        }
      ),
      { numRuns: 200 }
    )
  })
})

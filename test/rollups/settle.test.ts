/**
 * Settling: a day holding running sessions is rolled but not final (its record goes to `pending/`,
 * never read by reports; its hours but the one they started in are settled), so reports read it
 * from EM (that hour only, when the window starts before it); once the sessions finished and the day is
 * rolled again it is settled and served from its rollup, with the same answer as a full walk before
 * and after. The hourly mode reads only what is due, and a failed day writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runRollup } from '../../shared/jobs/rollup'
import { folderOf, parseRollup, PART_NAMES, pendingKey, periodKey } from '../../shared/rollups/format'
import { DAYS, HOURS } from '../../shared/rollups/periods'
import { buildJobSummary, buildVmProtection } from '../../shared/services/reports'
import { comparable, startRig, type Rig } from './support'

const NOW = new Date('2026-11-01T12:00:00.000Z')
const DAY = 86_400_000
const D = '2026-10-20'
const D_START = new Date(`${D}T00:00:00.000Z`)
const window = { from: new Date(`${D}T06:30:00.000Z`), to: new Date('2026-10-25T07:00:00.000Z') }

let rig: Rig
beforeAll(async () => {
  rig = await startRig({ now: NOW, scale: 0.2, seed: 3 })
  // Runs started on D at 22:00 and still running (they cross midnight).
  rig.sim.addSessions({ count: 3, at: new Date(D_START.getTime() + 22 * 3_600_000) })
})
afterAll(async () => {
  await rig.close()
})

const roll = (now: Date, mode: 'due' | 'unsettled' = 'unsettled') =>
  runRollup({
    reader: rig.reader,
    store: rig.store,
    from: new Date('2026-10-18T00:00:00Z'),
    to: new Date('2026-10-26T00:00:00Z'),
    now,
    settleHours: 48,
    mode,
  })

const same = async () => {
  const o = { ...window, now: NOW, rpoHours: 12 }
  const [a, b, c, d] = await Promise.all([
    buildJobSummary(rig.reader, o),
    buildJobSummary(rig.reader, { ...o, rollups: rig.store }),
    buildVmProtection(rig.reader, o),
    buildVmProtection(rig.reader, { ...o, rollups: rig.store }),
  ])
  expect(comparable(b)).toStrictEqual(comparable(a))
  expect(comparable(d)).toStrictEqual(comparable(c))
  return b
}

describe('settling a day', () => {
  it('Should keep a day with running sessions pending, then settle it once they finished', async () => {
    const first = await roll(NOW)
    const d = first.days.find((x) => x.day === D)
    expect(d?.status).toBe('pending')
    expect(d?.running).toBeGreaterThan(0)
    for (const part of PART_NAMES) {
      expect(await rig.store.get(periodKey(part, DAYS, D))).toBeUndefined()
      expect(parseRollup(part, (await rig.store.get(pendingKey(part, D))) ?? '')?.settled).toBe(false)
      // Its hours are settled but the one the running sessions started in.
      const hours = await rig.store.list(`${folderOf(part, HOURS)}${D}/`)
      expect(hours).toHaveLength(23)
      expect(hours).not.toContain(`${folderOf(part, HOURS)}${D}/22.json`)
    }
    const before = await same()
    // Whole days 21..24 are settled; D (partial edge) and nothing else is read from EM.
    expect(before.basis.rollupDays).toBe(4)

    rig.sim.finishSessions({ at: new Date(D_START.getTime() + DAY + 3_600_000) })
    // Finished since the last roll: D is still pending, so reports read it from EM (new results).
    await same()
    const second = await roll(new Date(NOW.getTime() + 3_600_000))
    expect(second.days.find((x) => x.day === D)?.status).toBe('settled')
    const wider = { from: D_START, to: window.to, now: NOW }
    const [live, rolled] = await Promise.all([
      buildJobSummary(rig.reader, wider),
      buildJobSummary(rig.reader, { ...wider, rollups: rig.store }),
    ])
    expect(comparable(rolled)).toStrictEqual(comparable(live))
    expect(rolled.basis.rollupDays).toBe(5)
    await same()
  })

  it('Should read nothing in the hourly mode when every day is settled or not yet due', async () => {
    const hourly = await roll(new Date(NOW.getTime() + 2 * 3_600_000), 'due')
    expect(hourly.pagesFetched).toBe(0)
    expect(hourly.days.every((x) => x.status === 'skipped')).toBe(true)
  })

  it('Should write nothing for a day whose EM pages failed (a good record is never replaced)', async () => {
    const good = await Promise.all(PART_NAMES.map((p) => rig.store.get(periodKey(p, DAYS, '2026-10-22'))))
    expect(good.every((g) => g !== undefined)).toBe(true)
    rig.sim.setFaults({ status: 500, match: { path: /query/ } })
    try {
      const failed = await runRollup({
        reader: rig.reader,
        store: rig.store,
        from: new Date('2026-10-22T00:00:00Z'),
        to: new Date('2026-10-23T00:00:00Z'),
        now: NOW,
        settleHours: 48,
        mode: 'rebuild',
      })
      expect(failed.complete).toBe(false)
      expect(failed.days[0]?.status).toBe('failed')
    } finally {
      rig.sim.clearFaults()
    }
    expect(
      await Promise.all(PART_NAMES.map((p) => rig.store.get(periodKey(p, DAYS, '2026-10-22'))))
    ).toStrictEqual(good)
  })
})

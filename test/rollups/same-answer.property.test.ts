/**
 * The promise of the rollups: a report served from settled daily rollups (and their blocks and months) plus EM equals
 * the report from a full EM walk of the same window, row for row and field for field (`generatedAt`
 * and `basis` aside). fast-check draws windows with edges anywhere in a day (1 hour to 366 days),
 * kinds and `rpoHours` over a simulator with a year of history (retries, runs crossing midnight,
 * sessions still running near its `now`); the rollups were made at the simulator's `now`, so the
 * last two days are unsettled and some days hold running sessions. Also: some days have no rollup,
 * and some records (days and their blocks) are of a format the reader does not know, or damaged.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORT_KINDS } from '../../shared/model/report'
import { runRollup } from '../../shared/jobs/rollup'
import { periodKey } from '../../shared/rollups/format'
import { DAYS, HOURS, SPAN_LEVELS } from '../../shared/rollups/periods'
import { buildJobSummary, buildReports, buildVmProtection } from '../../shared/services/reports'
import { comparable, startRig, type Rig } from './support'

const NOW = new Date('2026-11-01T12:00:00.000Z')
const DAY = 86_400_000
const HOUR = 3_600_000
const HISTORY_DAYS = 380

let rig: Rig
beforeAll(async () => {
  rig = await startRig({ now: NOW, scale: 0.1, days: HISTORY_DAYS, seed: 7 })
  const summary = await runRollup({
    reader: rig.reader,
    store: rig.store,
    from: new Date(NOW.getTime() - HISTORY_DAYS * DAY),
    to: NOW,
    now: NOW,
    settleHours: 48,
    mode: 'unsettled',
    concurrency: 6,
  })
  expect(summary.complete).toBe(true)
  expect(summary.monthsWritten.length).toBeGreaterThanOrEqual(11)
  expect(summary.blocksWritten.length).toBeGreaterThanOrEqual(300)
  // Holes: records of an unknown format and damaged ones, of one part or both, in a day and every
  // block holding it: a block falls back to its days, the day is read from EM.
  for (const [day, part, body] of [
    ['2026-03-14', 'jobs', JSON.stringify({ format: 99, period: '2026-03-14' })],
    ['2026-09-09', 'jobs', '{"format":2,"half":'],
    ['2026-09-09', 'vms', '{"format":2,"part":"vms","half":'],
  ] as const) {
    const ms = Date.parse(`${day}T00:00:00Z`)
    await rig.store.put(periodKey(part, DAYS, day), body)
    for (const level of SPAN_LEVELS.filter((l) => l.folder !== 'months'))
      await rig.store.put(periodKey(part, level, level.periodOf(ms)), body)
  }
  // Hours damaged (of one part): they are read from EM.
  for (let hour = 0; hour < 24; hour++)
    await rig.store.put(
      periodKey('vms', HOURS, `2026-10-05T${String(hour).padStart(2, '0')}`),
      '{"format":2,"part":"vms","period":'
    )
}, 600_000)
afterAll(async () => {
  await rig.close()
})

const windowArb = fc
  .record({
    endBack: fc.integer({ min: 0, max: 14 * DAY }),
    length: fc.oneof(
      fc.integer({ min: HOUR, max: 3 * DAY }),
      fc.integer({ min: 3 * DAY, max: 40 * DAY }),
      fc.integer({ min: 40 * DAY, max: 366 * DAY })
    ),
  })
  .map(({ endBack, length }) => {
    const to = NOW.getTime() + 6 * HOUR - endBack
    return { from: new Date(to - length), to: new Date(to) }
  })

const kindsArb = fc.subarray([...REPORT_KINDS], { minLength: 1 })

describe('reports from rollups', () => {
  it('Should equal the full EM walk for any window, kinds and rpoHours', async () => {
    await fc.assert(
      fc.asyncProperty(windowArb, kindsArb, fc.integer({ min: 1, max: 24 * 40 }), async (w, kinds, rpo) => {
        const o = { ...w, kinds, now: NOW, rpoHours: rpo, concurrency: 6 }
        const [jobsLive, jobsRolled, vmsLive, vmsRolled] = await Promise.all([
          buildJobSummary(rig.reader, o),
          buildJobSummary(rig.reader, { ...o, rollups: rig.store }),
          buildVmProtection(rig.reader, o),
          buildVmProtection(rig.reader, { ...o, rollups: rig.store }),
        ])
        expect(jobsLive.complete && jobsRolled.complete).toBe(true)
        expect(comparable(jobsRolled)).toStrictEqual(comparable(jobsLive))
        expect(comparable(vmsRolled)).toStrictEqual(comparable(vmsLive))
        expect(jobsLive.basis).toStrictEqual({ rollupDays: 0, emSessionsRead: jobsLive.sessionsScanned })
        expect(jobsRolled.basis.emSessionsRead).toBeLessThanOrEqual(jobsLive.sessionsScanned)
        if (w.to.getTime() - w.from.getTime() >= 5 * DAY)
          expect(jobsRolled.basis.rollupDays).toBeGreaterThan(0)
      }),
      { numRuns: 30, seed: 20261101 }
    )
  }, 600_000)

  /** The scheduled job's bundle from rollups and from a full walk: the same reports and timeline. */
  const sameBundle = async (from: Date, to: Date) => {
    const o = { from, to, now: NOW, rpoHours: 24 }
    const [live, rolled] = await Promise.all([
      buildReports(rig.reader, o),
      buildReports(rig.reader, { ...o, rollups: rig.store }),
    ])
    expect(comparable(rolled.jobSummary)).toStrictEqual(comparable(live.jobSummary))
    expect(comparable(rolled.vmProtection)).toStrictEqual(comparable(live.vmProtection))
    expect(rolled.timeline).toStrictEqual(live.timeline)
    return rolled
  }

  it('Should give the same bundle (both reports and the timeline) to the scheduled job', async () => {
    for (const days of [1, 2, 3, 45, 366]) {
      const to = new Date(Date.UTC(2026, 9, 30))
      const rolled = await sameBundle(new Date(to.getTime() - days * DAY), to)
      expect(rolled.jobSummary.basis.rollupDays).toBe(days)
      expect(rolled.jobSummary.basis.emSessionsRead).toBe(0)
      expect(rolled.jobSummary.rows.length).toBeGreaterThan(0)
      expect(rolled.vmProtection.rows.length).toBeGreaterThan(0)
    }
  }, 300_000)

  it('Should serve whole hours at the edges from the hours of their days, and read damaged hours from EM', async () => {
    for (const [from, to, fromEm] of [
      ['2026-10-01T05:00:00Z', '2026-10-20T17:00:00Z', false],
      ['2026-10-05T05:00:00Z', '2026-10-09T17:00:00Z', true],
    ] as const) {
      const rolled = await sameBundle(new Date(from), new Date(to))
      expect(rolled.jobSummary.basis.rollupDays).toBe(
        Math.floor((Date.parse(to) - Date.parse(from)) / DAY) - 1
      )
      if (fromEm) expect(rolled.jobSummary.basis.emSessionsRead).toBeGreaterThan(0)
      else expect(rolled.jobSummary.basis.emSessionsRead).toBe(0)
    }
  })

  it('Should read a day from EM when its rollup is of an unknown format or damaged', async () => {
    for (const [from, to] of [
      ['2026-03-10', '2026-03-20'],
      ['2026-09-01', '2026-09-30'],
    ] as const) {
      const o = { from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T00:00:00Z`), now: NOW }
      const [live, rolled] = await Promise.all([
        buildJobSummary(rig.reader, o),
        buildJobSummary(rig.reader, { ...o, rollups: rig.store }),
      ])
      expect(comparable(rolled)).toStrictEqual(comparable(live))
      const days = (o.to.getTime() - o.from.getTime()) / DAY
      expect(rolled.basis.rollupDays).toBe(days - 1)
      expect(rolled.basis.emSessionsRead).toBeGreaterThan(0)
    }
  })
})

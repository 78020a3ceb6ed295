/**
 * @module Report parameter limits: the window is at most 366 days (one millisecond more is a 400
 * naming the parameter, with nothing sent to EM), `to` must follow `from`, dates need an offset,
 * `rpoHours` must be positive, auth comes first. A window of exactly 366 days is accepted: with EM
 * failing, it reaches EM and answers the EM error rather than a 400 (so no year-long walk is needed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'
import { expectProblem } from './support/problem'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

const DAY = 86_400_000
const REPORTS = ['job-summary', 'vm-protection'] as const
const iso = (ms: number) => new Date(ms).toISOString()

describe.each(REPORTS)('/v1/reports/%s limits', (report) => {
  const to = Date.parse('2026-11-01T00:00:00.000Z')
  const path = (q: string) => `/v1/reports/${report}?${q}`

  it.each([
    ['a window of 366 days and 1 ms', `from=${iso(to - 366 * DAY - 1)}&to=${iso(to)}`, 'from'],
    ['a window of 400 days', `from=${iso(to - 400 * DAY)}&to=${iso(to)}`, 'from'],
    ['to before from', `from=${iso(to)}&to=${iso(to - DAY)}`, 'to'],
    ['to equal to from', `from=${iso(to)}&to=${iso(to)}`, 'to'],
    ['a from without an offset', 'from=2026-10-30T00:00:00', 'from'],
    ['an unknown kind', 'kind=backup,tape', 'kind'],
    ['an unknown parameter', 'pageSize=10', 'pageSize'],
  ])('Should answer 400 for %s, naming the parameter, with no EM request', async (_name, q, parameter) => {
    const before = h.emQueries()
    const p = await expectProblem(await h.get(path(q)), 400)
    expect(p.errors?.map((e) => e.parameter)).toContain(parameter)
    expect(h.emQueries()).toBe(before)
  })

  it('Should accept a window of exactly 366 days (it reaches EM)', async () => {
    const before = h.emQueries()
    h.sim.setFaults({ status: 500 })
    try {
      const res = await h.get(path(`from=${iso(to - 366 * DAY)}&to=${iso(to)}`))
      // Nothing could be read: EM's error, not a 400 and not a silent partial answer.
      await expectProblem(res, 502)
    } finally {
      h.sim.clearFaults()
    }
    expect(h.emQueries()).toBeGreaterThan(before)
  })

  it('Should check auth before the window', async () => {
    const before = h.sim.log.length
    await expectProblem(await h.get(path(`from=${iso(to - 400 * DAY)}`), { key: null }), 401)
    expect(h.sim.log.length).toBe(before)
  })
})

describe('/v1/reports/vm-protection rpoHours', () => {
  it.each(['0', '-1', 'abc', '', '1e9'])('Should answer 400 naming rpoHours for rpoHours=%j', async (v) => {
    const p = await expectProblem(await h.get(`/v1/reports/vm-protection?rpoHours=${v}`), 400)
    expect(p.errors?.map((e) => e.parameter)).toContain('rpoHours')
  })
})

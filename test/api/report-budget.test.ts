/**
 * Report routes under a slow EM: past the time budget a report answers with what it read and says
 * `complete: false`; a budget spent before anything was read is a 504 problem. Never a silent partial.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ env: { REPORT_TIME_BUDGET_MS: '4000', EM_TIMEOUT_MS: '20000' } })
})
afterAll(async () => {
  await h.close()
})

const window = () => {
  const to = h.sim.dataset.now
  return `from=${new Date(to.getTime() - 30 * 86_400_000).toISOString()}&to=${to.toISOString()}`
}

it('Should answer complete: false when the budget runs out part way', async () => {
  // Job sessions answer; task-session queries hang: the budget ends the walk with part of it read.
  h.sim.setFaults({ hang: true, match: { type: 'BackupTaskSession' } })
  const { status, body } = await h.json<{ complete: boolean; sessionsScanned: number }>(
    `/v1/reports/job-summary?${window()}&kind=backup`
  )
  h.sim.clearFaults()
  expect(status).toBe(200)
  expect(body.complete).toBe(false)
  expect(body.sessionsScanned).toBeGreaterThan(0)
})

it('Should answer 504 when nothing could be read in time', async () => {
  h.sim.setFaults({ hang: true, match: { path: /\/api\/query/ } })
  const res = await h.get(`/v1/reports/vm-protection?${window()}`)
  h.sim.clearFaults()
  expect(res.status).toBe(504)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
})

it('Should answer complete: true when EM keeps up', async () => {
  const { status, body } = await h.json<{ complete: boolean }>(`/v1/reports/job-summary?${window()}&kind=cdp`)
  expect(status).toBe(200)
  expect(body.complete).toBe(true)
})

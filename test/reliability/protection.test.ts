/**
 * @module EM protection through the app (real HTTP to the simulator): one retry layer (a list call and
 * a report page under EM's 503 cost at most two EM requests each), the circuit breaker (fail fast with
 * `Retry-After` and nothing sent to EM, one probe after the cool-down), bounded concurrency (503
 * em-busy with `Retry-After`), and `Retry-After` on every 503/504.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Harness } from '../support/harness'
import { expectProblem } from './support/problem'
import { startRig } from './support/rig'

const LIST = '/v1/backup-job-sessions?pageSize=5'
const REPORT = '/v1/reports/job-summary?kind=backup&from=2026-10-31T00:00:00Z&to=2026-11-01T00:00:00Z'

let rig: Harness | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})
const start = async (env: Record<string, string> = {}): Promise<Harness> => {
  rig = await startRig({ env })
  expect((await rig.get(LIST)).status).toBe(200) // warm: logged on
  rig.sim.clearLog()
  return rig
}
/** EM query requests by URL (path and query string), logon and logoff aside. */
const queriesByUrl = (h: Harness): Map<string, number> => {
  const out = new Map<string, number>()
  for (const e of h.sim.log) {
    if (/sessionMngr|logonSessions/.test(e.path)) continue
    const url = `${e.path}?${new URLSearchParams(e.query).toString()}`
    out.set(url, (out.get(url) ?? 0) + 1)
  }
  return out
}

describe('one retry layer', () => {
  it('Should send at most two EM requests for one list call under a lasting EM 503', async () => {
    const h = await start()
    h.sim.setFaults({ status: 503, match: { path: '/api/query' } })
    const res = await h.get(LIST)
    await expectProblem(res, 503)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(h.emQueries()).toBe(2)
  })

  it('Should send at most two EM requests per report page under a lasting EM 503', async () => {
    const h = await start()
    h.sim.setFaults({ status: 503, match: { path: '/api/query' } })
    const res = await h.get(REPORT)
    await expectProblem(res, 503)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    const counts = [...queriesByUrl(h).values()]
    expect(counts.length).toBeGreaterThan(0)
    expect(Math.max(...counts)).toBeLessThanOrEqual(2)
  })

  it('Should not retry an EM 500 (one EM request)', async () => {
    const h = await start()
    h.sim.setFaults({ status: 500, match: { path: '/api/query' } })
    await expectProblem(await h.get(LIST), 502)
    expect(h.emQueries()).toBe(1)
  })
})

describe('circuit breaker', () => {
  it('Should open after consecutive connection failures, fail fast with Retry-After and send nothing, then probe once and close', async () => {
    const h = await start({ EM_BREAKER_FAILURES: '3', EM_BREAKER_COOLDOWN_MS: '1500' })
    h.sim.setFaults({ reset: true, match: { path: '/api/query' } })
    // Two attempts per call: the second call makes the third and fourth failure, and opens it.
    await expectProblem(await h.get(LIST), 503)
    await expectProblem(await h.get(LIST), 503)
    const opened = h.logs.find((l) => l.message.startsWith('EM circuit breaker opened'))
    expect(opened?.attributes).toMatchObject({ to: 'open', failures: 3 })
    h.sim.clearLog()
    const started = performance.now()
    const fast = await Promise.all(Array.from({ length: 20 }, () => h.get(LIST)))
    expect(performance.now() - started).toBeLessThan(1000)
    for (const res of fast) {
      const body = await expectProblem(res, 503)
      expect(body.type).toBe('urn:em-sessions-api:problem:upstream-unavailable')
      expect(body.detail).toMatch(/calls are paused for \d+ s/)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(2)
    }
    expect(h.sim.log).toHaveLength(0) // nothing sent to EM while open
    h.sim.clearFaults()
    await new Promise((r) => setTimeout(r, 1600))
    const after = await Promise.all(Array.from({ length: 5 }, () => h.get(LIST)))
    // The first caller is the probe; the others arrive while it is out and fail fast, or after it closed.
    expect(after.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1)
    expect(h.emQueries()).toBe(1)
    expect((await h.get(LIST)).status).toBe(200)
    expect(h.logs.map((l) => l.message)).toContain('EM circuit breaker closed')
  })

  it('Should not count EM error answers (4xx/5xx) as failures: it stays closed', async () => {
    const h = await start({ EM_BREAKER_FAILURES: '2' })
    h.sim.setFaults({ status: 500, match: { path: '/api/query' } })
    for (let i = 0; i < 6; i++) await expectProblem(await h.get(LIST), 502)
    h.sim.clearFaults()
    expect((await h.get(LIST)).status).toBe(200)
    expect(h.logs.some((l) => l.message.startsWith('EM circuit breaker'))).toBe(false)
  })
})

describe('bounded concurrency', () => {
  it('Should answer 503 em-busy with Retry-After past the queue, and serve the rest', async () => {
    const h = await start({ EM_MAX_CONCURRENCY: '1', EM_MAX_QUEUE: '2', EM_TIMEOUT_MS: '4000' })
    h.sim.setFaults({ latencyMs: 300, match: { path: '/api/query' } })
    const answers = await Promise.all(Array.from({ length: 8 }, () => h.get(LIST)))
    const ok = answers.filter((r) => r.status === 200)
    const busy = answers.filter((r) => r.status === 503)
    expect(ok.length + busy.length).toBe(8)
    expect(ok.length).toBeGreaterThanOrEqual(2)
    expect(busy.length).toBeGreaterThanOrEqual(1)
    for (const res of busy) {
      const body = await expectProblem(res, 503)
      expect(body.type).toBe('urn:em-sessions-api:problem:em-busy')
      expect(res.headers.get('retry-after')).toBe('1')
    }
    expect(h.emQueries()).toBe(ok.length) // a refused call never reached EM
  })

  it('Should carry Retry-After on a 504 too', async () => {
    const h = await start({ EM_TIMEOUT_MS: '400' })
    h.sim.setFaults({ hang: true, match: { path: '/api/query' } })
    const res = await h.get(LIST)
    await expectProblem(res, 504)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
  })
})

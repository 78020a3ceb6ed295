/**
 * @module EM outage under load, over HTTP: the API in its own process, autocannon with 50 connections,
 * EM down in the middle of the run, once refusing connections and once hanging (scripts/outage.ts,
 * which `npm run load -- --outage` runs for 30 s with EM down from second 10 to 20). Here the timeline
 * is short enough for `npm test` (OUTAGE_SECONDS, default 9 s, EM down from 3 to 6 s) and only what
 * the issue states is asserted, no tighter: p99 ≤ 100 ms once the breaker is open, at most one probe
 * per cool-down, every answer 200 or a 503/504 problem with Retry-After, 200s again within cool-down
 * + 1 s with at most one logon, RSS after ≤ 1.1× before. And slow EM: 5 s per answer under 50
 * connections: the queue stays bounded (503 em-busy), no answer waits past its deadline, memory flat.
 */
import { describe, expect, it } from 'vitest'
import { runOutage } from '../../scripts/outage'

const SECONDS = Number(process.env['OUTAGE_SECONDS'] ?? 9)
const COOLDOWN_MS = 1500

describe.each(['refused', 'hang'] as const)('EM outage under load (%s)', (mode) => {
  // One retry: the machine is shared (2 cores, other engineers' jobs); a neighbour's burst can push one
  // run's p99 past the line without anything being wrong here.
  it(
    'Should fail fast while EM is down, probe once per cool-down, recover, and keep memory flat',
    { retry: 1, timeout: 60_000 },
    async () => {
      const f = await runOutage({
        mode,
        seconds: SECONDS,
        outageFrom: SECONDS / 3,
        outageTo: (2 * SECONDS) / 3,
        env: { EM_TIMEOUT_MS: '1000', EM_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS) },
      })
      expect(f.violations).toStrictEqual({})
      expect(f.breakerOpenedAfterMs).not.toBeNull()
      expect(f.during.count).toBeGreaterThan(0)
      expect(f.during.p99).toBeLessThanOrEqual(100)
      expect(f.emRequestsAfterBreakerOpened).toBeLessThanOrEqual(f.probesAllowed)
      expect(f.recoveryMs).not.toBeNull()
      expect(f.recoveryMs).toBeLessThanOrEqual(COOLDOWN_MS + 1000)
      expect(f.logonsAfterReturn).toBeLessThanOrEqual(1)
      expect(f.rss.ratio).toBeLessThanOrEqual(1.1)
    }
  )
})

describe('slow EM under load', () => {
  it(
    'Should keep the queue bounded (503 em-busy), answer every call by its deadline, and keep memory flat',
    { retry: 1, timeout: 60_000 },
    async () => {
      const f = await runOutage({
        mode: 'slow',
        slowMs: 5000,
        seconds: SECONDS,
        outageFrom: 0,
        outageTo: SECONDS,
        env: { EM_TIMEOUT_MS: '10000' },
      })
      expect(f.violations).toStrictEqual({})
      expect(f.emBusy).toBeGreaterThan(0)
      expect(f.statuses['200'] ?? 0).toBeGreaterThan(0)
      expect(f.all.max).toBeLessThanOrEqual(10_000) // the EM deadline
      expect(f.breakerOpenedAfterMs).toBeNull() // slow is not down
      expect(f.rss.ratio).toBeLessThanOrEqual(1.1)
    }
  )
})

/**
 * @module The EM outage scenario (`npm run load -- --outage`, and test/reliability/outage.test.ts with
 * a shorter timeline): the API in its own process, the simulator behind a TCP gate on loopback, and
 * autocannon driving list and get routes with 50 connections. From `outageFrom` to `outageTo` seconds
 * EM is down: `refused` closes the gate's listening socket and resets its connections (connection
 * refused), `hang` makes the simulator never answer. Returns the figures the issue judges: latency
 * before, during (after the breaker opened) and after, EM requests during the outage, recovery time,
 * logons after, statuses and contract violations, RSS before and after.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { FAMILY_LIST } from '../shared/families/families'
import { startSimulator, type Simulator } from '../tools/em-simulator/index'
import { startApiProcess } from './api-process'

export interface OutageOptions {
  /** `slow`: EM answers every query after `slowMs` (default 5000) instead of going down. */
  readonly mode: 'refused' | 'hang' | 'slow'
  readonly slowMs?: number
  readonly seconds: number
  readonly outageFrom: number
  readonly outageTo: number
  readonly connections?: number
  /** Extra API environment (EM_TIMEOUT_MS, EM_BREAKER_COOLDOWN_MS…). */
  readonly env?: Record<string, string>
}

interface Sample {
  readonly start: number
  readonly end: number
  readonly status: number
}

interface Cannon {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void
  then: PromiseLike<unknown>['then']
}
type CannonFn = (o: Record<string, unknown>) => Cannon
const autocannon = createRequire(import.meta.url)('autocannon') as CannonFn

const API_KEY = 'outage-test-key-5d1e0c7a9b'

/** A TCP forwarder to the simulator that can refuse connections (listening socket closed) and come back. */
const startGate = async (target: URL) => {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer((down) => {
        const up = connect(Number(target.port), target.hostname)
        for (const sock of [down, up]) {
          sockets.add(sock)
          sock.on('close', () => sockets.delete(sock))
          sock.on('error', () => {
            down.destroy()
            up.destroy()
          })
        }
        down.pipe(up).pipe(down)
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => resolve((s.address() as AddressInfo).port))
      server = s
    })
  const port = await listen(0)
  return {
    url: `http://127.0.0.1:${port}`,
    down: async () => {
      const s = server
      server = undefined
      for (const sock of sockets) sock.resetAndDestroy()
      await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()))
    },
    up: async () => {
      await listen(port)
    },
    close: async () => {
      for (const sock of sockets) sock.destroy()
      const s = server
      server = undefined
      await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()))
    },
  }
}

const paths = (sim: Simulator): string[] => {
  const out: string[] = []
  for (const f of FAMILY_LIST) {
    out.push(`/v1/${f.key}?pageSize=20`, `/v1/${f.key}?pageSize=20&result=Failed`)
    const s = sim.dataset.sessions(f.emType)[10]
    if (s) out.push(`/v1/${f.key}/${s.id}`)
  }
  return out
}

const percentile = (sorted: readonly number[], p: number): number | null =>
  sorted.length === 0
    ? null
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null)

const stats = (samples: readonly Sample[]) => {
  const ms = samples.map((s) => s.end - s.start).sort((a, b) => a - b)
  return { count: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms.at(-1) ?? null }
}

export type OutageFigures = Awaited<ReturnType<typeof runOutage>>

export const runOutage = async (o: OutageOptions) => {
  const connections = o.connections ?? 50
  const sim = await startSimulator()
  const gate = await startGate(new URL(sim.url))
  const env = { EM_TIMEOUT_MS: '2000', EM_BREAKER_COOLDOWN_MS: '2000', ...o.env }
  const api = await startApiProcess({
    EM_URL: gate.url,
    EM_USERNAME: sim.credentials.username,
    EM_PASSWORD: sim.credentials.password,
    API_KEYS: API_KEY,
    PAGE_TOKEN_KEY: 'outage-page-token-key',
    ...env,
  })
  const url = `http://127.0.0.1:${api.port}`
  const cooldownMs = Number(env.EM_BREAKER_COOLDOWN_MS)
  const violations = new Map<string, number>()
  let emBusy = 0
  const samples: Sample[] = []
  const requests = paths(sim).map((path) => ({
    method: 'GET',
    path,
    onResponse: (status: number, body: string, _ctx: unknown, headers: Record<string, string>) => {
      if (status === 503 && body.includes('problem:em-busy')) emBusy += 1
      const problem = headers['content-type'] === 'application/problem+json'
      const ok =
        status === 200 ||
        ((status === 503 || status === 504) && problem && /^\d+$/.test(headers['retry-after'] ?? ''))
      if (!ok) {
        const key = `${status} ${headers['content-type'] ?? ''} retry-after=${headers['retry-after'] ?? '-'}`
        violations.set(key, (violations.get(key) ?? 0) + 1)
      }
    },
  }))
  const cannon = (duration: number, record: boolean) => {
    const inst = autocannon({
      url,
      connections,
      duration,
      requests,
      headers: { Authorization: `Bearer ${API_KEY}` },
    })
    if (record)
      inst.on('response', (_c, status, _b, ms) => {
        const end = Date.now()
        samples.push({ start: end - ms, end, status })
      })
    return inst
  }
  const down = async () => {
    if (o.mode === 'refused') await gate.down()
    else if (o.mode === 'hang') sim.setFaults({ hang: true })
    else sim.setFaults({ latencyMs: o.slowMs ?? 5000, match: { path: '/api/query' } })
  }
  const up = async () => {
    if (o.mode === 'refused') await gate.up()
    else sim.clearFaults()
  }
  try {
    // Warm-up, with a short outage of the same kind in it: logon, JIT, and the heap at the working size
    // of both the answering and the failing paths, so "before" is a steady state, not a cold one.
    const warm = cannon(4.5, false)
    await new Promise((r) => setTimeout(r, 1000))
    await down()
    await new Promise((r) => setTimeout(r, 1500))
    await up()
    await warm
    violations.clear()
    emBusy = 0
    const before = await api.memory()
    const t0 = Date.now()
    const outStart = t0 + o.outageFrom * 1000
    const outEnd = t0 + o.outageTo * 1000
    const timers = [
      setTimeout(() => void down(), outStart - Date.now()),
      setTimeout(() => void up(), outEnd - Date.now()),
    ]
    await cannon(o.seconds, true)
    timers.forEach(clearTimeout)
    const after = await api.memory()
    const events = await api.events()
    const openAt = events.breaker.find((b) => b.to === 'open' && b.at >= outStart)?.at ?? null
    const recovered = samples
      .filter((s) => s.status === 200 && s.end >= outEnd)
      .sort((a, b) => a.end - b.end)[0]
    const emDuring = events.calls.filter((c) => c.start >= outStart && c.start < outEnd)
    const emAfterOpen = openAt === null ? [] : emDuring.filter((c) => c.start >= openAt)
    const statuses: Record<string, number> = {}
    for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1
    return {
      mode: o.mode,
      timeline: { seconds: o.seconds, outageFrom: o.outageFrom, outageTo: o.outageTo, connections, env },
      all: stats(samples),
      emBusy,
      before: stats(samples.filter((s) => s.end < outStart)),
      /** Answers to requests that started after the breaker opened and ended before EM came back. */
      during: stats(samples.filter((s) => openAt !== null && s.start >= openAt && s.end < outEnd)),
      after: stats(samples.filter((s) => recovered !== undefined && s.start >= recovered.end)),
      breakerOpenedAfterMs: openAt === null ? null : openAt - outStart,
      emRequestsDuringOutage: emDuring.length,
      emRequestsAfterBreakerOpened: emAfterOpen.length,
      probesAllowed: openAt === null ? 0 : Math.floor((outEnd - openAt) / cooldownMs) + 1,
      recoveryMs: recovered === undefined ? null : recovered.end - outEnd,
      cooldownMs,
      logonsAfterReturn: events.calls.filter((c) => c.operation === 'logon' && c.start >= outEnd).length,
      statuses,
      violations: Object.fromEntries(violations),
      rss: { before: before.rss, after: after.rss, ratio: after.rss / before.rss },
      heapUsed: { before: before.heapUsed, after: after.heapUsed },
    }
  } finally {
    await api.stop()
    await gate.close()
    await sim.close()
  }
}

/** Prints the figures of one run. */
export const printOutage = (f: OutageFigures): void => {
  const row = (phase: string, s: ReturnType<typeof stats>) => ({
    phase,
    answers: s.count,
    'p50 ms': s.p50,
    'p99 ms': s.p99,
    'max ms': s.max,
  })
  console.log(
    `\nEM outage (${f.mode}): ${f.timeline.seconds} s, ${f.timeline.connections} connections, EM down ${f.timeline.outageFrom}–${f.timeline.outageTo} s; ${JSON.stringify(f.timeline.env)}`
  )
  console.table([
    row('before the outage', f.before),
    row('outage, breaker open', f.during),
    row('after recovery', f.after),
  ])
  console.log(
    `breaker opened ${f.breakerOpenedAfterMs ?? '—'} ms into the outage; EM requests during the outage: ${f.emRequestsDuringOutage} ` +
      `(after the breaker opened: ${f.emRequestsAfterBreakerOpened}, at most ${f.probesAllowed} probes allowed); ` +
      `200s resumed ${f.recoveryMs ?? '—'} ms after EM returned (cool-down ${f.cooldownMs} ms); logons after: ${f.logonsAfterReturn}`
  )
  console.log(
    `statuses ${JSON.stringify(f.statuses)}; contract violations ${JSON.stringify(f.violations)}; ` +
      `RSS ${(f.rss.before / 1048576).toFixed(1)} → ${(f.rss.after / 1048576).toFixed(1)} MB (×${f.rss.ratio.toFixed(2)}), ` +
      `heap after GC ${(f.heapUsed.before / 1048576).toFixed(1)} → ${(f.heapUsed.after / 1048576).toFixed(1)} MB`
  )
}

/**
 * @module Throughput figure: autocannon (its own process, 10 connections) against the app served by
 * `@hono/node-server` in one process, 100-item pages from the zero-latency simulator, vs the naive
 * proxy a user would write (`peers/naive-proxy.ts`), served the same way and reading the same EM page
 * from the same simulator. Only 2xx answers count.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { apiPage, PAGE_PATH, type AppTarget } from './api'
import { fetchOk } from './http'
import { ROOT, runNode, type Child } from './procs'
import { interleave, median, ratioFigure, type Figure } from './stats'

const AUTOCANNON = join(ROOT, 'node_modules', 'autocannon', 'autocannon.js')

const ResultSchema = z.object({
  duration: z.number(),
  '2xx': z.number(),
  non2xx: z.number(),
  errors: z.number(),
})

export interface LoadOptions {
  readonly connections?: number
  readonly seconds?: number
}

export interface LoadResult {
  /** 2xx answers per second. */
  readonly rps: number
  /** 2xx answers in the measured part (the warm-up excluded). */
  readonly ok: number
}

/**
 * glibc settings for the load generator: no trimming of its heap top. With the default, reading a
 * response a little over 64 KiB (64 KiB read buffers, the last one shrunk to a few bytes) made glibc
 * give the heap top back and take it again at the next response: autocannon then paid ~11 page faults
 * and ~0.2 ms of CPU more per answer than for a body of twice the size (3 faults), on the cores the
 * servers run on. The load generator's own cost must not depend on such a boundary.
 */
const LOADGEN_TUNABLES = 'glibc.malloc.trim_threshold=67108864'

/** One autocannon run (after a 1 s warm-up in the same run). */
export const loadRun = async (
  url: string,
  headers: Record<string, string>,
  o: LoadOptions = {}
): Promise<LoadResult> => {
  const args = [AUTOCANNON, '-j', '-c', String(o.connections ?? 10), '-d', String(o.seconds ?? 5)]
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`)
  args.push('--warmup', '[', '-c', String(o.connections ?? 10), '-d', '1', ']', url)
  const tunables = process.env['GLIBC_TUNABLES']
  const run = await runNode(args, {
    GLIBC_TUNABLES: tunables ? `${tunables}:${LOADGEN_TUNABLES}` : LOADGEN_TUNABLES,
  })
  const line = run.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'))
  if (run.code !== 0 || line === undefined) throw new Error(`autocannon failed: ${run.stderr.slice(0, 300)}`)
  const r = ResultSchema.parse(JSON.parse(line))
  if (r['2xx'] === 0)
    throw new Error(`autocannon: no 2xx answers from ${url} (${r.non2xx} non-2xx, ${r.errors} errors)`)
  return { rps: r['2xx'] / r.duration, ok: r['2xx'] }
}

/** A process whose CPU time can be read (a `Child` answering `cpu`). */
export interface CpuProbe {
  request(op: 'cpu'): Promise<unknown>
}

const cpuMs = async (p: CpuProbe): Promise<number> => Number(await p.request('cpu'))

/** Runs `load` and adds each probe's CPU ms per 2xx answer to `perRequest` (same index order). */
const withCpu = async (
  probes: readonly CpuProbe[],
  perRequest: number[][],
  load: () => Promise<LoadResult>
): Promise<number> => {
  const before = await Promise.all(probes.map(cpuMs))
  const r = await load()
  const after = await Promise.all(probes.map(cpuMs))
  // The warm-up second is in the CPU time too: spread it over all answers of the run.
  probes.forEach((_, i) => perRequest[i]?.push(((after[i] ?? 0) - (before[i] ?? 0)) / (r.ok + r.rps)))
  return r.rps
}

/**
 * One page from each side, with the simulator's log in between: both must have sent EM the same one
 * query (so both carry the same simulator cost) and answered 100 items. Returns their body sizes.
 */
export const checkSameEmQuery = async (
  app: AppTarget,
  proxyUrl: string,
  sim: Child
): Promise<{ app: number; proxy: number }> => {
  await sim.request('clearLog')
  const appPage = await apiPage(app)
  const proxyBody = (await fetchOk(proxyUrl)).body
  const queries = z.array(z.string()).parse(await sim.request('queries'))
  if (queries.length !== 2 || queries[0] !== queries[1])
    throw new Error(`the app and the proxy asked EM different things: ${queries.join(' | ')}`)
  const proxyItems = z.object({ items: z.array(z.unknown()) }).parse(JSON.parse(proxyBody)).items.length
  if (appPage.items !== 100 || proxyItems !== 100)
    throw new Error(`pages of ${appPage.items} (app) and ${proxyItems} (proxy) items, not 100`)
  return { app: Buffer.byteLength(appPage.body), proxy: Buffer.byteLength(proxyBody) }
}

const ms = (xs: readonly number[]): string => median(xs).toFixed(2)

/**
 * Figure: API throughput vs the naive EM proxy of `peers/naive-proxy.ts` (≥ 1.0×): both read the same
 * EM page from the same simulator, so both carry its cost. The note gives every run's answers/s and
 * the CPU ms per answer of each server and of the simulator under it (on a shared machine that too
 * rises with the load: compare the two sides within one run, not across runs).
 */
export const throughputFigure = async (
  app: AppTarget & { readonly probe: CpuProbe; readonly sim: CpuProbe },
  proxy: { readonly url: string; readonly probe: CpuProbe },
  bodies: { readonly app: number; readonly proxy: number },
  o: LoadOptions & { reps?: number; warmup?: number } = {}
): Promise<Figure> => {
  // app, simulator under the app, proxy, simulator under the proxy
  const appCpu: number[][] = [[], []]
  const proxyCpu: number[][] = [[], []]
  const appLoad = () => loadRun(`${app.base}${PAGE_PATH}`, { Authorization: `Bearer ${app.apiKey}` }, o)
  const proxyLoad = () => loadRun(proxy.url, {}, o)
  // Unrecorded rounds first: both servers are fresh, and throughput is a steady-state figure (their
  // JIT compilers would otherwise still be at work in the first recorded runs).
  for (let i = 0; i < (o.warmup ?? 1); i++) {
    await appLoad()
    await proxyLoad()
  }
  const samples = await interleave(
    o.reps ?? 3,
    () => withCpu([app.probe, app.sim], appCpu, appLoad),
    () => withCpu([proxy.probe, app.sim], proxyCpu, proxyLoad),
    0
  )
  const runs = (xs: readonly number[]): string => xs.map((x) => x.toFixed(0)).join('/')
  const [appOwn = [], appSim = []] = appCpu
  const [proxyOwn = [], proxySim = []] = proxyCpu
  return ratioFigure({
    id: 'throughput',
    name: 'API throughput, 100-item pages, 10 conns',
    unit: 'req/s',
    samples,
    kind: 'min',
    limit: 1.0,
    note: `vs a naive proxy (Hono on @hono/node-server: fetch the same EM query as JSON, JSON.parse, copy each entity's fields, c.json); autocannon -c ${o.connections ?? 10} -d ${o.seconds ?? 5} (+1 s warm-up), ${o.warmup ?? 1} unrecorded run then ${o.reps ?? 3} runs each, interleaved (app ${runs(samples.measured)}, proxy ${runs(samples.reference)} req/s); bodies: app ${bodies.app} bytes, proxy ${bodies.proxy} bytes; CPU per answer: app ${ms(appOwn)} ms + simulator ${ms(appSim)} ms vs proxy ${ms(proxyOwn)} ms + simulator ${ms(proxySim)} ms`,
  })
}

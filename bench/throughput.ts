/**
 * @module Throughput figure: autocannon (its own process, 10 connections) against the app served by
 * `@hono/node-server` in one process, 100-item pages from the zero-latency simulator, vs the same
 * server setup serving one plain JSON route with a body of the same size. Only 2xx answers count.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { PAGE_PATH, type AppTarget } from './api'
import { ROOT, runNode } from './procs'
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

/** One autocannon run (after a 1 s warm-up in the same run). */
export const loadRun = async (
  url: string,
  headers: Record<string, string>,
  o: LoadOptions = {}
): Promise<LoadResult> => {
  const args = [AUTOCANNON, '-j', '-c', String(o.connections ?? 10), '-d', String(o.seconds ?? 5)]
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`)
  args.push('--warmup', '[', '-c', String(o.connections ?? 10), '-d', '1', ']', url)
  const run = await runNode(args)
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

const ms = (xs: readonly number[]): string => median(xs).toFixed(2)

/**
 * Figure: API throughput vs a plain JSON route of the same body size (≥ 0.3×). The note adds CPU ms
 * per answer of the app, the simulator and the plain server: a load-independent view of the cost.
 * @param plainBase the `plain` server child, whose body must already be set to an API page body.
 */
export const throughputFigure = async (
  app: AppTarget & { readonly probe: CpuProbe; readonly sim: CpuProbe },
  plain: { readonly base: string; readonly probe: CpuProbe },
  bodyBytes: number,
  o: LoadOptions & { reps?: number } = {}
): Promise<Figure> => {
  const cpu: number[][] = [[], [], []]
  const samples = await interleave(
    o.reps ?? 3,
    () =>
      withCpu([app.probe, app.sim], cpu, () =>
        loadRun(`${app.base}${PAGE_PATH}`, { Authorization: `Bearer ${app.apiKey}` }, o)
      ),
    async () => {
      const plainCpu: number[][] = [[]]
      const rps = await withCpu([plain.probe], plainCpu, () => loadRun(`${plain.base}/plain`, {}, o))
      cpu[2]?.push(...(plainCpu[0] ?? []))
      return rps
    },
    0
  )
  const [appCpu = [], simCpu = [], plainCpu = []] = cpu
  return ratioFigure({
    id: 'throughput',
    name: 'API throughput, 100-item pages, 10 conns',
    unit: 'req/s',
    samples,
    kind: 'min',
    limit: 0.3,
    note: `autocannon -c ${o.connections ?? 10} -d ${o.seconds ?? 5} (+1 s warm-up), ${o.reps ?? 3} runs each, interleaved; plain route body ${bodyBytes} bytes; CPU per answer: app ${ms(appCpu)} ms + simulator ${ms(simCpu)} ms vs plain ${ms(plainCpu)} ms`,
  })
}

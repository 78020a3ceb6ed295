/**
 * @module Throughput figure: autocannon (its own process, 10 connections) against the app served by
 * `@hono/node-server` in one process, 100-item pages from the zero-latency simulator, vs the same
 * server setup serving one plain JSON route with a body of the same size. Only 2xx answers count.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { PAGE_PATH, type AppTarget } from './api'
import { ROOT, runNode } from './procs'
import { interleave, ratioFigure, type Figure } from './stats'

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

/** 2xx answers per second from one autocannon run (after a 1 s warm-up in the same run). */
export const loadRun = async (
  url: string,
  headers: Record<string, string>,
  o: LoadOptions = {}
): Promise<number> => {
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
  return r['2xx'] / r.duration
}

/**
 * Figure: API throughput vs a plain JSON route of the same body size (≥ 0.3×).
 * @param plainBase the `plain` server child, whose body must already be set to an API page body.
 */
export const throughputFigure = async (
  app: AppTarget,
  plainBase: string,
  bodyBytes: number,
  o: LoadOptions & { reps?: number } = {}
): Promise<Figure> => {
  const samples = await interleave(
    o.reps ?? 3,
    () => loadRun(`${app.base}${PAGE_PATH}`, { Authorization: `Bearer ${app.apiKey}` }, o),
    () => loadRun(`${plainBase}/plain`, {}, o),
    0
  )
  return ratioFigure({
    id: 'throughput',
    name: 'API throughput, 100-item pages, 10 conns',
    unit: 'req/s',
    samples,
    kind: 'min',
    limit: 0.3,
    note: `autocannon -c ${o.connections ?? 10} -d ${o.seconds ?? 5} (+1 s warm-up), ${o.reps ?? 3} runs each, interleaved; plain route body ${bodyBytes} bytes`,
  })
}

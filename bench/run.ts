/**
 * @module `npm run bench`: every figure of the performance budget in one run. Starts the simulator
 * (and, later, a `scale: 10` one) and the app in child processes, measures each figure against its
 * reference from the same run, prints the table and writes `bench/results.json`. Exits 1 when a
 * budget is missed or a figure could not be measured. `--quick` takes fewer samples (a smoke run).
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { apiLatencyFigure, EM_PAGE_QUERY, emTrafficFigures, type AppTarget } from './api'
import { eventsFigures } from './events'
import { coldStartFigures, prepareColdStart } from './cold-start'
import { decodeFigure } from './decode'
import { closeAgent } from './http'
import { bundleChildren, Child, ROOT } from './procs'
import { SimReadySchema, ServerReadySchema, type SimReady } from './protocol'
import { metricsFigures, renderFigure, servedEstateFigure } from './metrics'
import { reportFigures } from './report'
import { rollupFigures, yearFigures } from './rollup'
import { loadConfig } from '../shared/config/env'
import type { Figure } from './stats'
import { formatTable, writeResults } from './table'
import { checkSameEmQuery, throughputFigure } from './throughput'
import { PROXY_PATH } from './peers/naive-proxy'

const quick = process.argv.includes('--quick')
/** `--only=decode,api,events,throughput,lambda,report,metrics,rollup`: run only these groups (figures of the others are absent). */
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
const wanted = (group: string): boolean => only === undefined || only.includes(group)
const NOW = new Date('2026-11-01T12:00:00.000Z')
const DAY = 86_400_000
const API_KEY = `bench-${randomBytes(12).toString('hex')}`
const figures: Figure[] = []
const children: Child[] = []
const say = (text: string) => process.stderr.write(`[bench] ${text}\n`)

const failed = (id: string, name: string, e: unknown): Figure => ({
  id,
  name,
  unit: '',
  measured: Number.NaN,
  reference: null,
  ratio: null,
  budget: '–',
  pass: false,
  note: `not measured: ${e instanceof Error ? e.message : String(e)}`,
})

/** Runs one step; a failure becomes a failed figure, not an aborted run. */
const step = async (id: string, name: string, run: () => Promise<Figure | Figure[]>): Promise<void> => {
  say(`${name}…`)
  try {
    const out = await run()
    figures.push(...(Array.isArray(out) ? out : [out]))
  } catch (e) {
    figures.push(failed(id, name, e))
  }
}

const startSim = async (
  scale: number,
  now = NOW,
  days?: number,
  jsonCase?: 'camel'
): Promise<{ child: Child; sim: SimReady }> => {
  const child = Child.start('sim', [
    JSON.stringify({ scale, seed: 1, now: now.toISOString(), days, jsonCase }),
  ])
  children.push(child)
  return { child, sim: SimReadySchema.parse(await child.ready) }
}

const startServer = async (
  mode: 'app' | 'plain' | 'proxy',
  sim?: SimReady,
  extraEnv: Record<string, string> = {}
): Promise<{ child: Child; base: string }> => {
  const env: Record<string, string> = sim
    ? {
        EM_URL: sim.url,
        EM_USERNAME: sim.username,
        EM_PASSWORD: sim.password,
        API_KEYS: API_KEY,
        ...extraEnv,
      }
    : {}
  const child = Child.start('server', [mode], { ...env, PAGE_TOKEN_KEY: 'bench-page-token-key' })
  children.push(child)
  const { port } = ServerReadySchema.parse(await child.ready)
  return { child, base: `http://127.0.0.1:${port}` }
}

const stop = async (child: Child): Promise<void> => {
  await child.stop()
  children.splice(children.indexOf(child), 1)
}

const main = async (): Promise<void> => {
  const startedAt = new Date()
  say('bundling the child processes…')
  await bundleChildren()
  const small = await startSim(1)

  if (wanted('decode')) await decodeSteps(small.sim)
  if (wanted('api') || wanted('events') || wanted('throughput')) await apiSteps(small)
  if (wanted('lambda'))
    await step('lambda-cold', 'Lambda bundle cold start', async () =>
      coldStartFigures(await prepareColdStart(small.sim, API_KEY), quick ? 3 : 10)
    )
  await stop(small.child)
  if (wanted('report')) await reportStep()
  if (wanted('metrics')) await metricsStep()
  if (wanted('rollup')) await rollupSteps()

  process.stdout.write(`\n${formatTable(figures)}\n`)
  const path = join(ROOT, 'bench', 'results.json')
  await writeResults(path, figures, startedAt)
  say(`wrote ${path}`)
  process.exitCode = figures.every((f) => f.pass) ? 0 : 1
}

const decodeSteps = async (sim: SimReady): Promise<void> => {
  const o = quick ? { reps: 3, warmup: 1, pages: 2 } : { reps: 10, warmup: 2, pages: 8 }
  await step('decode-json', 'decode+normalize in place, EM JSON', () => decodeFigure(sim, 'json', o))
  await step('decode-json-camel', 'decode+normalize in place, EM 13 camelCase JSON', async () => {
    const camel = await startSim(1, NOW, undefined, 'camel')
    const fig = await decodeFigure(camel.sim, 'json-camel', o)
    await stop(camel.child)
    return fig
  })
  await step('decode-xml', 'decode+normalize in place, EM XML', () => decodeFigure(sim, 'xml', o))
}

const apiSteps = async (small: { child: Child; sim: SimReady }): Promise<void> => {
  const server = await startServer('app', small.sim)
  const app: AppTarget = { base: server.base, apiKey: API_KEY }
  // First, while the app's EM client has never logged on.
  if (wanted('api')) {
    await step('em-traffic', 'EM requests per page / logons', () =>
      emTrafficFigures(app, small.child, quick ? 100 : 1000)
    )
    await step('api-p50', 'API p50, 100-item page', () => apiLatencyFigure(app, small.sim, quick ? 10 : 100))
  }
  if (wanted('events'))
    await step('events', 'events feed', () => eventsFigures(app, small.child, NOW, quick ? 2 : 7))
  if (wanted('throughput'))
    await step('throughput', 'API throughput', async () => {
      const proxy = await startServer('proxy', small.sim, { PROXY_EM_QUERY: EM_PAGE_QUERY })
      const proxyUrl = `${proxy.base}${PROXY_PATH}`
      const bodies = await checkSameEmQuery(app, proxyUrl, small.child)
      const fig = await throughputFigure(
        { ...app, probe: server.child, sim: small.child },
        { url: proxyUrl, probe: proxy.child },
        bodies,
        { seconds: quick ? 1 : 5, reps: quick ? 1 : 5, warmup: quick ? 0 : 1 }
      )
      await stop(proxy.child)
      return fig
    })
  await stop(server.child)
}

const reportStep = () =>
  step('report', '30-day job summary', async () => {
    // scale 10 is ~117k task sessions over ~32 days, ~97k of them in the last 30: 11 puts ≥ 100k in the window.
    const scale = quick ? 1 : 11
    say(`starting the scale-${scale} simulator…`)
    const big = await startSim(scale)
    const w = { from: new Date(NOW.getTime() - 30 * DAY), to: NOW }
    const tasks = Number(
      await big.child.request('countTasks', { from: w.from.toISOString(), to: w.to.toISOString() })
    )
    if (!quick && tasks < 100_000) throw new Error(`only ${tasks} task sessions in the window`)
    await big.child.request('setFaults', { latencyMs: 100 })
    const decode = figures.find((f) => f.id === 'decode-json')
    const out = await reportFigures(big.sim, w, tasks, {
      reps: quick ? 1 : 3,
      scale,
      decodeMsPer1k: decode !== undefined && Number.isFinite(decode.measured) ? decode.measured : undefined,
    })
    await stop(big.child)
    return out
  })

const control = (big: { child: Child; sim: SimReady }) => ({
  sim: big.sim,
  setLatency: async (ms: number) => void (await big.child.request('setFaults', { latencyMs: ms })),
})

const rollupSteps = async (): Promise<void> => {
  const scale = quick ? 1 : 11
  await step('rollup', '30-day reports from rollups', async () => {
    say(`starting the scale-${scale} simulator…`)
    const big = await startSim(scale)
    const out = await rollupFigures(control(big), NOW, { reps: quick ? 1 : 3 })
    await stop(big.child)
    return out
  })
  await step('rollup-year', '366-day job summary from rollups', async () => {
    say(`starting the scale-${scale} simulator with a year of history (372 days)…`)
    const year = await startSim(scale, NOW, 372)
    const tasks = Number(
      await year.child.request('countTasks', {
        from: new Date(NOW.getTime() - 366 * DAY).toISOString(),
        to: NOW.toISOString(),
      })
    )
    const budgetMs = loadConfig({}).reportTimeBudgetMs
    const out = await yearFigures(control(year), NOW, budgetMs, tasks)
    await stop(year.child)
    return out
  })
}

const metricsStep = async (): Promise<void> => {
  const scale = quick ? 1 : 11
  say(
    `starting the scale-${scale} simulator for the metrics (its data ends now: the app's window is the last 24 h)…`
  )
  const big = await startSim(scale, new Date())
  const server = await startServer('app', big.sim, { EM_TIMEOUT_MS: '28000', REPORT_TIME_BUDGET_MS: '60000' })
  const plain = await startServer('plain')
  await step('metrics', 'metrics scrape', () =>
    metricsFigures(
      { app: { base: server.base, apiKey: API_KEY }, plain: { base: plain.base, child: plain.child } },
      { reps: quick ? 5 : 30, scale }
    )
  )
  await stop(server.child)
  await stop(big.child)
  await step('metrics-cached-10k', 'cached scrape, 10,000-VM body', () =>
    servedEstateFigure({ base: plain.base, child: plain.child }, quick ? 3 : 10)
  )
  await stop(plain.child)
  await step('metrics-render-10k', 'metrics render, 10,000 VMs', () => renderFigure(quick ? 3 : 10))
}

try {
  await main()
} finally {
  for (const c of [...children]) await c.stop()
  closeAgent()
}

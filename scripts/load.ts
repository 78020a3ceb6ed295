/**
 * @module `npm run load`: a bounded load test on loopback. The API runs in its own process
 * (`@hono/node-server` serving `createRuntime(...)`'s app, this file forked with `--child`); this
 * process runs the EM simulator and autocannon. Phases: a burst (mixed routes, 50 connections, 30 s)
 * then a soak (50 req/s, 5 min). Prints requests, throughput, p50/p99 latency, errors and unexpected
 * non-2xx, the API process's RSS and heap over time (growth over 10% is flagged), and EM logons.
 *
 * Flags: `--seconds N` (burst), `--soak-seconds N`, `--connections N`, `--rate N` (soak req/s),
 * `--scale N` (simulator data set). Nothing here is asserted: it reports.
 *
 * `--outage` runs the EM outage scenario instead (`scripts/outage.ts`): 50 connections for 30 s, EM
 * down from second 10 to 20, once refusing connections and once hanging; `--outage-from`,
 * `--outage-to`, `--em-timeout-ms` (default 2000), `--cooldown-ms` (default 5000) change it.
 */
import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { serve } from '@hono/node-server'
import { z } from 'zod'
import { FAMILY_LIST } from '../shared/families/families'
import { loadConfig } from '../shared/config/env'
import { startSimulator } from '../tools/em-simulator/index'
import type { Simulator } from '../tools/em-simulator/index'
import { createRuntime } from '../shared/runtime'
import { printOutage, runOutage } from './outage'
import { LOCAL_SERVER_OPTIONS } from '../shared/app'

const API_KEY = 'load-test-key-7b0c4e'
const MemorySchema = z.object({ rss: z.number(), heapUsed: z.number(), cpuMs: z.number() })
type Memory = z.infer<typeof MemorySchema>

/** Child mode: serve the app, answer `memory` requests over IPC. */
const child = (): void => {
  const runtime = createRuntime(loadConfig({ ...process.env, API_KEYS: API_KEY, PAGE_TOKEN_KEY: 'load' }))
  const server = serve(
    { fetch: runtime.app.fetch, serverOptions: LOCAL_SERVER_OPTIONS, hostname: '127.0.0.1', port: 0 },
    (info) => process.send?.({ port: info.port })
  )
  process.on('message', (m: unknown) => {
    if (m === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc
      gc?.()
      const { rss, heapUsed } = process.memoryUsage()
      const cpu = process.cpuUsage()
      process.send?.({ rss, heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 })
    } else if (m === 'stop') server.close(() => void runtime.dispose().finally(() => process.exit(0)))
  })
}

const ResultSchema = z.object({
  requests: z.object({ total: z.number(), average: z.number() }),
  latency: z.object({ p50: z.number(), p99: z.number(), max: z.number() }),
  throughput: z.object({ average: z.number() }),
  errors: z.number(),
  timeouts: z.number(),
  non2xx: z.number(),
  duration: z.number(),
})
type Result = z.infer<typeof ResultSchema>
interface CannonOptions {
  url: string
  connections: number
  duration: number
  overallRate?: number
  maxOverallRequests: number
  headers: Record<string, string>
  requests: { method: 'GET'; path: string }[]
}
type Cannon = (o: CannonOptions) => Promise<unknown>
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon

/** The mixed route set: every family's list (plain and filtered), gets by id, children, health. */
const mixedPaths = (sim: Simulator): string[] => {
  const ds = sim.dataset
  const since = new Date(ds.now.getTime() - 86_400_000).toISOString()
  const paths = ['/health']
  for (const f of FAMILY_LIST) {
    paths.push(
      `/v1/${f.key}`,
      `/v1/${f.key}?pageSize=20&result=Failed`,
      `/v1/${f.key}?pageSize=20&createdAfter=${since}`
    )
    const sessions = ds.sessions(f.emType)
    for (const i of [1, 50, 500]) {
      const s = sessions[Math.min(i, sessions.length - 1)]
      if (s) paths.push(`/v1/${f.key}/${s.id}`)
    }
    if (f.children) {
      const parent = sessions.findLast((s) => ds.tasksOf(s.id).length > 0)
      if (parent) paths.push(`/v1/${f.key}/${parent.id}/task-sessions?pageSize=50`)
    }
  }
  return paths
}

interface ApiProcess {
  readonly proc: ChildProcess
  readonly port: number
  memory(): Promise<Memory>
  /** ERROR lines the API logged, counted by message and error message. */
  readonly errorLines: Map<string, number>
}

/** Counts the API's ERROR log lines (JSON on stderr) instead of echoing them. */
const countErrors = (proc: ChildProcess, into: Map<string, number>): void => {
  let rest = ''
  proc.stderr?.setEncoding('utf8')
  proc.stderr?.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) {
      const message = /"message":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 80)
      const detail =
        /"kind":"([^"]*)"/.exec(line)?.[1] ?? /"error":\{"name":"[^"]*","message":"([^"]*)"/.exec(line)?.[1]
      const key = `${message} (${detail ?? 'no detail'})`
      if (line.trim() !== '') into.set(key, (into.get(key) ?? 0) + 1)
    }
  })
}

const startApi = (sim: Simulator): Promise<ApiProcess> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      EM_URL: sim.url,
      EM_USERNAME: sim.credentials.username,
      EM_PASSWORD: sim.credentials.password,
    }
    delete env['NODE_EXTRA_CA_CERTS']
    const proc = fork(fileURLToPath(import.meta.url), ['--child'], {
      env,
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    const errorLines = new Map<string, number>()
    countErrors(proc, errorLines)
    proc.once('exit', (code) => reject(new Error(`API process exited (${code ?? 'signal'})`)))
    proc.once('message', (m: unknown) => {
      const { port } = z.object({ port: z.number() }).parse(m)
      const memory = () =>
        new Promise<Memory>((res) => {
          proc.once('message', (r: unknown) => res(MemorySchema.parse(r)))
          proc.send('memory')
        })
      resolve({ proc, port, memory, errorLines })
    })
  })

const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
const pct = (from: number, to: number) => ((to - from) / from) * 100

const printPhases = (rows: [string, Result][]) => {
  const table = rows.map(([phase, r]) => ({
    phase,
    requests: r.requests.total,
    'req/s': Math.round(r.requests.average),
    'MB/s': (r.throughput.average / 1024 / 1024).toFixed(2),
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    'max ms': r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    'non-2xx (unexpected)': r.non2xx,
  }))
  console.table(table)
}

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '30' },
      'soak-seconds': { type: 'string', default: '300' },
      connections: { type: 'string', default: '50' },
      rate: { type: 'string', default: '50' },
      scale: { type: 'string', default: '1' },
      child: { type: 'boolean', default: false },
      outage: { type: 'boolean', default: false },
      'outage-from': { type: 'string', default: '10' },
      'outage-to': { type: 'string', default: '20' },
      'em-timeout-ms': { type: 'string', default: '2000' },
      'cooldown-ms': { type: 'string', default: '5000' },
    },
  })
  if (values.child) return child()
  if (values.outage) {
    for (const mode of ['refused', 'hang'] as const) {
      process.stderr.write(`EM outage scenario (${mode})…\n`)
      printOutage(
        await runOutage({
          mode,
          seconds: Number(values.seconds),
          outageFrom: Number(values['outage-from']),
          outageTo: Number(values['outage-to']),
          connections: Number(values.connections),
          env: { EM_TIMEOUT_MS: values['em-timeout-ms'], EM_BREAKER_COOLDOWN_MS: values['cooldown-ms'] },
        })
      )
    }
    return
  }
  const seconds = Number(values.seconds)
  const soakSeconds = Number(values['soak-seconds'])
  const connections = Number(values.connections)
  const rate = Number(values.rate)

  const sim = await startSimulator({ scale: Number(values.scale) })
  const api = await startApi(sim)
  const url = `http://127.0.0.1:${api.port}`
  const requests = mixedPaths(sim).map((path) => ({ method: 'GET' as const, path }))
  const headers = { Authorization: `Bearer ${API_KEY}` }
  const run = async (o: Omit<CannonOptions, 'url' | 'headers' | 'requests'>) =>
    ResultSchema.parse(await autocannon({ url, headers, requests, ...o }))

  process.stderr.write(`API pid ${api.proc.pid} on ${url}; ${requests.length} mixed routes\n`)
  await run({ connections: 2, duration: 2, maxOverallRequests: requests.length * 2 })
  const memory: [string, Memory][] = [['start (after warm-up)', await api.memory()]]
  process.stderr.write(`burst: ${connections} connections, ${seconds} s\n`)
  const burst = await run({ connections, duration: seconds, maxOverallRequests: 2_000_000 })
  memory.push(['after burst', await api.memory()])
  process.stderr.write(`soak: ${rate} req/s, ${soakSeconds} s\n`)
  const soakRuns: Result[] = []
  const slice = Math.min(60, soakSeconds)
  for (let done = 0; done < soakSeconds; done += slice) {
    const d = Math.min(slice, soakSeconds - done)
    soakRuns.push(
      await run({ connections: 10, duration: d, overallRate: rate, maxOverallRequests: rate * d * 2 })
    )
    memory.push([`soak ${done + d} s`, await api.memory()])
  }
  api.proc.removeAllListeners('exit')
  api.proc.send('stop')
  await new Promise((resolve) => api.proc.once('exit', resolve))
  await sim.close()

  printPhases([['burst', burst], ...soakRuns.map((r, i): [string, Result] => [`soak part ${i + 1}`, r])])
  const base = memory[0]?.[1]
  const soakStart = memory[1]?.[1]
  const end = memory[memory.length - 1]?.[1]
  console.table(
    memory.map(([when, m]) => ({
      when,
      'RSS MB': mb(m.rss),
      'heap used MB (after GC)': mb(m.heapUsed),
      'API CPU s': (m.cpuMs / 1000).toFixed(1),
    }))
  )
  if (base && soakStart && end) {
    const soakGrowth = pct(soakStart.rss, end.rss)
    const total = pct(base.rss, end.rss)
    console.log(
      `RSS growth: start→end ${total.toFixed(1)}%, during soak ${soakGrowth.toFixed(1)}%` +
        (soakGrowth > 10 ? '  ⚠ over 10% during the soak' : '  (≤ 10% during the soak)') +
        `; heap after GC ${mb(soakStart.heapUsed)} → ${mb(end.heapUsed)} MB`
    )
  }
  const unexpected = [burst, ...soakRuns].reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0)
  console.log(`Unexpected errors/timeouts/non-2xx: ${unexpected}`)
  console.log(`EM logons: ${sim.logonCount} (expected 1 for one API process)`)
  const cpu = process.cpuUsage()
  console.log(`Load process (simulator + autocannon) CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`)
  if (api.errorLines.size === 0) console.log('API error log lines: none')
  else console.table([...api.errorLines].map(([line, count]) => ({ 'API log line (stderr)': line, count })))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

/**
 * A real Prometheus server (Debian's `prometheus` package) scrapes `GET /v1/metrics` of a real HTTP
 * server (the runtime's app on `@hono/node-server`, port 0) with a bearer key, every second; the
 * test waits for a scrape and asks Prometheus' HTTP API: em_up is 1, em_job_last_result and
 * em_vm_protection_status equal the report routes for the same window, a job name with a quote
 * survives. Prometheus runs on a free port with a temporary TSDB and is always killed.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { z } from 'zod'
import { JobSummaryReportSchema, VmProtectionReportSchema } from '../../shared/model/report'
import { API_KEY, DATASET_NOW, startHarness, type Harness } from '../support/harness'

const QuerySchema = z.object({
  status: z.literal('success'),
  data: z.object({
    result: z.array(
      z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })
    ),
  }),
})

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo
      s.close(() => resolve(port))
    })
  })

let h: Harness
let api: ServerType
let prom: ChildProcess | undefined
let dir: string
let promBase: string
let promLog = ''

beforeAll(async () => {
  h = await startHarness({ now: () => DATASET_NOW })
  const apiPort = await new Promise<number>((resolve) => {
    api = serve({ fetch: h.runtime.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
  })
  dir = await mkdtemp(join(tmpdir(), 'em-prometheus-'))
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    'scrape_configs:',
    '  - job_name: em',
    '    metrics_path: /v1/metrics',
    '    authorization:',
    `      credentials: ${API_KEY}`,
    '    static_configs:',
    `      - targets: ['127.0.0.1:${apiPort}']`,
    '',
  ].join('\n')
  await writeFile(join(dir, 'prometheus.yml'), config)
  const port = await freePort()
  promBase = `http://127.0.0.1:${port}`
  prom = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  prom.stdout?.on('data', (d: Buffer) => (promLog += d.toString()))
  prom.stderr?.on('data', (d: Buffer) => (promLog += d.toString()))
}, 60_000)

afterAll(async () => {
  if (prom !== undefined && prom.exitCode === null) {
    const exited = new Promise((r) => prom?.once('exit', r))
    prom.kill('SIGTERM')
    const timer = setTimeout(() => prom?.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  await new Promise((r) => api.close(r))
  await h.close()
  await rm(dir, { recursive: true, force: true })
})

const query = async (promql: string) => {
  const res = await fetch(`${promBase}/api/v1/query?query=${encodeURIComponent(promql)}`)
  return QuerySchema.parse(await res.json()).data.result
}

/** Polls until `promql` has a result (Prometheus up and one scrape stored). */
const waitFor = async (promql: string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const r = await query(promql)
      if (r.length > 0) return r
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`no ${promql} after ${timeoutMs} ms; prometheus said:\n${promLog.slice(-2000)}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

const RESULT_VALUE: Record<string, string> = { Success: '0', Warning: '1', Failed: '2' }

it('Should be scraped by Prometheus with a bearer key and hold what the report routes say', async () => {
  const up = await waitFor('em_up', 40_000)
  expect(up.map((s) => s.value[1])).toEqual(['1'])
  expect((await query('up{job="em"}')).map((s) => s.value[1])).toEqual(['1'])

  const jobs = JobSummaryReportSchema.parse((await h.json('/v1/reports/job-summary')).body)
  const key = (m: Record<string, string | undefined>) =>
    [m['kind'], m['job_id'], m['job_name'], m['backup_server']].join('|')
  const stored = new Map((await query('em_job_last_result')).map((s) => [key(s.metric), s.value[1]]))
  const want = new Map(
    jobs.rows
      .filter((r) => r.lastResult !== null && r.lastResult in RESULT_VALUE)
      .map((r) => [
        key({
          kind: r.kind,
          job_id: r.jobId ?? '',
          job_name: r.jobName ?? '',
          backup_server: r.backupServer?.name ?? '',
        }),
        RESULT_VALUE[r.lastResult ?? ''],
      ])
  )
  expect(stored.size).toBeGreaterThan(10)
  expect(stored).toEqual(want)

  const vms = VmProtectionReportSchema.parse((await h.json('/v1/reports/vm-protection?rpoHours=24')).body)
  const status = await query('em_vm_protection_status == 1')
  expect(
    new Set(status.map((s) => `${s.metric['vm_name']}|${s.metric['backup_server']}|${s.metric['status']}`))
  ).toEqual(new Set(vms.rows.map((r) => `${r.vmName}|${r.backupServer?.name ?? ''}|${r.status}`)))

  const quoted = await query('em_job_last_result{job_name="Archive \\"Cold\\" VMs"}')
  expect(quoted.length).toBeGreaterThan(0)
  expect(quoted[0]?.metric['job_name']).toBe('Archive "Cold" VMs')
}, 60_000)

/**
 * `GET /v1/metrics` through the app over the simulator: both formats pass `promtool check metrics`,
 * series equal the report routes for the same window, hostile names survive, auth and parameters,
 * the cache (a second scrape reads nothing from EM), and EM down (em_up 0, last whole numbers kept
 * with their time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JobSummaryReportSchema, VmProtectionReportSchema } from '../../shared/model/report'
import { DATASET_NOW, startHarness, type Harness } from '../support/harness'
import { samplesOf } from './parse'
import { checkMetrics } from './promtool'

const RESULT_VALUE: Record<string, number> = { Success: 0, Warning: 1, Failed: 2 }

let h: Harness
let text: string
beforeAll(async () => {
  h = await startHarness({ now: () => DATASET_NOW })
  text = await (await h.get('/v1/metrics')).text()
})
afterAll(async () => {
  await h.close()
})

describe('GET /v1/metrics', () => {
  it('Should answer the text format 0.0.4 that promtool accepts', async () => {
    const res = await h.get('/v1/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await checkMetrics(await res.text())).toEqual({ code: 0, output: '' })
  })

  it('Should answer OpenMetrics 1.0 when the scrape accepts it (as Prometheus asks), and promtool accepts it', async () => {
    const res = await h.get('/v1/metrics', {
      headers: {
        Accept:
          'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
      },
    })
    expect(res.headers.get('content-type')).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8')
    const body = await res.text()
    expect(body.endsWith('\n# EOF\n')).toBe(true)
    expect(await checkMetrics(body)).toEqual({ code: 0, output: '' })
  })

  it('Should answer the text format when text/plain ranks higher', async () => {
    const res = await h.get('/v1/metrics', {
      headers: { Accept: 'application/openmetrics-text;q=0.2,text/plain;q=0.9' },
    })
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  })

  it('Should say EM is up and when the numbers were read', () => {
    expect(samplesOf(text, 'em_up')).toEqual([{ name: 'em_up', labels: {}, value: 1 }])
    expect(samplesOf(text, 'em_metrics_refresh_timestamp_seconds')[0]?.value).toBe(
      DATASET_NOW.getTime() / 1000
    )
    expect(samplesOf(text, 'em_metrics_refresh_duration_seconds')[0]?.value).toBeGreaterThan(0)
  })

  it('Should give every job the last result the job-summary report gives for the same window', async () => {
    const report = JobSummaryReportSchema.parse((await h.json('/v1/reports/job-summary')).body)
    const want = report.rows
      .filter((r) => r.lastResult !== null && r.lastResult in RESULT_VALUE)
      .map((r) => ({
        labels: {
          kind: r.kind,
          job_id: r.jobId ?? '',
          job_name: r.jobName ?? '',
          backup_server: r.backupServer?.name ?? '',
        },
        value: RESULT_VALUE[r.lastResult ?? ''],
      }))
    const got = samplesOf(text, 'em_job_last_result').map(({ labels, value }) => ({ labels, value }))
    expect(got.length).toBeGreaterThan(10)
    expect(got).toEqual(want)
    const sessions = samplesOf(text, 'em_job_sessions')
    for (const r of report.rows.slice(0, 5))
      expect(
        sessions
          .filter((s) => s.labels['job_id'] === r.jobId && s.labels['kind'] === r.kind)
          .map((s) => s.value)
      ).toEqual([r.sessions.success, r.sessions.warning, r.sessions.failed])
  })

  it('Should give every VM the status the vm-protection report gives for the same window and RPO', async () => {
    const report = VmProtectionReportSchema.parse(
      (await h.json('/v1/reports/vm-protection?rpoHours=24')).body
    )
    const status = samplesOf(text, 'em_vm_protection_status')
    const got = status
      .filter((s) => s.value === 1)
      .map((s) => [s.labels['vm_name'], s.labels['backup_server'], s.labels['status']])
    expect(got).toEqual(report.rows.map((r) => [r.vmName, r.backupServer?.name ?? '', r.status]))
    expect(status).toHaveLength(report.rows.length * 3)
  })

  it('Should keep job and VM names with quotes, commas and non-ASCII letters intact', () => {
    const jobs = samplesOf(text, 'em_job_last_result').map((s) => s.labels['job_name'])
    expect(jobs).toContain('Archive "Cold" VMs')
    const vms = new Set(samplesOf(text, 'em_vm_protection_status').map((s) => s.labels['vm_name']))
    const tricky = [...vms].filter((v) => v !== undefined && /["',&;()]|[^ -~]/.test(v))
    expect(tricky.length).toBeGreaterThan(2)
    expect(text).toContain('job_name="Archive \\"Cold\\" VMs"')
  })

  it('Should serve the second scrape from the cache, with no EM request', async () => {
    const before = h.emQueries()
    await h.get('/v1/metrics')
    await h.get('/v1/metrics', { headers: { Accept: 'application/openmetrics-text' } })
    expect(h.emQueries()).toBe(before)
  })

  it('Should refuse a scrape without a key (401) and unknown parameters (400)', async () => {
    const anon = await h.get('/v1/metrics', { key: null })
    expect(anon.status).toBe(401)
    const bad = await h.get('/v1/metrics?window=1')
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toBe('application/problem+json')
  })
})

describe('GET /v1/metrics with EM down', () => {
  let down: Harness
  beforeAll(async () => {
    down = await startHarness({ now: () => DATASET_NOW, env: { METRICS_CACHE_SECONDS: '0' } })
  })
  afterAll(async () => {
    await down.close()
  })

  it('Should answer em_up 0 with the last whole numbers and their refresh time, then recover', async () => {
    const good = await (await down.get('/v1/metrics')).text()
    down.sim.setFaults({ status: 503, match: { type: 'BackupTaskSession' } })
    const res = await down.get('/v1/metrics')
    expect(res.status).toBe(200)
    const stale = await res.text()
    expect(samplesOf(stale, 'em_up')[0]?.value).toBe(0)
    const series = (body: string) =>
      body.split('\n').filter((l) => !l.startsWith('em_up ') && !l.startsWith('em_metrics_refresh_duration'))
    expect(series(stale)).toEqual(series(good))
    expect(await checkMetrics(stale)).toEqual({ code: 0, output: '' })
    expect(down.logs.some((l) => l.level === 'warn' && l.message.startsWith('metrics refresh'))).toBe(true)
    down.sim.clearFaults()
    expect(samplesOf(await (await down.get('/v1/metrics')).text(), 'em_up')[0]?.value).toBe(1)
  })
})

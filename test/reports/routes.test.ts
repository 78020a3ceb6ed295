/**
 * The report routes over the simulator: parameters, window rules, JSON and CSV negotiation, errors.
 * The routes are mounted on a bare OpenAPIHono with the app's validation hook and problem rendering
 * (the same pieces `createApp` uses), so these tests do not depend on how the app is wired.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmUnreachableError } from '../../shared/em/errors'
import type { EmClient } from '../../shared/em/types'
import { problemResponse, toProblem } from '../../shared/http/problem'
import { validationHook } from '../../shared/http/validation'
import { ProblemSchema } from '../../shared/model/problem'
import { JobSummaryReportSchema, VmProtectionReportSchema } from '../../shared/model/report'
import { JOB_SUMMARY_COLUMNS } from '../../shared/reports/csv'
import { registerReportRoutes } from '../../shared/routes/reports/index'
import { wantsCsv } from '../../shared/routes/reports/query'
import { createEmReader } from '../../shared/services/em-reader'
import { DATASET_NOW, startHarness, type Harness } from '../support/harness'

const appWith = (em: EmClient) => {
  const app = new OpenAPIHono({ defaultHook: validationHook })
  registerReportRoutes(app, { reader: createEmReader(em), concurrency: 2, now: () => DATASET_NOW })
  app.onError((err, c) => problemResponse(toProblem(err, c.req.path)))
  return app
}

let h: Harness
let app: OpenAPIHono
beforeAll(async () => {
  h = await startHarness()
  app = appWith(h.runtime.em)
})
afterAll(async () => {
  await h.close()
})

const get = (path: string, accept?: string) =>
  Promise.resolve(app.request(path, accept === undefined ? {} : { headers: { Accept: accept } }))

const badRequest = async (path: string, parameter: string) => {
  const res = await get(path)
  expect(res.status).toBe(400)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const problem = ProblemSchema.parse(await res.json())
  expect(problem.errors?.map((e) => e.parameter)).toContain(parameter)
  return problem
}

describe('GET /v1/reports/job-summary', () => {
  it('Should default to the last 24 hours and answer the JSON report', async () => {
    const res = await get('/v1/reports/job-summary')
    expect(res.status).toBe(200)
    const report = JobSummaryReportSchema.parse(await res.json())
    expect(report.window).toStrictEqual({
      from: new Date(DATASET_NOW.getTime() - 86_400_000).toISOString(),
      to: DATASET_NOW.toISOString(),
    })
    expect(report.complete).toBe(true)
    expect(report.rows.length).toBeGreaterThan(10)
  })

  it('Should take kinds repeated or comma-separated', async () => {
    const q = 'from=2026-10-30T00:00:00Z&to=2026-10-31T00:00:00%2B00:00'
    const a = JobSummaryReportSchema.parse(
      await (await get(`/v1/reports/job-summary?${q}&kind=cdp&kind=replica`)).json()
    )
    const b = JobSummaryReportSchema.parse(
      await (await get(`/v1/reports/job-summary?${q}&kind=replica,cdp`)).json()
    )
    expect(new Set(a.rows.map((r) => r.kind))).toStrictEqual(new Set(['replica', 'cdp']))
    expect(b.rows).toStrictEqual(a.rows)
  })

  it('Should answer CSV for Accept: text/csv with the same rows', async () => {
    const q = '/v1/reports/job-summary?from=2026-10-30T00:00:00Z&to=2026-10-31T00:00:00Z'
    const json = JobSummaryReportSchema.parse(await (await get(q)).json())
    const res = await get(q, 'text/csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="job-summary-20261030-20261031.csv"'
    )
    const lines = (await res.text()).split('\r\n')
    expect(lines[0]).toBe(JOB_SUMMARY_COLUMNS.join(','))
    expect(lines).toHaveLength(json.rows.length + 2)
  })

  it.each([
    ['from=2026-10-30T00:00:00', 'from'],
    ['to=yesterday', 'to'],
    ['from=2026-10-31T00:00:00Z&to=2026-10-30T00:00:00Z', 'to'],
    ['from=2026-10-31T00:00:00Z&to=2026-10-31T00:00:00Z', 'to'],
    ['from=2025-09-01T00:00:00Z&to=2026-10-31T00:00:00Z', 'from'],
    ['from=2025-09-01T00:00:00Z', 'from'],
    ['kind=backup,tape', 'kind'],
    ['pageSize=10', 'pageSize'],
  ])('Should refuse %s naming %s', async (query, parameter) => {
    await badRequest(`/v1/reports/job-summary?${query}`, parameter)
  })

  it('Should accept a window of exactly 31 days', async () => {
    const res = await get(
      '/v1/reports/job-summary?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z&kind=cdp'
    )
    expect(res.status).toBe(200)
  })

  it('Should answer 503 when EM cannot be reached at all', async () => {
    const down: EmClient = {
      query: () => Promise.reject(new EmUnreachableError()),
      getEntity: () => Promise.reject(new EmUnreachableError()),
      checkLogon: () => Promise.reject(new EmUnreachableError()),
      close: () => Promise.resolve(),
    }
    const res = await Promise.resolve(appWith(down).request('/v1/reports/job-summary'))
    expect(res.status).toBe(503)
    ProblemSchema.parse(await res.json())
  })
})

describe('GET /v1/reports/vm-protection', () => {
  it('Should use rpoHours: a larger RPO never protects fewer VMs', async () => {
    const q = '/v1/reports/vm-protection?from=2026-10-29T00:00:00Z&to=2026-10-31T00:00:00Z'
    const strict = VmProtectionReportSchema.parse(await (await get(`${q}&rpoHours=1`)).json())
    const lax = VmProtectionReportSchema.parse(await (await get(`${q}&rpoHours=48`)).json())
    const protectedCount = (r: typeof strict) => r.rows.filter((x) => x.status === 'protected').length
    expect(strict.rows.length).toBe(lax.rows.length)
    expect(protectedCount(lax)).toBeGreaterThan(protectedCount(strict))
  })

  it.each([['rpoHours=0'], ['rpoHours=-3'], ['rpoHours=abc']])('Should refuse %s', async (query) => {
    await badRequest(`/v1/reports/vm-protection?${query}`, 'rpoHours')
  })

  it('Should answer CSV with the reasons joined by ";"', async () => {
    const res = await get('/v1/reports/vm-protection?kind=backup', 'text/csv;q=0.9, application/json;q=0.5')
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect((await res.text()).split('\r\n')[0]).toContain('recentFailureReasons')
  })
})

describe('Accept negotiation', () => {
  it.each([
    [undefined, false],
    ['application/json', false],
    ['*/*', false],
    ['text/csv', true],
    ['text/csv, application/json', true],
    ['application/json, text/csv;q=0.5', false],
    ['text/csv;q=0, */*', false],
    ['TEXT/CSV', true],
  ])('Accept %s → CSV %s', (accept, csv) => {
    expect(wantsCsv(accept)).toBe(csv)
  })
})

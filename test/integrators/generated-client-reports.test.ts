/**
 * Both reports through the generated client against the real server over HTTP: typed JSON checked
 * against the simulator's data set, CSV by `Accept`, and a typed 400 problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../clients/typescript/index'
import type { ApiClient } from '../../clients/typescript/index'
import { PROBLEM_TYPES } from '../../shared/model/problem-types'
import { API_KEY } from '../support/harness'
import { startServed } from './served'
import type { Served } from './served'

let s: Served
let api: ApiClient
beforeAll(async () => {
  s = await startServed()
  api = createApiClient({ baseUrl: s.baseUrl, apiKey: API_KEY })
})
afterAll(async () => {
  await s.close()
})

/** A closed day of the data set, away from its "now". */
const day = () => {
  const to = new Date(s.h.sim.dataset.now.getTime() - 2 * 86_400_000)
  const from = new Date(to.getTime() - 86_400_000)
  return { from, to }
}

describe('reports through the generated client', () => {
  it('Should answer the job summary typed, one count per backup job session in the window', async () => {
    const { from, to } = day()
    const { data, response } = await api.GET('/v1/reports/job-summary', {
      params: { query: { from: from.toISOString(), to: to.toISOString(), kind: ['backup'] } },
    })
    expect(response.status).toBe(200)
    if (!data) throw new Error('no report')
    expect(data.window).toEqual({ from: from.toISOString(), to: to.toISOString() })
    expect(data.complete).toBe(true)
    expect(data.rows.length).toBeGreaterThan(0)
    expect(new Set(data.rows.map((r) => r.kind))).toEqual(new Set(['backup']))
    const expected = s.h.sim.dataset
      .sessions('BackupJobSession')
      .filter((x) => x.creationTime >= from && x.creationTime < to).length
    expect(data.rows.reduce((n, r) => n + r.sessions.total, 0)).toBe(expected)
  })

  it('Should answer VM protection typed, sorted unprotected, at-risk, protected', async () => {
    const { from, to } = day()
    const { data, response } = await api.GET('/v1/reports/vm-protection', {
      params: { query: { from: from.toISOString(), to: to.toISOString(), rpoHours: 12 } },
    })
    expect(response.status).toBe(200)
    if (!data) throw new Error('no report')
    expect(data.rows.length).toBeGreaterThan(0)
    const order = { unprotected: 0, 'at-risk': 1, protected: 2 } as const
    const ranks = data.rows.map((r) => order[r.status])
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    const vms = new Set(
      s.h.sim.dataset
        .sessions('BackupTaskSession')
        .filter((x) => x.creationTime >= from && x.creationTime < to)
        .map((x) => ('vmName' in x ? x.vmName : ''))
    )
    for (const vm of vms)
      expect(data.rows.some((r) => r.vmName === vm && r.kinds.includes('backup'))).toBe(true)
  })

  it('Should answer CSV for Accept: text/csv', async () => {
    const { from, to } = day()
    const { data, response } = await api.GET('/v1/reports/job-summary', {
      params: { query: { from: from.toISOString(), to: to.toISOString() } },
      headers: { Accept: 'text/csv' },
      parseAs: 'text',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    // Typed by the JSON media type; with parseAs 'text' the body arrives as the CSV text.
    const csv: unknown = data
    if (typeof csv !== 'string') throw new Error('CSV body is not text')
    const header = csv.split(/\r?\n/)[0] ?? ''
    expect(header.split(',')).toEqual(expect.arrayContaining(['kind', 'jobName', 'sessions.success']))
  })

  it('Should type a 400 as the Problem schema', async () => {
    const { data, error, response } = await api.GET('/v1/reports/vm-protection', {
      params: { query: { rpoHours: -1 } },
    })
    expect(data).toBeUndefined()
    expect(response.status).toBe(400)
    expect(error?.type).toBe(PROBLEM_TYPES.invalidParameters)
    expect(error?.errors?.map((e) => e.parameter)).toEqual(['rpoHours'])
  })
})

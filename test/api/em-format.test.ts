/**
 * What EM answers in: JSON with PascalCase keys (EM ≤ 12), JSON with camelCase keys (EM 13.0), or XML
 * (`EM_FORMAT=xml`, older servers). Every route answers exactly the same over all three: lists, gets,
 * children, both reports (JSON and CSV), deep health, and EM's errors mapped to the same problems.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'
import { FAMILY_KEYS as FAMILIES, PARENT_FAMILY_KEYS as PARENTS } from '../../shared/families/keys'
const WINDOW = 'from=2026-10-25T00:00:00Z&to=2026-10-31T06:30:00Z'

let pascal: Harness
const modes: Array<{ name: string; h: Harness; accept: string }> = []
beforeAll(async () => {
  // A long EM deadline (and so queue wait): on a loaded machine a report page must not become em-busy.
  const env = { EM_TIMEOUT_MS: '15000', EM_MAX_CONCURRENCY: '32' }
  pascal = await startHarness({ env })
  const camel = await startHarness({ simulator: { jsonCase: 'camel' }, env })
  const xml = await startHarness({ sim: pascal.sim, env: { ...env, EM_FORMAT: 'xml' } })
  modes.push(
    { name: 'camelCase JSON', h: camel, accept: 'application/json' },
    { name: 'XML', h: xml, accept: 'application/xml' }
  )
})
afterAll(async () => {
  for (const m of modes) await m.h.close()
  await pascal.close()
})

/** Status, content type and body of one route, with the run-dependent parts taken out. */
const answer = async (h: Harness, path: string, headers: Record<string, string> = {}) => {
  const res = await h.get(path, { headers })
  const text = await res.text()
  const type = res.headers.get('content-type') ?? ''
  const body: unknown = type.includes('json') ? JSON.parse(text) : text
  const stable = JSON.stringify(body)
    .replace(/"generatedAt":"[^"]*"/g, '"generatedAt":"-"')
    .replace(/"(durationMs|requestId|instance)":("[^"]*"|[\d.]+)/g, '"$1":"-"')
  return { status: res.status, type, body: stable }
}

const paths = async (): Promise<string[]> => {
  const out: string[] = []
  for (const f of FAMILIES) {
    const list = await pascal.json<{ items: Array<{ id: string }> }>(`/v1/${f}?pageSize=40`)
    out.push(
      `/v1/${f}?pageSize=40`,
      `/v1/${f}?pageSize=5&result=Failed,Warning`,
      `/v1/${f}/${list.body.items[3]?.id ?? ''}`
    )
    out.push(`/v1/${f}/00000000-0000-4000-8000-000000000000`) // EM's 404
    if ((PARENTS as readonly string[]).includes(f))
      out.push(`/v1/${f}/${list.body.items[0]?.id ?? ''}/task-sessions`)
  }
  out.push(`/v1/reports/job-summary?${WINDOW}`, `/v1/reports/vm-protection?${WINDOW}&rpoHours=12`)
  return out
}

describe.each([0, 1])('EM answer format %#', (i) => {
  it('Should answer every route exactly as from PascalCase JSON', async () => {
    const m = modes[i]
    if (m === undefined) throw new Error('mode not started')
    for (const path of await paths()) {
      const want = await answer(pascal, path)
      const got = await answer(m.h, path)
      expect(got, `${m.name}: ${path}`).toStrictEqual(want)
      expect([200, 404], path).toContain(got.status)
    }
    for (const path of ['/v1/reports/job-summary', '/v1/reports/vm-protection']) {
      const csv = { Accept: 'text/csv' }
      expect(await answer(m.h, `${path}?${WINDOW}`, csv)).toStrictEqual(
        await answer(pascal, `${path}?${WINDOW}`, csv)
      )
    }
    const health = await m.h.json<{ status: string; em?: { status: string } }>('/health?deep=true')
    expect(health.status).toBe(200)
    expect(JSON.stringify(health.body)).toContain('"ok"')
  })

  it('Should ask EM for its one format and map EM errors to the same problems', async () => {
    const m = modes[i]
    if (m === undefined) throw new Error('mode not started')
    m.h.sim.clearLog()
    await m.h.get('/v1/backup-task-sessions?pageSize=1')
    expect(m.h.sim.log.filter((e) => e.path === '/api/query').map((e) => e.accept)).toEqual([m.accept])
    const failOnce = (h: Harness) => {
      h.sim.setFaults({ status: 500, times: 1, match: { path: '/api/query' } })
      return answer(h, '/v1/backup-job-sessions?pageSize=1')
    }
    const want = await failOnce(pascal)
    const got = await failOnce(m.h)
    expect(got.status).toBe(502)
    expect(got).toStrictEqual(want)
    expect(got.body).toContain('Object reference not set to an instance of an object.')
  })
})

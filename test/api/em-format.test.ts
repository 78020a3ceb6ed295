/**
 * EM_FORMAT: the API asks EM for JSON by default (EM ≥ 9.5 U4) or XML (older servers), and answers
 * the same items either way.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'

let json: Harness
let xml: Harness
beforeAll(async () => {
  json = await startHarness()
  xml = await startHarness({ sim: json.sim, env: { EM_FORMAT: 'xml' } })
})
afterAll(async () => {
  await xml.close()
  await json.close()
})

it.each([
  '/v1/backup-task-sessions?pageSize=50',
  '/v1/replica-job-sessions?pageSize=20&result=Failed,Warning',
  '/v1/cdp-replica-task-sessions?pageSize=20',
])('Should answer the same items from EM JSON and EM XML: %s', async (path) => {
  json.sim.clearLog()
  const a = await json.json<{ items: unknown[] }>(path)
  const accepts = json.sim.log.filter((e) => e.path === '/api/query').map((e) => e.accept)
  const b = await xml.json<{ items: unknown[] }>(path)
  const both = json.sim.log.filter((e) => e.path === '/api/query').map((e) => e.accept)
  expect(accepts).toEqual(['application/json'])
  expect(both).toEqual(['application/json', 'application/xml'])
  expect(a.status).toBe(200)
  expect(b.body.items).toStrictEqual(a.body.items)
  expect(a.body.items.length).toBeGreaterThan(0)
})

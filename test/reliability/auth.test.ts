/**
 * @module Auth abuse: missing, wrong-scheme, empty, wrong-length and near-miss keys are 401 problems
 * with nothing sent to EM (not even a logon); auth runs before validation; keys never appear in
 * responses or logs; a deployment with no keys configured refuses every `/v1` call.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../shared/config/env'
import { createRuntime } from '../../shared/runtime'
import { API_KEY, startHarness } from '../support/harness'
import type { Harness, LogLine } from '../support/harness'
import { expectProblem } from './support/problem'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

const LIST = '/v1/backup-job-sessions?pageSize=2'

/** Sends `headers` (no default key) and expects a 401 problem, no EM traffic at all, no key echoed. */
const expect401 = async (path: string, headers: Record<string, string>) => {
  const before = h.sim.log.length
  const res = await h.get(path, { key: null, headers })
  const text = await res.clone().text()
  const p = await expectProblem(res, 401)
  expect(p.type).toBe('urn:em-sessions-api:problem:unauthorized')
  expect(h.sim.log.length).toBe(before)
  const echoed = `${text}\n${JSON.stringify([...res.headers])}`
  expect(echoed).not.toContain(API_KEY)
  const sent = headers['Authorization']
  if (sent !== undefined && sent.length > 8) expect(echoed).not.toContain(sent)
}

const flipCase = (s: string) => s.replace(/[a-z]/, (c) => c.toUpperCase())

describe('bearer auth', () => {
  it('Should let the right key in (control)', async () => {
    expect((await h.get(LIST)).status).toBe(200)
  })

  it.each([
    ['no Authorization header', {}],
    ['Basic credentials', { Authorization: `Basic ${Buffer.from(`user:${API_KEY}`).toString('base64')}` }],
    ['the bare key', { Authorization: API_KEY }],
    ['an empty bearer', { Authorization: 'Bearer ' }],
    ['a bearer of spaces', { Authorization: 'Bearer     ' }],
    ['the scheme alone', { Authorization: 'Bearer' }],
    ['a wrong-length key', { Authorization: 'Bearer short' }],
    ['a very long key', { Authorization: `Bearer ${'k'.repeat(4000)}` }],
    ['the key minus its last character', { Authorization: `Bearer ${API_KEY.slice(0, -1)}` }],
    ['the key minus its first character', { Authorization: `Bearer ${API_KEY.slice(1)}` }],
    ['the key plus a suffix', { Authorization: `Bearer ${API_KEY}x` }],
    ['a prefix plus the key', { Authorization: `Bearer x${API_KEY}` }],
    ['the key with one letter upper-cased', { Authorization: `Bearer ${flipCase(API_KEY)}` }],
    ['the key upper-cased', { Authorization: `Bearer ${API_KEY.toUpperCase()}` }],
    ['two keys', { Authorization: `Bearer ${API_KEY} ${API_KEY}` }],
    ['the key in X-Api-Key', { 'X-Api-Key': API_KEY }],
    ['the key in a cookie', { Cookie: `Authorization=Bearer ${API_KEY}` }],
  ])('Should answer 401 to %s, sending nothing to EM', async (_name, headers) => {
    await expect401(LIST, headers)
  })

  it('Should refuse every one-character variant of the key (property)', async () => {
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!'
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: API_KEY.length - 1 }),
        fc.constantFrom(...chars),
        fc.constantFrom('replace', 'insert', 'delete'),
        async (at, ch, op) => {
          const key =
            op === 'replace'
              ? API_KEY.slice(0, at) + ch + API_KEY.slice(at + 1)
              : op === 'insert'
                ? API_KEY.slice(0, at) + ch + API_KEY.slice(at)
                : API_KEY.slice(0, at) + API_KEY.slice(at + 1)
          fc.pre(key !== API_KEY)
          await expect401(LIST, { Authorization: `Bearer ${key}` })
        }
      ),
      { numRuns: 80 }
    )
  })

  it.each([
    ['bad parameters', '/v1/backup-job-sessions?pageSize=0&nope=1&createdAfter=yesterday'],
    ['a bad id', '/v1/backup-job-sessions/not-a-guid'],
    ['an unknown /v1 route', '/v1/no-such-route'],
    ['a forged page token', '/v1/backup-job-sessions?pageToken=abc.def'],
  ])('Should check auth before anything else: no key and %s is a 401', async (_name, path) => {
    await expect401(path, {})
    await expect401(path, { Authorization: 'Bearer wrong-key-0123456789abcdef' })
  })

  it('Should never log a key, right or wrong', async () => {
    await h.get(LIST)
    await h.get(LIST, { key: 'wrong-key-never-logged-42' })
    const logged = JSON.stringify(h.logs)
    expect(logged).not.toContain(API_KEY)
    expect(logged).not.toContain('wrong-key-never-logged-42')
    expect(h.logs.some((l) => l.message === 'request' && l.attributes['status'] === 401)).toBe(true)
  })
})

describe('a deployment with no API keys configured', () => {
  it('Should refuse every /v1 call, whatever the key, and still serve the public routes', async () => {
    const logs: LogLine[] = []
    const record =
      (level: LogLine['level']) =>
      (message: string, attributes: Record<string, unknown> = {}) =>
        logs.push({ level, message, attributes })
    const runtime = createRuntime(
      loadConfig({
        EM_URL: h.sim.url,
        EM_USERNAME: h.sim.credentials.username,
        EM_PASSWORD: h.sim.credentials.password,
        PAGE_TOKEN_KEY: 'no-keys',
      }),
      { deployed: true, logger: { info: record('info'), warn: record('warn'), error: record('error') } }
    )
    try {
      const before = h.sim.log.length
      for (const auth of [
        undefined,
        'Bearer ',
        `Bearer ${API_KEY}`,
        'Bearer dev',
        'Bearer undefined',
        'Bearer null',
      ]) {
        for (const path of [LIST, '/v1/backup-task-sessions', '/v1/cdp-replica-sessions/not-a-guid']) {
          const headers: Record<string, string> = auth === undefined ? {} : { Authorization: auth }
          await expectProblem(await runtime.app.request(path, { headers }), 401)
        }
      }
      expect(h.sim.log.length).toBe(before)
      expect((await runtime.app.request('/health')).status).toBe(200)
      expect((await runtime.app.request('/openapi.json')).status).toBe(200)
    } finally {
      await runtime.dispose()
    }
  })
})

/**
 * Bad parameters, auth and EM failures: each gives the contract's problem response, bad input never
 * reaches EM, and the next normal call works.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Problem } from '../../shared/model/problem'
import { API_KEY, startHarness } from '../support/harness'
import type { Harness } from '../support/harness'

let h: Harness
let PASSWORD = ''
beforeAll(async () => {
  h = await startHarness({ env: { EM_TIMEOUT_MS: '500' } })
  PASSWORD = h.sim.credentials.password
})
afterAll(async () => {
  await h.close()
})
afterEach(() => {
  h.sim.clearFaults()
  h.sim.setPassword(PASSWORD)
})

const problemOf = async (res: Response): Promise<Problem> => {
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const body = (await res.json()) as Problem
  expect(body.status).toBe(res.status)
  expect(body.type).toMatch(/^urn:em-sessions-api:problem:/)
  expect(JSON.stringify(body)).not.toMatch(/\bat \S+ \(|\.ts:\d+|StackTrace/)
  return body
}

describe('bad parameters', () => {
  it.each([
    ['/v1/backup-job-sessions?pageSize=0', ['pageSize']],
    ['/v1/backup-job-sessions?pageSize=1001', ['pageSize']],
    ['/v1/backup-job-sessions?pageSize=1e400', ['pageSize']],
    ['/v1/backup-job-sessions?pageSize=abc', ['pageSize']],
    ['/v1/backup-job-sessions?createdAfter=2026-01-01T00:00:00', ['createdAfter']],
    ['/v1/backup-job-sessions?createdBefore=yesterday', ['createdBefore']],
    ['/v1/backup-job-sessions?state=Completed', ['state']],
    ['/v1/backup-task-sessions?state=Working', ['state']],
    ['/v1/backup-job-sessions?result=Succeeded', ['result']],
    ['/v1/backup-job-sessions?jobId=42', ['jobId']],
    ['/v1/backup-job-sessions?vmName=x', ['vmName']],
    ['/v1/backup-job-sessions?sort=name', ['sort']],
    ['/v1/backup-job-sessions?foo=1&bar=2', ['foo', 'bar']],
    [
      '/v1/backup-job-sessions?pageSize=0&result=X&backupServerId=nope',
      ['pageSize', 'result', 'backupServerId'],
    ],
    ['/v1/cdp-replica-sessions?jobName=x', ['jobName']],
    ['/v1/backup-job-sessions/not-a-guid', ['id']],
    ['/v1/backup-job-sessions/not-a-guid/task-sessions', ['id']],
    [
      '/v1/backup-job-sessions/7445e6ce-86f5-4171-b909-dac209c66563/task-sessions?jobSessionId=7445e6ce-86f5-4171-b909-dac209c66563',
      ['jobSessionId'],
    ],
    ['/health?deep=yes', ['deep']],
  ])('Should answer 400 naming each bad parameter, without calling EM: %s', async (url, params) => {
    const before = h.emQueries()
    const res = await h.get(url)
    expect(res.status).toBe(400)
    const problem = await problemOf(res)
    expect(problem.errors?.map((e) => e.parameter).sort()).toEqual([...params].sort())
    expect(h.emQueries()).toBe(before)
  })
})

describe('auth', () => {
  it.each([
    ['no key', null],
    ['a wrong key', 'wrong-key'],
    ['a near-miss key', 'test-key-0123456789abcdeF'],
  ] as [string, string | null][])(
    'Should answer 401 for %s, before validating, without calling EM',
    async (_n, key) => {
      const before = h.emQueries()
      for (const url of ['/v1/backup-job-sessions', '/v1/backup-job-sessions?pageSize=0&nope=1']) {
        const res = await h.get(url, { key })
        expect(res.status).toBe(401)
        await problemOf(res)
      }
      expect(h.emQueries()).toBe(before)
    }
  )

  it('Should reject Basic and malformed Authorization headers', async () => {
    for (const value of ['Basic dGVzdDp0ZXN0', 'Bearer', 'Bearer  ', 'bearer', 'test-key-0123456789abcdef']) {
      const res = await h.get('/v1/backup-job-sessions', { key: null, headers: { Authorization: value } })
      expect(res.status, value).toBe(401)
    }
  })

  it('Should accept the scheme in any case (RFC 9110)', async () => {
    const res = await h.get('/v1/backup-job-sessions?pageSize=1', {
      key: null,
      headers: { Authorization: `bearer ${API_KEY}` },
    })
    expect(res.status).toBe(200)
  })

  it('Should serve /health, /openapi.json and /docs without a key', async () => {
    for (const url of ['/health', '/openapi.json', '/docs'])
      expect((await h.get(url, { key: null })).status, url).toBe(200)
  })
})

describe('methods', () => {
  const ALLOW = 'GET, HEAD, OPTIONS'
  const send = (path: string, method: string, key: string | null) =>
    Promise.resolve(
      h.runtime.app.request(path, { method, headers: key ? { Authorization: `Bearer ${key}` } : {} })
    )

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'Should answer %s on a known path with 405 and Allow (after auth on /v1)',
    async (method) => {
      for (const [path, key, status] of [
        ['/v1/backup-job-sessions', API_KEY, 405],
        ['/v1/backup-job-sessions/00000000-0000-4000-8000-000000000000', API_KEY, 405],
        ['/v1/reports/job-summary.csv', API_KEY, 405],
        ['/health', null, 405],
        ['/v1/backup-job-sessions', null, 401],
        ['/v1/nope', null, 401],
        ['/v1/nope', API_KEY, 404],
        ['/nope', null, 404],
      ] as const) {
        const res = await send(path, method, key)
        expect(res.status, `${method} ${path}`).toBe(status)
        await problemOf(res)
        if (status === 405) expect(res.headers.get('allow')).toBe(ALLOW)
        if (status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer')
      }
    }
  )

  it('Should answer OPTIONS on a known path with 204 and Allow, and 404 on an unknown one', async () => {
    const known = await send('/v1/backup-job-sessions', 'OPTIONS', API_KEY)
    expect(known.status).toBe(204)
    expect(known.headers.get('allow')).toBe(ALLOW)
    expect((await send('/docs', 'OPTIONS', null)).headers.get('allow')).toBe(ALLOW)
    expect((await send('/nope', 'OPTIONS', null)).status).toBe(404)
    expect((await send('/v1/backup-job-sessions', 'OPTIONS', null)).status).toBe(401)
  })

  it('Should answer HEAD like GET, without a body', async () => {
    const res = await send('/v1/backup-job-sessions?pageSize=1', 'HEAD', API_KEY)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('query parameter names', () => {
  it.each([
    ['?=x', ''],
    ['?pageSize=1&pageSize=2', 'pageSize'],
    ['?jobName=a&jobName=b', 'jobName'],
    ['?sort=creationTime&sort=creationTime', 'sort'],
  ])('Should refuse %s with a 400 naming the parameter', async (query, parameter) => {
    const res = await h.get(`/v1/backup-job-sessions${query}`)
    expect(res.status).toBe(400)
    const p = await problemOf(res)
    expect(p.errors?.map((e) => e.parameter)).toContain(parameter)
  })

  it.each(['jobName=a%0Db', 'jobName=a%0Ab', 'jobName=a%00b', 'vmName=x%09y', 'backupServerName=%7F'])(
    'Should refuse control characters in a name filter (%s) with a 400, sending nothing to EM',
    async (query) => {
      const before = h.emQueries()
      const res = await h.get(`/v1/backup-task-sessions?${query}`)
      expect(res.status).toBe(400)
      const p = await problemOf(res)
      expect(p.errors?.map((e) => e.parameter)).toEqual([query.split('=')[0]])
      expect(h.emQueries()).toBe(before)
    }
  )

  it('Should accept a repeatable enum given several times', async () => {
    expect((await h.get('/v1/backup-job-sessions?pageSize=1&result=Failed&result=Warning')).status).toBe(200)
  })

  it('Should say WWW-Authenticate: Bearer on every 401', async () => {
    for (const path of ['/v1/backup-job-sessions', '/health?deep=true', '/v1/reports/vm-protection.csv']) {
      const res = await h.get(path, { key: 'wrong-key-0123456789abcdef0123456789' })
      expect(res.status, path).toBe(401)
      expect(res.headers.get('www-authenticate'), path).toBe('Bearer')
    }
  })
})

describe('EM failures', () => {
  it.each([
    ['EM 500 with a stack trace', { status: 500 }, 502],
    ['EM 503', { status: 503 }, 503],
    ['a malformed body', { malformed: true }, 502],
    ['a truncated body', { truncate: true }, 502],
    ['a connection reset', { reset: true }, 503],
    ['a hang', { hang: true }, 504],
    ['EM 404 on a list (not a missing session)', { status: 404 }, 502],
  ] as const)('Should map %s to %i, then recover', async (_name, fault, status) => {
    h.sim.setFaults({ ...fault, match: { path: /\/api\/query/ }, times: 5 })
    const res = await h.get('/v1/backup-job-sessions?pageSize=3')
    expect(res.status).toBe(status)
    const problem = await problemOf(res)
    expect(problem.detail).not.toMatch(/password|X-RestSvcSessionId/i)
    h.sim.clearFaults()
    expect((await h.get('/v1/backup-job-sessions?pageSize=3')).status).toBe(200)
  })

  it('Should log on again when the EM session expired, once', async () => {
    expect((await h.get('/v1/backup-job-sessions?pageSize=1')).status).toBe(200)
    const logons = h.sim.logonCount
    h.sim.expireSessions()
    expect((await h.get('/v1/backup-job-sessions?pageSize=1')).status).toBe(200)
    expect(h.sim.logonCount).toBe(logons + 1)
  })

  it('Should answer 503 when EM rejects the credentials, and recover when they work again', async () => {
    const password = h.sim.credentials.password
    h.sim.setPassword('rotated-elsewhere')
    h.sim.expireSessions()
    const res = await h.get('/v1/backup-job-sessions?pageSize=1')
    expect(res.status).toBe(503)
    expect(JSON.stringify(await problemOf(res))).not.toContain(password)
    h.sim.setPassword(password)
    expect((await h.get('/v1/backup-job-sessions?pageSize=1')).status).toBe(200)
  })

  it('Should report the logon time with /health?deep=true', async () => {
    const { status, body } = await h.json<{ status: string; em: { logonMs: number } }>('/health?deep=true')
    expect(status).toBe(200)
    expect(body.em.logonMs).toBeGreaterThanOrEqual(0)
  })
})

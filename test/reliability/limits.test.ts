/**
 * @module Limits and response hygiene: an over-long URL is a 414 problem, out-of-range page sizes are
 * 400s, a 20 KB header line is refused by Node's own server (431) with no stack trace, CORS headers
 * appear only for configured origins, every response carries the security headers and no banner,
 * and other methods never reach a 5xx.
 */
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'
import { expectProblem, stackHits } from './support/problem'
import { LOCAL_SERVER_OPTIONS } from '../../shared/app'

let h: Harness
let cors: Harness
let server: ReturnType<typeof serve>
let base = ''

beforeAll(async () => {
  h = await startHarness()
  cors = await startHarness({ env: { CORS_ORIGINS: 'https://ok.example, https://also-ok.example' } })
  await new Promise<void>((resolve) => {
    server = serve(
      { fetch: h.runtime.app.fetch, serverOptions: LOCAL_SERVER_OPTIONS, hostname: '127.0.0.1', port: 0 },
      () => resolve()
    )
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await h.close()
  await cors.close()
})

/** A raw request through the real Node server: status, headers and body text. */
const raw = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() })
      )
    })
    req.on('error', reject)
    req.end()
  })

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': expect.stringMatching(/^max-age=\d+/) as unknown,
  'content-security-policy': expect.stringContaining("default-src 'none'") as unknown,
  'cache-control': expect.any(String) as unknown,
}

const expectSecurityHeaders = (headers: Headers) => {
  const got = Object.fromEntries(headers)
  expect(got).toMatchObject(SECURITY_HEADERS)
  expect(got['server']).toBeUndefined()
  expect(got['x-powered-by']).toBeUndefined()
}

describe('limits', () => {
  it('Should answer 414 with a problem for a URL over 8192 characters, with or without a key', async () => {
    const path = `/v1/backup-job-sessions?jobName=${'a'.repeat(8200)}`
    const before = h.emQueries()
    const p = await expectProblem(await h.get(path), 414)
    expect(p.type).toBe('urn:em-sessions-api:problem:request-too-large')
    await expectProblem(await h.get(path, { key: null }), 414)
    expect(h.emQueries()).toBe(before)
    const viaNode = await raw(path, { Authorization: 'Bearer x' })
    expect(viaNode.status).toBe(414)
    expect(viaNode.headers['content-type']).toBe('application/problem+json')
  })

  it.each(['0', '1001', '-1', '1.5', 'abc', '', '1e4', '99999999999999999999'])(
    'Should answer 400 naming pageSize for pageSize=%j',
    async (size) => {
      const p = await expectProblem(await h.get(`/v1/backup-task-sessions?pageSize=${size}`), 400)
      expect([...new Set(p.errors?.map((e) => e.parameter))]).toEqual(['pageSize'])
    }
  )

  it('Should accept pageSize 1 and 1000', async () => {
    expect((await h.get('/v1/backup-task-sessions?pageSize=1')).status).toBe(200)
    expect((await h.get('/v1/backup-task-sessions?pageSize=1000')).status).toBe(200)
  })

  it('Should answer a URL over 8192 characters with its own 414 problem, not an empty 431 from Node', async () => {
    const res = await raw(`/v1/backup-job-sessions?jobName=${'x'.repeat(12_000)}`)
    expect(res.status).toBe(414)
    expect(JSON.parse(res.body)).toMatchObject({
      status: 414,
      type: 'urn:em-sessions-api:problem:request-too-large',
    })
  })

  it('Should refuse a 100 KB header line in Node itself (431), with no stack trace', async () => {
    const res = await raw('/v1/backup-job-sessions', { 'X-Filler': 'x'.repeat(100 * 1024) })
    expect(res.status).toBe(431)
    expect(stackHits(res.body)).toEqual([])
    // The server keeps serving.
    expect((await raw('/health')).status).toBe(200)
  })
})

describe('CORS', () => {
  it('Should send no Access-Control-* header when CORS_ORIGINS is not configured', async () => {
    const get = await h.get('/v1/backup-job-sessions?pageSize=1', {
      headers: { Origin: 'https://ok.example' },
    })
    const preflight = await h.runtime.app.request('/v1/backup-job-sessions', {
      method: 'OPTIONS',
      headers: { Origin: 'https://ok.example', 'Access-Control-Request-Method': 'GET' },
    })
    for (const res of [get, preflight])
      expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([])
  })

  it('Should allow only the listed origins when configured', async () => {
    const ok = await cors.get('/v1/backup-job-sessions?pageSize=1', {
      headers: { Origin: 'https://ok.example' },
    })
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://ok.example')
    const preflight = await cors.runtime.app.request('/v1/backup-job-sessions', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://also-ok.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    })
    expect(preflight.status).toBeLessThan(300)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://also-ok.example')
    for (const origin of [
      'https://evil.example',
      'https://ok.example.evil.example',
      'null',
      'https://OK.example',
    ]) {
      const res = await cors.get('/v1/backup-job-sessions?pageSize=1', { headers: { Origin: origin } })
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull()
      expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    }
  })
})

describe('response hygiene', () => {
  const cases: [string, () => Promise<Response>, number][] = [
    ['a list (200)', () => h.get('/v1/backup-job-sessions?pageSize=1'), 200],
    ['bad parameters (400)', () => h.get('/v1/backup-job-sessions?pageSize=0'), 400],
    ['no key (401)', () => h.get('/v1/backup-job-sessions', { key: null }), 401],
    ['an unknown route (404)', () => h.get('/v1/nothing-here'), 404],
    ['an unknown id (404)', () => h.get('/v1/backup-job-sessions/00000000-0000-4000-8000-000000000000'), 404],
    [
      'an EM failure (502)',
      async () => {
        h.sim.setFaults({ status: 500 })
        try {
          return await h.get('/v1/backup-job-sessions?pageSize=1')
        } finally {
          h.sim.clearFaults()
        }
      },
      502,
    ],
    ['/docs', () => h.get('/docs', { key: null }), 200],
    ['/openapi.json', () => h.get('/openapi.json', { key: null }), 200],
    ['/health', () => h.get('/health', { key: null }), 200],
  ]
  it.each(cases)('Should send the security headers and no banner on %s', async (_name, send, status) => {
    const res = await send()
    expect(res.status).toBe(status)
    expectSecurityHeaders(res.headers)
    if (status >= 400) expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('Should send them through the real Node server too, with no Server header', async () => {
    for (const path of ['/health', '/v1/backup-job-sessions', '/docs', '/nothing']) {
      const res = await raw(path)
      expectSecurityHeaders(new Headers(res.headers as Record<string, string>))
      expect(stackHits(res.body)).toEqual([])
    }
  })

  it('Should answer TRACE and an unknown method through Node without a 5xx', async () => {
    for (const method of ['TRACE', 'PROPFIND']) {
      const res = await raw('/v1/backup-job-sessions', {}, method)
      expect(res.status, method).toBeLessThan(500)
      expect(stackHits(res.body)).toEqual([])
    }
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])(
    'Should answer %s without a 5xx or a stack trace',
    async (method) => {
      for (const path of ['/v1/backup-job-sessions', '/health', '/openapi.json']) {
        const res = await h.runtime.app.request(path, {
          method,
          headers: { Authorization: 'Bearer test-key-0123456789abcdef' },
        })
        expect(res.status, `${method} ${path}`).toBeLessThan(500)
        expectSecurityHeaders(res.headers)
        expect(stackHits(await res.text())).toEqual([])
      }
    }
  )
})

/**
 * @module The security review's abuse suite, over HTTP against the real simulator: what a stranger can
 * do without a key (deep health: 401, no EM traffic, nothing about the setup), what one key can do to
 * everyone else (deep checks shared: one logon for 20 calls; reports bounded per key), what EM's own
 * text can leak (username, password, Basic form and session token: in no response, each in the log
 * once), and the smaller findings (X-Request-Id on errors, key id in the log, `/docs/constructor`,
 * the origin-verify header in front of the WAF).
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'
import { startChattyEmProxy } from './support/chatty-em-proxy'
import type { ChattyEmProxy } from './support/chatty-em-proxy'
import { expectProblem } from './support/problem'

const KEY_A = 'security-suite-key-a-0123456789abcdef'
const KEY_B = 'security-suite-key-b-0123456789abcdef'
const logons = (h: Harness) =>
  h.sim.log.filter((e) => e.method === 'POST' && /sessionMngr/.test(e.path)).length

describe('/health?deep=true without a key', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ env: { API_KEYS: KEY_A } })
  })
  afterAll(() => h.close())

  it.each([
    ['no key', '/health?deep=true', null],
    ['a wrong key', '/health?deep=true', 'wrong-key-0123456789abcdef0123456789'],
    ['no key and a bad value', '/health?deep=yes', null],
  ])('Should answer 401 for %s, with nothing sent to EM', async (_name, path, key) => {
    const before = h.sim.log.length
    const p = await expectProblem(await h.get(path, { key }), 401)
    expect(p.detail).not.toMatch(/configured|EM|Enterprise|certificate|resolve|host/i)
    expect(h.sim.log.length).toBe(before)
  })

  it('Should still answer plain /health (and deep=false) without a key or EM', async () => {
    const before = h.sim.log.length
    for (const path of ['/health', '/health?deep=false']) {
      const res = await h.get(path, { key: null })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok' })
    }
    expect(h.sim.log.length).toBe(before)
  })

  it('Should say nothing about the setup to a stranger when no key is configured', async () => {
    const bare = await startHarness({ sim: h.sim, env: { API_KEYS: '', EM_URL: 'https://em.invalid:9398' } })
    try {
      for (const path of ['/health?deep=true', '/v1/backup-job-sessions'])
        for (const key of [null, KEY_A]) {
          const text = JSON.stringify(await expectProblem(await bare.get(path, { key }), 401))
          expect(text).not.toMatch(/configured|em\.invalid|certificate|resolve/i)
        }
      expect(bare.logs.some((l) => l.level === 'warn' && /no API keys/.test(l.message))).toBe(true)
    } finally {
      await bare.close()
    }
  })
})

describe('/health?deep=true with a key', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ env: { API_KEYS: KEY_A } })
  })
  afterAll(() => h.close())

  it('Should log on to EM once for 20 checks within 30 s (10 at once, then 10 one by one)', async () => {
    const before = logons(h)
    const bodies: unknown[] = []
    const at = await Promise.all(Array.from({ length: 10 }, () => h.get('/health?deep=true', { key: KEY_A })))
    for (const res of at) bodies.push(await res.json())
    for (let i = 0; i < 10; i += 1)
      bodies.push(await (await h.get('/health?deep=true', { key: KEY_A })).json())
    expect(logons(h) - before).toBe(1)
    const first = bodies[0] as { status: string; em: { logonMs: number; checkedAt: string } }
    expect(first.status).toBe('ok')
    expect(first.em.logonMs).toBeGreaterThanOrEqual(0)
    // Every caller got the one shared check.
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1)
  })
})

describe("EM's error text", () => {
  let h: Harness
  let proxy: ChattyEmProxy
  beforeAll(async () => {
    const sim = await (
      await import('../../tools/em-simulator/index')
    ).startSimulator({
      now: new Date('2026-11-01T12:00:00.000Z'),
    })
    proxy = await startChattyEmProxy(sim.url, sim.credentials)
    h = await startHarness({ sim, env: { API_KEYS: KEY_A, EM_URL: proxy.url } })
    // close() leaves a given simulator alone: close it after.
    const close = h.close
    h.close = async () => {
      await close()
      await sim.close()
    }
  })
  afterAll(async () => {
    await h.close()
    await proxy.close()
  })

  const secretsOf = () => {
    const { username, password } = h.sim.credentials
    return {
      username,
      password,
      basic: Buffer.from(`${username}:${password}`).toString('base64'),
      tokens: [...proxy.tokens],
    }
  }

  /** Calls `path` with EM armed to leak, and checks the response and the log. */
  const leakCheck = async (arm: 'query' | 'logon', path: string) => {
    const said = proxy.said.length
    const logged = h.logs.length
    proxy.arm(arm)
    const res = await h.get(path, { key: KEY_A })
    const text = `${JSON.stringify([...res.headers])}\n${await res.text()}`
    expect(res.status).toBe(502)
    expect(proxy.said.length).toBe(said + 1)
    const message = proxy.said[said] ?? ''
    const { username, password, basic, tokens } = secretsOf()
    for (const s of [username, password, basic, ...tokens]) expect(text).not.toContain(s)
    expect(text).toContain('[redacted]')
    // The whole text is in the log, once.
    const lines = h.logs
      .slice(logged)
      .map((l) => JSON.stringify(l))
      .filter((l) => l.includes(JSON.stringify(message).slice(1, -1)))
    expect(lines).toHaveLength(1)
    for (const s of [password, basic]) expect(lines[0]).toContain(s)
    return message
  }

  it('Should scrub a logon error on deep health (username, password, Basic)', async () => {
    const said = await leakCheck('logon', '/health?deep=true')
    expect(said).toContain(h.sim.credentials.password)
  })

  it('Should scrub a list error carrying the username, password and the session token', async () => {
    await h.get('/v1/backup-job-sessions?pageSize=1', { key: KEY_A })
    const said = await leakCheck('query', '/v1/backup-job-sessions?pageSize=1')
    expect([...proxy.tokens].some((t) => said.includes(t))).toBe(true)
  })

  it('Should scrub a logon error on the list path (EM expired the session)', async () => {
    h.sim.expireSessions()
    await leakCheck('logon', '/v1/backup-task-sessions?pageSize=1')
  })

  it('Should scrub an item error', async () => {
    await leakCheck('query', '/v1/backup-job-sessions/7445e6ce-86f5-4171-b909-dac209c66563')
  })
})

describe('one key cannot starve the others', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ env: { API_KEYS: `${KEY_A},${KEY_B}`, REPORTS_PER_KEY: '2' } })
  })
  afterAll(() => h.close())

  it('Should run at most 2 reports at once per key (429 with Retry-After), the other key unaffected', async () => {
    h.sim.setFaults({ latencyMs: 400 })
    try {
      const path = '/v1/reports/job-summary'
      const a = await Promise.all([1, 2, 3].map(() => h.get(path, { key: KEY_A })))
      const b = await h.get(path, { key: KEY_B })
      const statuses = a.map((r) => r.status).sort()
      expect(statuses).toEqual([200, 200, 429])
      const refused = a.find((r) => r.status === 429)
      if (!refused) throw new Error('no 429')
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
      await expectProblem(refused, 429)
      expect(b.status).toBe(200)
    } finally {
      h.sim.clearFaults()
    }
    // The slots are given back.
    expect((await h.get('/v1/reports/job-summary', { key: KEY_A })).status).toBe(200)
  })
})

describe('smaller findings', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ env: { API_KEYS: KEY_A } })
  })
  afterAll(() => h.close())

  it.each([
    ['a 401', '/v1/backup-job-sessions', null],
    ['a 400', '/v1/backup-job-sessions?pageSize=0', KEY_A],
    ['a 404', '/nothing', null],
    ['a deep-health 401', '/health?deep=true', null],
  ])('Should keep X-Request-Id on %s', async (_n, path, key) => {
    const res = await h.get(path, { key })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('Should keep X-Request-Id on a 502', async () => {
    h.sim.setFaults({ status: 500, match: { path: 'query' } })
    try {
      const res = await h.get('/v1/backup-job-sessions?pageSize=1', { key: KEY_A })
      expect(res.status).toBe(502)
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    } finally {
      h.sim.clearFaults()
    }
  })

  it('Should log which key made a /v1 call by a short id, never the key', async () => {
    await h.get('/v1/backup-job-sessions?pageSize=1', { key: KEY_A })
    const id = createHash('sha256').update(KEY_A).digest('hex').slice(0, 8)
    const line = h.logs
      .filter((l) => l.message === 'request' && l.attributes['path'] === '/v1/backup-job-sessions')
      .at(-1)
    expect(line?.attributes['keyId']).toBe(id)
    expect(JSON.stringify(h.logs)).not.toContain(KEY_A)
  })

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'Should answer /docs/%s with a 404, not a 500',
    async (name) => {
      await expectProblem(await h.get(`/docs/${name}`, { key: null }), 404)
      expect(
        h.logs.filter((l) => l.level === 'error' && String(l.attributes['path']).startsWith('/docs'))
      ).toEqual([])
    }
  )
})

describe('the origin-verify header (CloudFront in front of the WAF)', () => {
  const ORIGIN = 'origin-verify-0123456789abcdef0123456789abcdef'
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ env: { API_KEYS: KEY_A, ORIGIN_VERIFY: ORIGIN } })
  })
  afterAll(() => h.close())

  it('Should refuse a request that bypasses CloudFront with 403, before auth and EM', async () => {
    const before = h.sim.log.length
    for (const path of ['/health', '/v1/backup-job-sessions'])
      for (const headers of [{}, { 'X-Origin-Verify': 'guess' }] as Record<string, string>[])
        await expectProblem(await h.get(path, { key: KEY_A, headers }), 403)
    expect(h.sim.log.length).toBe(before)
  })

  it('Should serve a request that came through CloudFront', async () => {
    const res = await h.get('/v1/backup-job-sessions?pageSize=1', {
      key: KEY_A,
      headers: { 'X-Origin-Verify': ORIGIN },
    })
    expect(res.status).toBe(200)
  })
})

/**
 * HTTP done to the letter (api-contract.md, "Protocol details (second edition)"), over real sockets
 * (`node:http`, so TRACE and HEAD go out as sent): every route answers GET and HEAD; OPTIONS → 204
 * with `Allow: GET, HEAD, OPTIONS`; other methods → 405 problem with the same `Allow`; unknown paths
 * → 404 problem; `/v1` without a key → 401 with `WWW-Authenticate: Bearer`, whatever the method or
 * path; `?=x` and a non-repeatable parameter twice → 400 naming it; 503 and 504 carry `Retry-After`;
 * every answer carries `X-Request-Id`; and the local server (`npm start`) answers a URL over 8192
 * characters with a 414 problem, not Node's empty 431. Paths come from the committed document.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY } from '../support/harness'
import { startServed } from '../integrators/served'
import type { Served } from '../integrators/served'

const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>
}
const ALLOW = 'GET, HEAD, OPTIONS'
const OTHER_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'] as const

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Every answer seen, for the X-Request-Id check at the end. */
const seen: { what: string; requestId: string | undefined }[] = []

const raw = (
  base: string,
  method: string,
  path: string,
  opts: { key?: string | null; headers?: Record<string, string> } = {}
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const url = new URL(base)
    const key = opts.key === undefined ? API_KEY : opts.key
    const headers: Record<string, string> = { ...opts.headers }
    if (key !== null) headers['authorization'] = `Bearer ${key}`
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const requestId = res.headers['x-request-id']
        seen.push({
          what: `${method} ${path.slice(0, 80)} → ${res.statusCode ?? 0}`,
          requestId: typeof requestId === 'string' ? requestId : undefined,
        })
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })

const header = (a: Answer, name: string): string => {
  const v = a.headers[name.toLowerCase()]
  return Array.isArray(v) ? v.join(', ') : (v ?? '')
}

const problem = (a: Answer): { status?: unknown; type?: unknown; errors?: { parameter?: unknown }[] } => {
  expect(header(a, 'content-type')).toMatch(/^application\/problem\+json/)
  return JSON.parse(a.body) as { status?: unknown; type?: unknown; errors?: { parameter?: unknown }[] }
}

/** What differs from `want` in an answer: status, headers (exact or by pattern), problem body. */
const differences = (
  what: string,
  a: Answer,
  want: { status: number; headers?: Record<string, string | RegExp>; problem?: boolean }
): string[] => {
  const out: string[] = []
  if (a.status !== want.status) out.push(`${what}: status ${a.status}, want ${want.status}`)
  for (const [name, v] of Object.entries(want.headers ?? {})) {
    const got = header(a, name)
    if (typeof v === 'string' ? got !== v : !v.test(got))
      out.push(`${what}: ${name} ${JSON.stringify(got)}, want ${String(v)}`)
  }
  if (want.problem) {
    const type = header(a, 'content-type')
    if (!/^application\/problem\+json/.test(type))
      out.push(`${what}: content-type ${JSON.stringify(type)}, want a problem`)
    else if ((JSON.parse(a.body) as { status?: unknown }).status !== want.status)
      out.push(`${what}: problem status is not ${want.status}`)
  }
  return out
}

let s: Served
/** Each documented path with its `{id}` filled with a real session's id. */
let concrete: string[] = []
beforeAll(async () => {
  s = await startServed()
  const ids = new Map<string, string>()
  for (const path of Object.keys(doc.paths)) {
    if (!path.startsWith('/v1/') || path.includes('{')) continue
    const a = await raw(s.baseUrl, 'GET', `${path}?pageSize=1`)
    const items = a.status === 200 ? (JSON.parse(a.body) as { items?: { id?: string }[] }).items : undefined
    const id = items?.[0]?.id
    if (id) ids.set(path, id)
  }
  concrete = Object.keys(doc.paths).map((p) =>
    p.replace(
      /\{[^}]+\}/g,
      () => ids.get(p.replace(/\/\{[^}]+\}.*$/, '')) ?? '00000000-0000-4000-8000-000000000000'
    )
  )
})
afterAll(async () => {
  await s?.close()
})

describe('methods on the documented paths', () => {
  it('Should answer GET and HEAD on every route alike, HEAD without a body', async () => {
    for (const path of concrete) {
      const get = await raw(s.baseUrl, 'GET', path)
      const head = await raw(s.baseUrl, 'HEAD', path)
      expect(get.status, `GET ${path}`).toBeLessThan(300)
      expect(head.status, `HEAD ${path}`).toBe(get.status)
      expect(head.body, `HEAD ${path}`).toBe('')
      expect(header(head, 'content-type').split(';')[0], `HEAD ${path}`).toBe(
        header(get, 'content-type').split(';')[0]
      )
    }
  })

  it('Should answer OPTIONS with 204 and Allow: GET, HEAD, OPTIONS', async () => {
    const found: string[] = []
    for (const path of concrete) {
      const a = await raw(s.baseUrl, 'OPTIONS', path)
      found.push(...differences(`OPTIONS ${path}`, a, { status: 204, headers: { allow: ALLOW } }))
      if (a.body !== '') found.push(`OPTIONS ${path}: a body`)
    }
    expect(found).toEqual([])
  })

  it.each(OTHER_METHODS)('Should answer %s with a 405 problem and the same Allow', async (method) => {
    const found: string[] = []
    for (const path of concrete) {
      const a = await raw(s.baseUrl, method, path)
      found.push(
        ...differences(`${method} ${path}`, a, { status: 405, headers: { allow: ALLOW }, problem: true })
      )
    }
    expect(found).toEqual([])
  })

  it.each(['GET', 'HEAD', 'OPTIONS', ...OTHER_METHODS])(
    'Should answer %s on an unknown path with a 404 problem',
    async (method) => {
      const found: string[] = []
      for (const path of [
        '/v1/no-such-sessions',
        '/v1/backup-job-sessions/x/y/z',
        '/nope',
        '/v2/backup-job-sessions',
      ]) {
        const a = await raw(s.baseUrl, method, path)
        found.push(...differences(`${method} ${path}`, a, { status: 404, problem: method !== 'HEAD' }))
      }
      expect(found).toEqual([])
    }
  )
})

describe('auth first on /v1', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', ...OTHER_METHODS])(
    'Should answer %s without a key with 401 and WWW-Authenticate: Bearer, known path or not',
    async (method) => {
      const paths = [...concrete.filter((p) => p.startsWith('/v1/')), '/v1/no-such-sessions', '/v1/']
      const found: string[] = []
      for (const path of paths) {
        for (const key of [null, 'wrong-key-0123456789abcdef']) {
          const a = await raw(s.baseUrl, method, path, { key })
          found.push(
            ...differences(`${method} ${path} (${key === null ? 'no key' : 'wrong key'})`, a, {
              status: 401,
              headers: { 'www-authenticate': /^Bearer\b/ },
              problem: method !== 'HEAD',
            })
          )
        }
      }
      expect(found).toEqual([])
    }
  )
})

describe('query parameter names', () => {
  const lists = () =>
    Object.keys(doc.paths).filter(
      (p) => p.startsWith('/v1/') && !p.includes('{') && !p.startsWith('/v1/reports/')
    )

  it('Should refuse an empty parameter name with a 400 naming it', async () => {
    const found: string[] = []
    // Every operation that validates its parameters (declares 400).
    const validating = concrete.filter((_, i) => {
      const op = Object.values(doc.paths)[i]?.['get'] as { responses?: Record<string, unknown> } | undefined
      return op?.responses?.['400'] !== undefined
    })
    for (const path of validating) {
      const a = await raw(s.baseUrl, 'GET', `${path}?=x`)
      const diff = differences(`GET ${path}?=x`, a, { status: 400, problem: true })
      found.push(...diff)
      if (diff.length === 0 && !(problem(a).errors ?? []).some((e) => e.parameter === ''))
        found.push(`GET ${path}?=x: the 400 does not name the empty parameter`)
    }
    expect(found).toEqual([])
  })

  it('Should refuse a non-repeatable parameter given twice with a 400 naming it', async () => {
    for (const path of lists()) {
      const a = await raw(s.baseUrl, 'GET', `${path}?pageSize=1&pageSize=2`)
      expect(a.status, path).toBe(400)
      expect(
        problem(a).errors?.map((e) => e.parameter),
        path
      ).toContain('pageSize')
    }
    const deep = await raw(s.baseUrl, 'GET', '/health?deep=false&deep=false')
    expect(deep.status).toBe(400)
    expect(problem(deep).errors?.map((e) => e.parameter)).toContain('deep')
  })
})

describe('EM failing', () => {
  it('Should answer 504 with Retry-After when EM hangs past its timeout', async () => {
    const slow = await startServed({ env: { EM_TIMEOUT_MS: '300' } })
    try {
      slow.h.sim.setFaults({ hang: true })
      const a = await raw(slow.baseUrl, 'GET', '/v1/backup-job-sessions?pageSize=1')
      expect(a.status).toBe(504)
      expect(header(a, 'retry-after')).toMatch(/^\d+$/)
      expect(problem(a).status).toBe(504)
    } finally {
      slow.h.sim.clearFaults()
      await slow.close()
    }
  })

  it('Should answer 503 with Retry-After when EM is unavailable', async () => {
    s.h.sim.setFaults({ status: 503 })
    try {
      const a = await raw(s.baseUrl, 'GET', '/v1/backup-job-sessions?pageSize=1')
      expect(a.status).toBe(503)
      expect(header(a, 'retry-after')).toMatch(/^\d+$/)
      expect(problem(a).status).toBe(503)
    } finally {
      s.h.sim.clearFaults()
    }
  })
})

describe('the local server (npm start)', () => {
  let child: ChildProcess | undefined
  let base = ''
  beforeAll(async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url))
    const env: Record<string, string> = {}
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !/^(EM_|API_KEYS$|PORT$)/.test(k)) env[k] = v
    const proc = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, 'scripts/start.ts'], {
      cwd: root,
      env: { ...env, PORT: '0', API_KEYS: API_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = proc
    base = await new Promise<string>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`npm start did not listen: ${out}`)), 30_000)
      proc.stdout?.on('data', (c: Buffer) => {
        out += c.toString('utf8')
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
        if (m?.[1]) {
          clearTimeout(timer)
          resolve(m[1])
        }
      })
      proc.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')))
      proc.once('exit', (code) => reject(new Error(`npm start exited ${code}: ${out}`)))
    })
  }, 60_000)
  afterAll(async () => {
    const proc = child
    if (proc && proc.exitCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve))
      proc.kill('SIGTERM')
      await exited
    }
  })

  it.each([8193, 9000, 20_000, 60_000])(
    'Should answer a %i-character URL with a 414 problem, not an empty 431',
    async (length) => {
      const prefix = '/v1/backup-job-sessions?jobName='
      const a = await raw(base, 'GET', `${prefix}${'a'.repeat(length - prefix.length)}`)
      expect(a.status).toBe(414)
      expect(problem(a).status).toBe(414)
      expect(header(a, 'x-request-id')).not.toBe('')
    }
  )

  it('Should still answer a URL well under the limit (8,000 characters)', async () => {
    const prefix = '/v1/backup-job-sessions?pageSize=1&jobName='
    const a = await raw(base, 'GET', `${prefix}${'a'.repeat(8000 - prefix.length)}`)
    expect(a.status).not.toBe(414)
    expect(a.status).not.toBe(431)
  })
})

it('Should give every answer above an X-Request-Id', () => {
  expect(seen.length).toBeGreaterThan(50)
  expect(seen.filter((x) => !x.requestId).map((x) => x.what)).toEqual([])
})

/**
 * @module Secrets never leak: every route and every error path (EM faults on queries and on logon,
 * wrong credentials, Secrets Manager failures) is run through three wirings (the real runtime with
 * the Powertools logger and metrics on stdout, an XML client with a log recorder, and a runtime
 * reading its credentials from Secrets Manager), and every response (status, headers, body) and
 * every log line is searched for the EM password (and its Basic form), every EM session token EM
 * issued (recorded by a proxy), the API keys, the page-token key, and stack traces: zero hits.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../../shared/config/env'
import type { Faults, Simulator } from '../../tools/em-simulator/index'
import { startSimulator } from '../../tools/em-simulator/index'
import { flushMetrics, setMetricsEnabled } from '../../shared/observability/metrics'
import { DOCS_ASSETS } from '../../shared/routes/docs-assets'
import { createRuntime } from '../../shared/runtime'
import { API_KEY, DATASET_NOW } from '../support/harness'
import type { Harness } from '../support/harness'
import { captureStdio, stubSecretsManagerEnv } from '../support/aws-env'
import { start } from '../support/secrets-manager-server'
import type { LocalSecretsManager } from '../support/secrets-manager-server'
import { stackHits } from './support/problem'
import { startRecordingProxy } from './support/recording-proxy'
import type { RecordingProxy } from './support/recording-proxy'
import { startRig } from './support/rig'

const PAGE_TOKEN_KEY = 'leak-test-page-token-key-5d1e'
const SECRET_API_KEY = 'secret-api-key-from-secrets-manager-9c4b'
const SECRET_ID = 'leaks/em'

let sim: Simulator
let proxy: RecordingProxy
let sm: LocalSecretsManager
const stdout: string[] = []
/** Serialized responses: searched for secrets and stack traces. */
const responses: string[] = []
/** Third-party static assets (Swagger UI): searched for secrets only (their code has `at ` and `.js:1`). */
const assets: string[] = []
const statuses = new Set<number>()

interface Target {
  readonly name: string
  request(path: string, key?: string | null, accept?: string): Promise<Response>
  readonly recorded?: Harness['logs']
}
const targets: Target[] = []
const disposers: (() => Promise<void>)[] = []

beforeAll(async () => {
  sim = await startSimulator({ now: DATASET_NOW })
  proxy = await startRecordingProxy(sim.url)
  sm = await start()
  stubSecretsManagerEnv(sm.endpoint)
  captureStdio(stdout)
  setMetricsEnabled(true)

  const env = {
    EM_URL: proxy.url,
    EM_USERNAME: sim.credentials.username,
    EM_PASSWORD: sim.credentials.password,
    API_KEYS: API_KEY,
    PAGE_TOKEN_KEY,
    EM_TIMEOUT_MS: '1200',
    REPORT_TIME_BUDGET_MS: '2500',
  }
  const powertools = createRuntime(loadConfig(env))
  disposers.push(() => powertools.dispose())
  targets.push({ name: 'runtime', request: (p, k, a) => send(powertools.app, p, k, a) })

  const xml = await startRig({ sim, format: 'xml', env })
  disposers.push(() => xml.close())
  targets.push({
    name: 'xml',
    request: (p, k, a) => xml.get(p, { key: k, headers: a ? { Accept: a } : {} }),
    recorded: xml.logs,
  })

  sm.setSecret(SECRET_ID, {
    url: proxy.url,
    username: sim.credentials.username,
    password: sim.credentials.password,
    apiKeys: [SECRET_API_KEY],
  })
  const fromSecret = createRuntime(
    loadConfig({
      EM_SECRET_ID: SECRET_ID,
      PAGE_TOKEN_KEY,
      EM_TIMEOUT_MS: '1200',
      REPORT_TIME_BUDGET_MS: '2500',
    }),
    { deployed: true }
  )
  disposers.push(() => fromSecret.dispose())
  targets.push({
    name: 'secret',
    request: (p, k, a) => send(fromSecret.app, p, k === API_KEY ? SECRET_API_KEY : k, a),
  })
})

afterAll(async () => {
  for (const d of disposers) await d()
  setMetricsEnabled(undefined)
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  await proxy.close()
  await sim.close()
  await sm.close()
})

const send = (
  app: { request: (p: string, i: RequestInit) => Response | Promise<Response> },
  path: string,
  key?: string | null,
  accept?: string
) =>
  Promise.resolve(
    app.request(path, {
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(accept ? { Accept: accept } : {}) },
    })
  )

/** Sends, records the whole response, and returns its body text. */
const call = async (
  t: Target,
  path: string,
  key: string | null = API_KEY,
  accept?: string
): Promise<string> => {
  const res = await t.request(path, key, accept)
  const body = await res.text()
  statuses.add(res.status)
  const text = `${t.name} ${path} → ${res.status}\n${JSON.stringify([...res.headers])}\n${body}`
  if (path.startsWith('/docs/') && !path.endsWith('init.js')) assets.push(text)
  else responses.push(text)
  flushMetrics()
  return body
}

const withFaults = async (f: Faults, run: () => Promise<unknown>) => {
  sim.setFaults(f)
  try {
    await run()
  } finally {
    sim.clearFaults()
  }
}

const FAULTS: Faults[] = [
  { status: 500 },
  { status: 503 },
  { status: 400 },
  { malformed: true },
  { truncate: true },
  { reset: true },
  { hang: true },
  { expireToken: true, times: 1 },
  { match: { path: 'sessionMngr' }, status: 500 },
  { match: { path: 'sessionMngr' }, malformed: true },
  { match: { path: 'sessionMngr' }, truncate: true },
]

const WINDOW = `from=${new Date(DATASET_NOW.getTime() - 6 * 3_600_000).toISOString()}&to=${DATASET_NOW.toISOString()}`
const REPORTS = [
  `/v1/reports/job-summary?${WINDOW}`,
  `/v1/reports/vm-protection?${WINDOW}&rpoHours=12`,
] as const

/** Every route and error path for one target. */
const exercise = async (t: Target) => {
  for (const p of ['/health', '/health?deep=true', '/openapi.json', '/docs', '/docs/init.js'])
    await call(t, p, null)
  for (const a of Object.keys(DOCS_ASSETS)) await call(t, `/docs/${a}`, null)
  for (const key of ['backup', 'replica', 'cdp-replica'] as const) {
    const job = key === 'cdp-replica' ? 'cdp-replica-sessions' : `${key}-job-sessions`
    const task = key === 'cdp-replica' ? 'cdp-replica-task-sessions' : `${key}-task-sessions`
    for (const list of [job, task]) {
      const body = JSON.parse(await call(t, `/v1/${list}?pageSize=2`)) as {
        items?: { id: string }[]
        nextPageToken?: string
      }
      await call(t, `/v1/${list}?pageSize=2&pageToken=${encodeURIComponent(body.nextPageToken ?? '')}`)
      await call(t, `/v1/${list}?pageSize=2&pageToken=${encodeURIComponent(`${body.nextPageToken}x`)}`)
      await call(t, `/v1/${list}/${body.items?.[0]?.id ?? ''}`)
      await call(t, `/v1/${list}/00000000-0000-4000-8000-000000000000`)
      if (list === job) {
        await call(t, `/v1/${job}/${body.items?.[0]?.id ?? ''}/task-sessions?pageSize=2`)
        await call(t, `/v1/${job}/00000000-0000-4000-8000-000000000000/task-sessions`)
      }
    }
  }
  for (const r of REPORTS) {
    await call(t, r)
    await call(t, r, API_KEY, 'text/csv')
  }
  await call(t, `${REPORTS[0]}&rpoHours=-1`)
  await call(t, '/v1/backup-job-sessions?pageSize=0&nope=1&jobName=%22%3B')
  await call(t, '/v1/backup-job-sessions', null)
  await call(t, '/v1/backup-job-sessions', 'wrong-key-0123456789abcdef')
  await call(t, '/v1/nothing')
  await call(t, `/v1/backup-job-sessions?jobName=${'a'.repeat(8200)}`)
  for (const f of FAULTS) {
    if (f.match?.path !== undefined) sim.expireSessions()
    await withFaults(f, () => call(t, '/v1/backup-task-sessions?pageSize=3&vmName=x'))
    await withFaults(f, () => call(t, '/health?deep=true', null))
    // Reports under faults once (the walker's retries make each take ~1 s): on the Powertools wiring.
    if (t.name === 'runtime') await withFaults(f, () => call(t, REPORTS[1]))
    await call(t, '/v1/backup-job-sessions?pageSize=1')
  }
  const password = sim.credentials.password
  sim.setPassword('Rotated-Away-Passw0rd')
  sim.expireSessions()
  try {
    await call(t, '/v1/backup-job-sessions?pageSize=1')
    await call(t, '/health?deep=true', null)
  } finally {
    sim.setPassword(password)
  }
  await call(t, '/v1/backup-job-sessions?pageSize=1')
}

describe('no secret or stack trace leaks', () => {
  it('Should have detectors that see what EM itself sends (control)', async () => {
    const logon = await fetch(`${proxy.url}/api/sessionMngr/?v=latest`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${sim.credentials.username}:${sim.credentials.password}`).toString('base64')}`,
      },
    })
    const token = logon.headers.get('x-restsvcsessionid') ?? ''
    expect(proxy.tokens.has(token)).toBe(true)
    await withFaults({ status: 500 }, async () => {
      const res = await fetch(`${proxy.url}/api/query?type=BackupJobSession`, {
        headers: { 'X-RestSvcSessionId': token, Accept: 'application/json' },
      })
      expect(stackHits(await res.text()).length).toBeGreaterThan(0)
    })
  })

  it('Should run every route and error path through every wiring', { timeout: 90_000 }, async () => {
    for (const t of targets) await exercise(t)
    sm.deny(SECRET_ID)
    const secretTarget = targets.find((t) => t.name === 'secret')
    if (!secretTarget) throw new Error('no secret target')
    sim.expireSessions()
    await call(secretTarget, '/v1/backup-job-sessions?pageSize=1')
    sm.setSecret(SECRET_ID, '{"url": "not json')
    await call(secretTarget, '/v1/backup-job-sessions?pageSize=1')
    // The walk reached every kind of answer, and EM issued several tokens.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 400, 401, 404, 414, 502, 503, 504]))
    expect(proxy.tokens.size).toBeGreaterThanOrEqual(6)
    expect(stdout.join('')).toContain('"message":"request"')
    expect(stdout.join('')).toContain('EmErrors')
  })

  it('Should find no credential, token or key in any response or log line', () => {
    const { username, password } = sim.credentials
    const secrets = [
      password,
      'Rotated-Away-Passw0rd',
      Buffer.from(`${username}:${password}`).toString('base64'),
      ...proxy.tokens,
      API_KEY,
      SECRET_API_KEY,
      PAGE_TOKEN_KEY,
    ]
    const logs = [...stdout, ...targets.flatMap((t) => (t.recorded ?? []).map((l) => JSON.stringify(l)))]
    const haystacks = { responses, assets, logs }
    const hits: string[] = []
    for (const [where, texts] of Object.entries(haystacks))
      for (const text of texts)
        for (const s of secrets)
          if (text.includes(s)) hits.push(`${where}: ${s.slice(0, 4)}… in ${text.slice(0, 120)}`)
    expect(hits).toEqual([])
    expect(responses.length).toBeGreaterThan(100)
  })

  it('Should find no stack trace in any response or log line', () => {
    const texts = [
      ...responses,
      ...stdout,
      ...targets.flatMap((t) => (t.recorded ?? []).map((l) => JSON.stringify(l))),
    ]
    const hits = texts.flatMap((t) => stackHits(t).map((p) => `${p} in ${t.slice(0, 160)}`))
    expect(hits).toEqual([])
  })
})

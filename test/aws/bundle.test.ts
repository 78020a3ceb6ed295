/**
 * @module The production bundle, as Lambda runs it: `scripts/build.ts` builds it into
 * test/artifacts/ (inside the repo, so the external `@aws-sdk/*` resolves as it does from the Lambda
 * runtime), then a fresh `node` process imports it and invokes `handler` with real HTTP API v2 events
 * against the EM simulator, once with EM credentials from the environment and once from a local
 * Secrets Manager. Also measures a fresh process's import + first invoke (printed, never asserted).
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../scripts/build'
import { startSimulator } from '../../tools/em-simulator/index'
import type { Simulator } from '../../tools/em-simulator/index'
import { start as startSecretsManager } from '../support/secrets-manager-server'
import type { LocalSecretsManager } from '../support/secrets-manager-server'
import { httpApiEvent } from './lambda-events'
import type { HttpApiEventV2 } from './lambda-events'

const run = promisify(execFile)
const DRIVER = fileURLToPath(new URL('./lambda-driver.mjs', import.meta.url))
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
const KEY = 'bundle-test-key-0123456789'
const SECRET_KEY = 'bundle-secret-key-9876543210'

interface LambdaResult {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: boolean
}
interface DriverOutput {
  startMs: number
  importedMs: number
  firstInvokedMs: number
  results: ({ ok: true; value: LambdaResult } | { ok: false; error: string })[]
  stdout: string
}

let dir: string
let bundle: string
let sim: Simulator
let sm: LocalSecretsManager

/** The child's environment: nothing of ours (AWS_*, EM_*, NODE_OPTIONS, NODE_EXTRA_CA_CERTS) leaks in. */
const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(AWS_|EM_|API_KEYS|NODE_OPTIONS|NODE_EXTRA_CA_CERTS|VITEST|POWERTOOLS_)/.test(k)
    )
  )
  return {
    ...base,
    AWS_LAMBDA_FUNCTION_NAME: 'em-sessions-api-Api',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    PAGE_TOKEN_KEY: 'bundle-test-page-token-key-0123456789abcdef',
    ...extra,
  }
}

let runs = 0
/** Runs the driver in a fresh node process with `events`; async, so the simulator keeps serving. */
const invoke = async (env: Record<string, string>, events: HttpApiEventV2[]): Promise<DriverOutput> => {
  runs += 1
  const eventsFile = join(dir, `events-${runs}.json`)
  const resultFile = join(dir, `result-${runs}.json`)
  await writeFile(eventsFile, JSON.stringify(events))
  const { stdout } = await run(process.execPath, [DRIVER, bundle, eventsFile, resultFile], {
    env: childEnv(env),
    maxBuffer: 16 * 1024 * 1024,
  })
  return { ...(JSON.parse(await readFile(resultFile, 'utf8')) as Omit<DriverOutput, 'stdout'>), stdout }
}

const value = (out: DriverOutput, i: number): LambdaResult => {
  const r = out.results[i]
  if (r === undefined || !r.ok)
    throw new Error(`invocation ${i} failed: ${r?.ok === false ? r.error : 'missing'}`)
  return r.value
}
const json = (r: LambdaResult): Record<string, unknown> => JSON.parse(r.body) as Record<string, unknown>
const auth = (key = KEY) => ({ headers: { authorization: `Bearer ${key}` } })

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true })
  dir = await mkdtemp(join(ARTIFACTS, 'bundle-'))
  const [report] = await build(dir, ['api'])
  if (report?.name !== 'api') throw new Error('the api bundle was not built')
  bundle = report.file
  sim = await startSimulator({ seed: 7, now: new Date('2025-10-20T12:00:00Z') })
  sm = await startSecretsManager()
  sm.setSecret('em/connection', { url: sim.url, ...sim.credentials, apiKeys: [SECRET_KEY] })
}, 120_000)

afterAll(async () => {
  await sim?.close()
  await sm?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('Lambda bundle contents', () => {
  it("Should import the AWS SDK lazily from the runtime and keep only zod's English locale", async () => {
    // The entry and its chunks (code splitting): every JavaScript file the build wrote.
    const files = (await readdir(dirname(bundle))).filter((f) => f.endsWith('.mjs'))
    const code = (await Promise.all(files.map((f) => readFile(join(dirname(bundle), f), 'utf8')))).join('\n')
    expect(code).toContain('import("@aws-sdk/client-secrets-manager")')
    expect(code).not.toMatch(/from\s*"@aws-sdk\//)
    expect(code).toContain('Invalid input')
    expect(code).not.toContain('Kreditkartennummer') // from zod's German locale
  })
})

describe('Lambda bundle, EM credentials from the environment', () => {
  let out: DriverOutput
  beforeAll(async () => {
    const env = {
      EM_URL: sim.url,
      EM_USERNAME: sim.credentials.username,
      EM_PASSWORD: sim.credentials.password,
    }
    out = await invoke({ ...env, API_KEYS: KEY }, [
      httpApiEvent('GET', '/v1/backup-job-sessions?pageSize=2', auth()),
      httpApiEvent('GET', '/v1/backup-job-sessions?pageSize=0&sort=sideways', auth()),
      httpApiEvent('GET', '/v1/backup-job-sessions?pageSize=2'),
      httpApiEvent('GET', '/v1/backup-job-sessions?state=Working&state=Stopped&pageSize=50', auth()),
      httpApiEvent('GET', '/v1/backup-job-sessions?state=Working,Stopped&pageSize=50', auth()),
      httpApiEvent('POST', '/v1/backup-job-sessions', {
        ...auth(),
        body: Buffer.from('{"a":1}').toString('base64'),
        base64: true,
      }),
      httpApiEvent('GET', '/docs/swagger-ui.css'),
      httpApiEvent('GET', '/openapi.json'),
    ])
  }, 60_000)

  it('Should serve a list page with items, a next token and a Link header', () => {
    const r = value(out, 0)
    expect(r.statusCode).toBe(200)
    expect(r.headers['content-type']).toMatch(/^application\/json/)
    const body = json(r) as { items: { id: string }[]; nextPageToken: string | null }
    expect(body.items).toHaveLength(2)
    expect(typeof body.nextPageToken).toBe('string')
    expect(r.headers.link).toMatch(/rel="next"/)
  })

  it('Should serve one session by id', async () => {
    const first = (json(value(out, 0)) as { items: { id: string }[] }).items[0]
    expect(first).toBeDefined()
    const one = await invoke(
      {
        EM_URL: sim.url,
        EM_USERNAME: sim.credentials.username,
        EM_PASSWORD: sim.credentials.password,
        API_KEYS: KEY,
      },
      [httpApiEvent('GET', `/v1/backup-job-sessions/${first?.id ?? ''}`, auth())]
    )
    const r = value(one, 0)
    expect(r.statusCode).toBe(200)
    expect(json(r)).toMatchObject({ id: first?.id })
  })

  it('Should answer bad parameters with a 400 problem naming them', () => {
    const r = value(out, 1)
    expect(r.statusCode).toBe(400)
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/)
    const params = (json(r).errors as { parameter: string }[]).map((e) => e.parameter).sort()
    expect(params).toEqual(['pageSize', 'sort'])
  })

  it('Should answer a missing API key with a 401 problem', () => {
    const r = value(out, 2)
    expect(r.statusCode).toBe(401)
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/)
  })

  it('Should read repeated query keys from rawQueryString, same as the comma form', () => {
    const repeated = value(out, 3)
    const comma = value(out, 4)
    expect(repeated.statusCode).toBe(200)
    const states = (json(repeated).items as { state: string }[]).map((i) => i.state)
    expect(states.length).toBeGreaterThan(0)
    expect(new Set(states)).toEqual(new Set(states.filter((s) => s === 'Working' || s === 'Stopped')))
    expect(json(comma)).toEqual(json(repeated))
  })

  it('Should decode a base64 request body and still answer with a problem, not crash', () => {
    const r = value(out, 5)
    expect([404, 405]).toContain(r.statusCode)
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/)
  })

  it('Should serve Swagger UI assets copied beside the bundle, and the OpenAPI document', async () => {
    const committedDocument = await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')
    const css = value(out, 6)
    expect(css.statusCode).toBe(200)
    expect(css.headers['content-type']).toMatch(/^text\/css/)
    expect(css.body.length).toBeGreaterThan(10_000)
    const doc = value(out, 7)
    expect(json(doc)).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) as unknown })
    // The document the build wrote beside the bundle: the committed one.
    expect(doc.body).toBe(committedDocument)
  })

  it('Should log JSON lines with the Lambda request id and flush EMF metrics, and never print the password', () => {
    const lines = out.stdout.split('\n').filter((l) => l.startsWith('{'))
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    const withContext = parsed.filter((l) => typeof l.function_request_id === 'string')
    expect(withContext.length).toBeGreaterThan(1)
    expect(withContext[0]?.cold_start).toBe(true)
    expect(withContext.at(-1)?.cold_start).toBe(false)
    const emf = parsed.filter((l) => JSON.stringify(l).includes('"Namespace":"EmSessionsApi"'))
    expect(emf.filter((l) => l.ColdStart === 1)).toHaveLength(1)
    expect(emf.some((l) => l.ApiPages !== undefined && l.EmLatency !== undefined)).toBe(true)
    expect(out.stdout).not.toContain(sim.credentials.password)
  })
})

describe('Lambda bundle, EM credentials and API keys from Secrets Manager', () => {
  it('Should read the secret once across warm invocations and accept only its API key', async () => {
    const out = await invoke(
      {
        EM_SECRET_ID: 'em/connection',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.endpoint,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKIDBUNDLETEST',
        AWS_SECRET_ACCESS_KEY: 'bundle-test-secret',
      },
      [
        httpApiEvent('GET', '/v1/backup-job-sessions?pageSize=3', auth(SECRET_KEY)),
        httpApiEvent('GET', '/v1/replica-job-sessions?pageSize=3', auth(SECRET_KEY)),
        httpApiEvent('GET', '/v1/backup-job-sessions?pageSize=3', auth(KEY)),
      ]
    )
    expect(value(out, 0).statusCode).toBe(200)
    expect((json(value(out, 0)).items as unknown[]).length).toBe(3)
    expect(value(out, 1).statusCode).toBe(200)
    expect(value(out, 2).statusCode).toBe(401)
    expect(sm.requests.get('em/connection')).toBe(1)
    expect(out.stdout).not.toContain(sim.credentials.password)
  })
})

describe('Lambda bundle cold start', () => {
  it('Should report fresh-process import + first invoke against bare node (median of 10)', async () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
    const env = {
      EM_URL: sim.url,
      EM_USERNAME: sim.credentials.username,
      EM_PASSWORD: sim.credentials.password,
      API_KEYS: KEY,
    }
    const bare: number[] = []
    const total: number[] = []
    const imports: number[] = []
    const firsts: number[] = []
    for (let i = 0; i < 10; i += 1) {
      let t = performance.now()
      await run(process.execPath, ['-e', '0'], { env: childEnv({}) })
      bare.push(performance.now() - t)
      t = performance.now()
      const out = await invoke(env, [httpApiEvent('GET', '/v1/backup-job-sessions?pageSize=10', auth())])
      total.push(performance.now() - t)
      expect(value(out, 0).statusCode).toBe(200)
      imports.push(out.importedMs - out.startMs)
      firsts.push(out.firstInvokedMs - out.importedMs)
    }
    const f = (n: number) => `${n.toFixed(0)} ms`
    console.log(
      `bundle cold start (median of 10): node -e 0 ${f(median(bare))}; fresh process import+first invoke ` +
        `${f(median(total))} wall (import ${f(median(imports))}, first invoke with EM logon ${f(median(firsts))})`
    )
  }, 120_000)
})

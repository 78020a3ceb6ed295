/**
 * @module The API secret (`API_SECRET_ID`: `{ apiKeys, pageTokenKey }`) through the real runtime and the
 * real SDK client against the local Secrets Manager: keys come from it (not from the EM secret), the
 * page-token key is read at run time (a token made by one instance works on another), short keys are
 * refused, an `http://` EM URL in the EM secret is refused when deployed, and the secrets' values are
 * scrubbed from EM's text.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../../shared/config/env'
import { startSimulator } from '../../tools/em-simulator/index'
import type { Simulator } from '../../tools/em-simulator/index'
import { createRuntime } from '../../shared/runtime'
import type { Runtime } from '../../shared/runtime'
import { DATASET_NOW } from '../support/harness'
import { captureStdio, stubSecretsManagerEnv } from '../support/aws-env'
import { start } from '../support/secrets-manager-server'
import type { LocalSecretsManager } from '../support/secrets-manager-server'

const KEY = 'api-secret-key-0123456789abcdef0123456789'
const OLD_KEY = 'em-secret-key-0123456789abcdef0123456789'
const SHORT = 'short-key'
const TOKEN_KEY = 'page-token-key-from-secrets-manager-0123456789'

let sm: LocalSecretsManager
let sim: Simulator
const stdout: string[] = []
const runtimes: Runtime[] = []

beforeAll(async () => {
  sm = await start()
  sim = await startSimulator({ now: DATASET_NOW })
  stubSecretsManagerEnv(sm.endpoint)
  captureStdio(stdout)
  sm.setSecret('em', { url: sim.url, ...sim.credentials, apiKeys: [OLD_KEY] })
  sm.setSecret('api', { apiKeys: [KEY, SHORT], pageTokenKey: TOKEN_KEY })
})

afterAll(async () => {
  for (const r of runtimes) await r.dispose()
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  await sim.close()
  await sm.close()
})

const runtime = (env: Record<string, string>, deployed = false) => {
  const r = createRuntime(loadConfig({ EM_SECRET_ID: 'em', API_SECRET_ID: 'api', ...env }, { deployed }), {
    deployed: true,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  })
  runtimes.push(r)
  return r
}
const get = (r: Runtime, path: string, key: string) =>
  Promise.resolve(r.app.request(path, { headers: { Authorization: `Bearer ${key}` } }))

describe('the API secret', () => {
  it('Should take keys from the API secret only, refusing short ones and the EM secret’s', async () => {
    const r = runtime({})
    expect((await get(r, '/v1/backup-job-sessions?pageSize=1', KEY)).status).toBe(200)
    expect((await get(r, '/v1/backup-job-sessions?pageSize=1', SHORT)).status).toBe(401)
    expect((await get(r, '/v1/backup-job-sessions?pageSize=1', OLD_KEY)).status).toBe(401)
    expect(stdout.join('')).toContain('API keys shorter than the minimum are refused')
    expect(stdout.join('')).not.toContain(SHORT)
  })

  it('Should sign page tokens with the key read at run time (a token from one instance works on another)', async () => {
    const a = runtime({})
    const b = runtime({})
    const first = (await (await get(a, '/v1/backup-job-sessions?pageSize=2', KEY)).json()) as {
      nextPageToken: string
    }
    const res = await get(b, `/v1/backup-job-sessions?pageSize=2&pageToken=${first.nextPageToken}`, KEY)
    expect(res.status).toBe(200)
    // A runtime with a per-process key refuses it (the token is bound to the secret's key).
    const local = createRuntime(loadConfig({ EM_URL: sim.url, ...emEnv(), API_KEYS: KEY }))
    runtimes.push(local)
    expect(
      (await get(local, `/v1/backup-job-sessions?pageSize=2&pageToken=${first.nextPageToken}`, KEY)).status
    ).toBe(400)
    expect(sm.requests.get('api')).toBeGreaterThanOrEqual(1)
  })

  it('Should answer 503 (and no page) while the API secret has no usable page-token key', async () => {
    sm.setSecret('api-weak', { apiKeys: [KEY], pageTokenKey: 'too-short' })
    const r = runtime({ API_SECRET_ID: 'api-weak' })
    expect((await get(r, '/v1/backup-job-sessions?pageSize=1', KEY)).status).toBe(503)
    expect(stdout.join('')).not.toContain('too-short')
  })

  it('Should refuse an http:// EM URL in the EM secret when deployed', async () => {
    const r = runtime({}, true)
    const res = await get(r, '/v1/backup-job-sessions?pageSize=1', KEY)
    expect(res.status).toBe(503)
    expect(await res.text()).not.toContain(sim.url)
  })
})

const emEnv = () => ({ EM_USERNAME: sim.credentials.username, EM_PASSWORD: sim.credentials.password })

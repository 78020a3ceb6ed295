/**
 * @module Secrets Manager faults through the app: the real runtime with `EM_SECRET_ID`, the real SDK
 * client talking to the local protocol-level Secrets Manager, and the EM simulator. A secret that is
 * missing, denied or malformed gives a 503 problem and the app recovers once the secret is fixed; a
 * rotated EM password is picked up through `invalidate()` on EM's 401, with one extra secret read.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../../shared/config/env'
import { startSimulator } from '../../tools/em-simulator/index'
import type { Simulator } from '../../tools/em-simulator/index'
import { createRuntime } from '../../shared/runtime'
import type { Runtime } from '../../shared/runtime'
import { API_KEY, DATASET_NOW } from '../support/harness'
import type { LogLine } from '../support/harness'
import { captureStdio, stubSecretsManagerEnv } from '../support/aws-env'
import { start } from '../support/secrets-manager-server'
import type { LocalSecretsManager } from '../support/secrets-manager-server'
import { expectProblem } from './support/problem'

const LIST = '/v1/backup-job-sessions?pageSize=2'

let sm: LocalSecretsManager
let sim: Simulator
const stdout: string[] = []
const runtimes: Runtime[] = []

beforeAll(async () => {
  sm = await start()
  sim = await startSimulator({ now: DATASET_NOW })
  stubSecretsManagerEnv(sm.endpoint)
  captureStdio(stdout)
})

afterAll(async () => {
  for (const r of runtimes) await r.dispose()
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  await sim.close()
  await sm.close()
})

const goodSecret = () => ({
  url: sim.url,
  username: sim.credentials.username,
  password: sim.credentials.password,
})

/** A runtime reading `secretId` (cached for an hour, so only invalidation re-reads it). */
const runtimeFor = (secretId: string) => {
  const logs: LogLine[] = []
  const record =
    (level: LogLine['level']) =>
    (message: string, attributes: Record<string, unknown> = {}) =>
      logs.push({ level, message, attributes })
  const config = loadConfig({
    EM_SECRET_ID: secretId,
    EM_SECRET_TTL_MS: '3600000',
    API_KEYS: API_KEY,
    PAGE_TOKEN_KEY: 'secret-faults',
  })
  const runtime = createRuntime(config, {
    logger: { info: record('info'), warn: record('warn'), error: record('error') },
  })
  runtimes.push(runtime)
  const get = () =>
    Promise.resolve(runtime.app.request(LIST, { headers: { Authorization: `Bearer ${API_KEY}` } }))
  return { runtime, logs, get }
}

describe('Secrets Manager faults through the app', () => {
  it.each([
    ['missing', (id: string) => void id, /ResourceNotFoundException/],
    ['denied', (id: string) => sm.deny(id), /AccessDeniedException/],
    ['not JSON', (id: string) => sm.setSecret(id, '{"url":'), /not valid JSON/],
    ['missing its password', (id: string) => sm.setSecret(id, { url: sim.url, username: 'u' }), /password/],
  ])('Should answer 503 while the secret is %s, then 200 once it is fixed', async (name, breakIt, why) => {
    const id = `reliability/${name}`
    breakIt(id)
    const { logs, get } = runtimeFor(id)
    const p = await expectProblem(await get(), 503)
    // The keys live in the secret too: no caller can be authenticated, and an unauthenticated caller
    // is not told why; the log says why.
    expect(p.title).toBe('Authentication is unavailable')
    expect(p.detail).not.toMatch(why)
    expect(logs.filter((l) => l.level === 'error').map((l) => l.attributes)).toEqual([
      expect.objectContaining({ status: 503, kind: 'config', emMessage: expect.stringMatching(why) }),
    ])
    expect(stdout.join('')).toContain('EM secret could not be read')
    sm.setSecret(id, goodSecret())
    expect((await get()).status).toBe(200)
  })

  it('Should pick up a rotated EM password with exactly one extra secret read', async () => {
    const id = 'reliability/rotate'
    sm.setSecret(id, goodSecret())
    const { get } = runtimeFor(id)
    expect((await get()).status).toBe(200)
    expect(sm.requests.get(id)).toBe(1)
    const original = sim.credentials.password
    try {
      sim.setPassword('Rotated-Passw0rd-2')
      sm.setSecret(id, { ...goodSecret(), password: 'Rotated-Passw0rd-2' })
      sim.expireSessions()
      expect((await get()).status).toBe(200)
      expect(sm.requests.get(id)).toBe(2)
    } finally {
      sim.setPassword(original)
      sim.expireSessions()
    }
  })

  it('Should answer 503 while EM and the secret disagree, and recover once the secret is rotated too', async () => {
    const id = 'reliability/lagging'
    sm.setSecret(id, goodSecret())
    const { logs, get } = runtimeFor(id)
    expect((await get()).status).toBe(200)
    const original = sim.credentials.password
    try {
      sim.setPassword('Rotated-Passw0rd-3')
      sim.expireSessions()
      const p = await expectProblem(await get(), 503)
      expect(p.detail).toMatch(/rejected the configured credentials/)
      expect(logs.filter((l) => l.level === 'error').map((l) => l.attributes)).toEqual([
        expect.objectContaining({ status: 503, kind: 'auth' }),
      ])
      sm.setSecret(id, { ...goodSecret(), password: 'Rotated-Passw0rd-3' })
      expect((await get()).status).toBe(200)
    } finally {
      sim.setPassword(original)
      sim.expireSessions()
    }
  })
})

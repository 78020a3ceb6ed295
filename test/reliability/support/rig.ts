/**
 * @module A variant of the shared test harness for the reliability suite: the same `Harness`
 * interface, but the EM client's format (`json` or `xml`), the EM URL (a closed port, a proxy) and
 * the simulator (an HTTPS one, one the test owns) can be chosen. It wires the app the way
 * `createRuntime` does (configuration → credentials → EM client → `createApp`), because the
 * runtime does not expose the client's format.
 */
import { loadConfig } from '../../../shared/config/env'
import { createApp } from '../../../shared/app'
import { createEmClient } from '../../../shared/em/client'
import { startSimulator } from '../../../shared/em/simulator/index'
import type { Simulator, SimulatorOptions } from '../../../shared/em/simulator/index'
import { credentialsFrom } from '../../../shared/runtime'
import type { Runtime } from '../../../shared/runtime'
import { API_KEY, DATASET_NOW } from '../../support/harness'
import type { Harness, LogLine } from '../../support/harness'

export interface RigOptions {
  /** The `Accept` type the EM client asks for (default `json`). */
  readonly format?: 'json' | 'xml'
  /** Environment on top of the defaults (EM_URL from the simulator, API_KEYS, PAGE_TOKEN_KEY…). */
  readonly env?: Record<string, string>
  /** Use this simulator (the rig does not close it); otherwise one is started (and closed). */
  readonly sim?: Simulator
  readonly simulator?: SimulatorOptions
}

/** Starts a rig; `close()` disposes the client and the simulator it started. */
export const startRig = async (opts: RigOptions = {}): Promise<Harness> => {
  const owned = opts.sim === undefined
  const sim = opts.sim ?? (await startSimulator({ now: DATASET_NOW, ...opts.simulator }))
  const config = loadConfig({
    EM_URL: sim.url,
    EM_USERNAME: sim.credentials.username,
    EM_PASSWORD: sim.credentials.password,
    API_KEYS: API_KEY,
    PAGE_TOKEN_KEY: 'test-page-token-key',
    EM_TIMEOUT_MS: '2000',
    ...opts.env,
  })
  const logs: LogLine[] = []
  const record =
    (level: LogLine['level']) =>
    (message: string, attributes: Record<string, unknown> = {}) =>
      logs.push({ level, message, attributes })
  const credentials = credentialsFrom(config)
  const em = createEmClient({ credentials, timeoutMs: config.em.timeoutMs, format: opts.format ?? 'json' })
  const keys = config.apiKeys ?? []
  const app = createApp({
    em,
    apiKeys: () => Promise.resolve(keys),
    pageTokenKey: config.pageTokenKey ?? 'rig-page-token-key',
    corsOrigins: config.corsOrigins,
    reportConcurrency: config.reportConcurrency,
    reportTimeBudgetMs: config.reportTimeBudgetMs,
    logger: { info: record('info'), warn: record('warn'), error: record('error') },
  })
  const runtime: Runtime = { app, em, credentials, dispose: () => em.close() }
  const get = (path: string, o: { key?: string | null; headers?: Record<string, string> } = {}) => {
    const key = o.key === undefined ? API_KEY : o.key
    const headers: Record<string, string> = { ...o.headers }
    if (key !== null) headers['Authorization'] = `Bearer ${key}`
    return Promise.resolve(app.request(path, { headers }))
  }
  return {
    sim,
    runtime,
    logs,
    get,
    json: async <T>(path: string) => {
      const res = await get(path)
      return { status: res.status, body: (await res.json()) as T, headers: res.headers }
    },
    emQueries: () => sim.log.filter((e) => !/sessionMngr|logonSessions/.test(e.path)).length,
    close: async () => {
      await runtime.dispose()
      if (owned) await sim.close()
    },
  }
}

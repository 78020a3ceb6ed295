/**
 * Test harness: the embedded EM simulator on loopback (real HTTP) and the app wired by the real
 * runtime (`createRuntime`), with a known API key and a log recorder. Requests go through
 * `app.request()`; EM traffic goes over the wire to the simulator, whose request log tests read.
 */
import { loadConfig } from '../../shared/config/env'
import { startSimulator } from '../../tools/em-simulator/index'
import type { Simulator, SimulatorOptions } from '../../tools/em-simulator/index'
import { createRuntime } from '../../shared/runtime'
import type { Runtime } from '../../shared/runtime'

export const API_KEY = 'test-key-0123456789abcdef'
/** A fixed dataset anchor, so expectations computed from the dataset are stable. */
export const DATASET_NOW = new Date('2026-11-01T12:00:00.000Z')

export interface LogLine {
  level: 'info' | 'warn' | 'error'
  message: string
  attributes: Record<string, unknown>
}

export interface Harness {
  sim: Simulator
  runtime: Runtime
  logs: LogLine[]
  /** GET with the API key (unless `key: null`), returning the Response. */
  get(path: string, opts?: { key?: string | null; headers?: Record<string, string> }): Promise<Response>
  /** GET and parse JSON, asserting nothing. */
  json<T = unknown>(path: string): Promise<{ status: number; body: T; headers: Headers }>
  /** EM requests the simulator received (excluding logon/logoff). */
  emQueries(): number
  close(): Promise<void>
}

export const startHarness = async (
  opts: {
    simulator?: SimulatorOptions
    /** Use this simulator (not closed by `close()`); otherwise one is started. */
    sim?: Simulator
    env?: Record<string, string>
    /** The app's clock (reports' default window, metrics); default the real one. */
    now?: () => Date
  } = {}
): Promise<Harness> => {
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
  const runtime = createRuntime(config, {
    logger: { info: record('info'), warn: record('warn'), error: record('error') },
    ...(opts.now ? { now: opts.now } : {}),
  })
  const get = (path: string, o: { key?: string | null; headers?: Record<string, string> } = {}) => {
    const key = o.key === undefined ? API_KEY : o.key
    const headers: Record<string, string> = { ...o.headers }
    if (key !== null) headers['Authorization'] = `Bearer ${key}`
    return Promise.resolve(runtime.app.request(path, { headers }))
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
      if (opts.sim === undefined) await sim.close()
    },
  }
}

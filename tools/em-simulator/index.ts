/**
 * @module The embedded Enterprise Manager simulator: a real HTTP(S) server that behaves like EM's
 * REST API (logon, query service, entity GETs, collections; XML and JSON), serving a seeded,
 * deterministic data set, with fault knobs for resilience tests. It is `npm start`'s upstream
 * when no EM_URL is set, and the upstream of the test suite and the benchmark.
 *
 * Size per unit of `scale` (seed 1): ~10,400 task sessions (8,600 backup, 1,600 replica, 350 CDP)
 * and ~3,100 job sessions; jobs and VMs grow linearly with it. `scale: 10` gives ~104k task
 * sessions (80k of them BackupTaskSession); use `scale: 13` for ≥100k BackupTaskSession alone.
 * @example
 * const sim = await startSimulator({ seed: 1, now: new Date('2025-10-20T12:00:00Z') })
 * // EM_URL = sim.url, credentials = sim.credentials
 * await sim.close()
 */
import type { AddressInfo } from 'node:net'
import { generateDataset } from './dataset'
import type { AddedSessions, Dataset, SimSession } from './dataset-types'
import type { Faults } from './faults'
import { FaultState } from './faults'
import { FragmentCache } from './fragment-cache'
import { createAddedSessions } from './generate-added'
import { finishSessions, type FinishOptions } from './finish-sessions'
import { LogonStore } from './logon-store'
import { Prng } from './prng'
import { QueryEngine } from './query-engine'
import type { RouterDeps } from './router'
import { createSimServer } from './server'
import type { JsonCase, RequestLogEntry } from './server'

export { generateDataset } from './dataset'
export { parseFilter, FilterSyntaxError } from './filter-parser'
export type { FilterAst, FilterOp } from './filter-parser'
export type * from './dataset-types'
export type { Faults, FaultMatch } from './faults'
export type { FinishOptions, FinishResult } from './finish-sessions'
export type { JsonCase, RequestLogEntry } from './server'

export const DEFAULT_USERNAME = 'EM\\api'
export const DEFAULT_PASSWORD = 'Simulator-Dev-Passw0rd!'

export interface SimulatorOptions {
  /** Default 1. */
  seed?: number
  /** Dataset anchor: sessions span the ~32 days before it (collections show 30); default: current time. */
  now?: Date
  /** Days of history before `now` (default 32; e.g. 400 for year-long reports). */
  days?: number
  /** Multiplies the data set size; default 1 (~10.4k task sessions); 10 gives ~104k (80k backup tasks). */
  scale?: number
  /** Default '127.0.0.1'. */
  host?: string
  /** Default 0 (ephemeral). */
  port?: number
  /** PEM key and certificate: serve HTTPS. */
  tls?: { key: string; cert: string }
  /** Default 'EM\\api'. */
  username?: string
  /** Default `DEFAULT_PASSWORD`. */
  password?: string
  /** Logon session idle expiry, default 15 min. */
  idleTimeoutMs?: number
  /** Key casing of JSON bodies: `pascal` (EM ≤ 12, default) or `camel` (EM 13.0). */
  jsonCase?: JsonCase
}

export interface Simulator {
  /** Base like 'http://127.0.0.1:PORT' (EM_URL form; the API lives under /api/). */
  readonly url: string
  readonly credentials: { username: string; password: string }
  readonly dataset: Dataset
  /** Every request; never the Authorization header, password or token. */
  readonly log: readonly RequestLogEntry[]
  clearLog(): void
  /** Replaces the current faults. */
  setFaults(f: Faults): void
  clearFaults(): void
  /** Forces every logon token to expire now. */
  expireSessions(): void
  /** Rotates the accepted password. */
  setPassword(p: string): void
  /** Creates running job sessions (+ task sessions) created at `at` (default: now). */
  addSessions(opts?: { count?: number; at?: Date }): AddedSessions
  /**
   * Finishes running sessions (given ids, or all) at `at` (default: now), as EM records a run's end:
   * tasks Completed with `result` (default Success), job sessions Stopped with their tasks' worst result.
   * Returns the sessions as they now are.
   */
  finishSessions(opts?: FinishOptions): readonly SimSession[]
  /** Successful logons so far. */
  readonly logonCount: number
  close(): Promise<void>
}

/** Starts a simulator and resolves once it listens. */
export const startSimulator = async (opts: SimulatorOptions = {}): Promise<Simulator> => {
  const seed = opts.seed ?? 1
  const dataset = generateDataset({
    seed,
    now: opts.now ?? new Date(),
    scale: opts.scale ?? 1,
    days: opts.days,
  })
  const username = opts.username ?? DEFAULT_USERNAME
  const logons = new LogonStore(
    username,
    opts.password ?? DEFAULT_PASSWORD,
    opts.idleTimeoutMs ?? 15 * 60_000
  )
  const faults = new FaultState(new Prng(seed ^ 0x5eed))
  const addRng = new Prng(seed ^ 0xadd)
  const log: RequestLogEntry[] = []
  // The router needs the URL, known only once the server listens.
  const holder: { deps?: RouterDeps } = {}
  const { server, sockets } = createSimServer({
    router: () => holder.deps ?? missingDeps(),
    logons,
    faults,
    log,
    tls: opts.tls,
    jsonCase: opts.jsonCase ?? 'pascal',
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = opts.host ?? '127.0.0.1'
  const url = `${opts.tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${port}`
  holder.deps = {
    base: url,
    dataset,
    engine: new QueryEngine(dataset),
    cache: new FragmentCache(url),
    logons,
  }
  return {
    url,
    get credentials() {
      return { username, password: logons.password }
    },
    dataset,
    log,
    clearLog: () => void log.splice(0, log.length),
    setFaults: (f) => faults.set(f),
    clearFaults: () => faults.clear(),
    expireSessions: () => logons.expire(),
    setPassword: (p) => void (logons.password = p),
    addSessions: (o = {}) => createAddedSessions(addRng, dataset, o.count ?? 1, o.at ?? new Date()),
    finishSessions: (o = {}) => {
      const done = finishSessions(dataset, o)
      for (const s of done) holder.deps?.cache.forget(s.id)
      return done
    },
    get logonCount() {
      return logons.logonCount
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

const missingDeps = (): never => {
  throw new Error('simulator is not listening yet')
}

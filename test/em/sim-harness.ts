/**
 * @module Test harness for the client's integration suites: one simulator per suite (fixed seed and
 * clock, loopback, ephemeral port) and helpers to build clients against it and read its request log.
 */
import { createEmClient, type EmClientOptions } from '../../shared/em/client'
import { staticCredentials } from '../../shared/em/credentials'
import type { EmQuery } from '../../shared/em/filter'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../tools/em-simulator/index'
import type { CredentialsProvider, EmCallEvent, EmClient, EmCredentials } from '../../shared/em/types'

export const NOW = new Date('2025-10-20T12:00:00Z')

/** The client's integration suites run against both JSON key casings EM answers in (EM ≤ 12, EM 13.0). */
export const JSON_CASES = ['pascal', 'camel'] as const

export const start = (o: SimulatorOptions = {}): Promise<Simulator> =>
  startSimulator({ seed: 7, now: NOW, ...o })

/** A query that always has results in the simulated data set. */
export const TASKS: EmQuery<'BackupTaskSession'> = {
  type: 'BackupTaskSession',
  sort: { field: 'CreationTime', direction: 'desc' },
  pageSize: 20,
  page: 1,
}

/** A client and everything it reported. */
export interface TestClient {
  readonly em: EmClient
  readonly calls: EmCallEvent[]
}

export const client = (
  sim: Simulator,
  o: Partial<EmClientOptions> & { readonly creds?: Partial<EmCredentials> } = {}
): TestClient => {
  const calls: EmCallEvent[] = []
  const em = createEmClient({
    credentials: o.credentials ?? staticCredentials({ url: sim.url, ...sim.credentials, ...o.creds }),
    timeoutMs: o.timeoutMs ?? 5_000,
    format: o.format,
    retries: o.retries,
    onCall: (e) => calls.push(e),
  })
  return { em, calls }
}

/** A provider whose answers come from a list (the last one repeats); counts `invalidate()` calls. */
export const sequenceCredentials = (
  answers: readonly EmCredentials[]
): CredentialsProvider & { readonly invalidations: number; readonly gets: number } => {
  let i = 0
  let gets = 0
  let invalidations = 0
  return {
    get: () => {
      gets++
      return Promise.resolve(answers[Math.min(i, answers.length - 1)] as EmCredentials)
    },
    invalidate: () => {
      invalidations++
      i++
    },
    get invalidations() {
      return invalidations
    },
    get gets() {
      return gets
    },
  }
}

/** Requests in the simulator log whose path contains `part` (case-insensitive). */
export const requests = (sim: Simulator, part: string) =>
  sim.log.filter((e) => e.path.toLowerCase().includes(part.toLowerCase()))

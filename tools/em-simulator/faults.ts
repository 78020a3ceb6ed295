/**
 * @module Fault knobs: latency, error statuses, broken bodies and broken connections, optionally
 * limited to matching requests and to the next N of them. Logon and the entry point are affected
 * only when `match.path` selects them, so a fault on queries does not also break logging on.
 */
import type { Prng } from './prng'

/** Which requests a fault applies to. */
export interface FaultMatch {
  /** A string matches when the request path contains it (case-insensitive); a RegExp is tested on the path. */
  readonly path?: string | RegExp
  /** The EM type: `type=` of a query, or the type of the collection an entity GET addresses (case-insensitive). */
  readonly type?: string
}

export interface Faults {
  readonly match?: FaultMatch
  /** Apply to the next N matching requests, then stop. */
  readonly times?: number
  /** Added before answering. */
  readonly latencyMs?: number
  /** Added per entity on the page. */
  readonly perEntityLatencyMs?: number
  /** 0..1, seeded: answer `errorStatus` (default 500) with an Error body and a stack trace. */
  readonly errorRate?: number
  readonly errorStatus?: 500 | 503
  /** Force this status with an Error body (500/503 carry a stack trace). */
  readonly status?: number
  /** 200 with an invalid XML/JSON body. */
  readonly malformed?: boolean
  /** Send half the body, then end the socket. */
  readonly truncate?: boolean
  /** Never answer (sockets are closed on `close()`). */
  readonly hang?: boolean
  /** Destroy the socket without answering. */
  readonly reset?: boolean
  /** Answer 401 as if the token had expired, and expire it. */
  readonly expireToken?: boolean
}

export interface FaultTarget {
  readonly path: string
  readonly type: string | undefined
  readonly isPublic: boolean
}

/** The active faults and their remaining count. */
export class FaultState {
  private faults: Faults | undefined
  private remaining = Infinity

  constructor(private readonly rng: Prng) {}

  set(f: Faults): void {
    this.faults = f
    this.remaining = f.times ?? Infinity
  }

  clear(): void {
    this.faults = undefined
  }

  /** The faults that apply to this request (consuming one of `times`), or undefined. */
  take(target: FaultTarget): Faults | undefined {
    const f = this.faults
    if (f === undefined || this.remaining <= 0 || !matches(f.match, target)) return undefined
    this.remaining--
    if (this.remaining <= 0) this.faults = undefined
    return f
  }

  /** Seeded draw for `errorRate`. */
  roll(rate: number): boolean {
    return this.rng.next() < rate
  }
}

const matches = (m: FaultMatch | undefined, t: FaultTarget): boolean => {
  if (t.isPublic && m?.path === undefined) return false
  if (m?.path !== undefined) {
    if (typeof m.path !== 'string') m.path.lastIndex = 0
    const ok =
      typeof m.path === 'string' ? t.path.toLowerCase().includes(m.path.toLowerCase()) : m.path.test(t.path)
    if (!ok) return false
  }
  if (m?.type !== undefined && m.type.toLowerCase() !== t.type?.toLowerCase()) return false
  return true
}

/** Makes a body unparseable while keeping a 200 and a correct Content-Length. */
export const corrupt = (body: string, json: boolean): string => {
  const cut = body.slice(0, Math.floor(body.length * 0.6))
  return json ? `${cut},"` : `${cut}<Broken attr=>&`
}

/**
 * @module EM exchanges with the policies every call shares: base URL and keep-alive agent from the
 * current credentials, exactly one `Accept` type, no cookies ever, EM protection (a slot of the
 * process's bounded concurrency and the circuit breaker's leave for every exchange) and the product's
 * ONE retry layer: an EM call is tried at most twice (GET on a connection failure or 503; any method
 * on a stale kept-alive socket), after a jittered pause, within the call's deadline and abort signal.
 * One `onCall` event per HTTP exchange.
 */
import type http from 'node:http'
import { EmBusyError, EmCircuitOpenError, EmError, EmHttpError, EmTimeoutError } from './errors'
import { createAgent, EmConnectionError, httpRequest, type HttpResponse } from './http'
import { decodeError, readyToDecode } from './decode-on-demand'
import type { BreakerTicket, CircuitBreaker } from './protection/breaker'
import type { EmLimiter, Release } from './protection/limiter'
import type { CredentialsProvider, EmCallEvent, EmCredentials, EmProtectionEvent } from './types'

/** At most this many attempts per EM call, whoever asks (the contract's "one retry layer"). */
export const MAX_ATTEMPTS = 2

export interface TransportOptions {
  readonly credentials: CredentialsProvider
  readonly timeoutMs: number
  readonly format: 'json' | 'xml'
  /** Extra attempts after the first: 0 or 1 (more are capped by `MAX_ATTEMPTS`). */
  readonly retries: number
  readonly onCall?: ((e: EmCallEvent) => void) | undefined
  /** Bounded concurrency: every exchange holds a slot while it runs. */
  readonly limiter?: EmLimiter | undefined
  /** Longest wait for a slot (also bounded by the call's deadline). */
  readonly queueWaitMs?: number | undefined
  readonly breaker?: CircuitBreaker | undefined
  readonly onProtection?: ((e: EmProtectionEvent) => void) | undefined
  /** Told every EM session token seen on the wire (EM may echo one in a message: it must be scrubbed). */
  readonly onToken?: ((token: string) => void) | undefined
}

export interface SendOptions<T> {
  readonly operation: EmCallEvent['operation']
  readonly method: 'GET' | 'POST' | 'DELETE'
  /** Path after the base URL, starting with `/api/`. */
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly deadline: number
  readonly signal?: AbortSignal | undefined
  /** Turns the response into a value or a typed error; runs before the `onCall` event, so its error is counted. */
  readonly handle: (res: HttpResponse) => T
}

const BACKOFF_MS = 100
/** EM's message is kept whole for the log (bounded against a flood); problems cap what they show. */
const MESSAGE_MAX = 4000
const TOKEN_HEADER_LC = 'x-restsvcsessionid'

const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', abort)
      resolve()
    }, ms)
    const abort = (): void => {
      clearTimeout(t)
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
    }
    signal?.addEventListener('abort', abort, { once: true })
  })

/**
 * EM's Error `Message` (never its stack trace), bounded, otherwise whole: the log gets all of it, and
 * `shared/http/problem.ts` scrubs every secret, the username and the tokens from what callers see.
 */
export const emMessage = (res: HttpResponse): string | null => {
  const raw = decodeError(res.body, res.headers['content-type'])?.Message
  if (!raw) return null
  return raw.length > MESSAGE_MAX ? `${raw.slice(0, MESSAGE_MAX)}…` : raw
}

/** The kind reported in `onCall` for a failed exchange. */
const kindOf = (e: unknown): string =>
  e instanceof EmError ? e.kind : e instanceof Error && e.name === 'AbortError' ? 'aborted' : 'error'

/** `https://em:9398`, `https://em:9398/`, `https://em:9398/api/` → `https://em:9398`. */
const baseOf = (url: string): string => url.replace(/\/+$/, '').replace(/\/api$/, '')

/** Sends EM requests for one client; holds its one keep-alive agent. */
export class Transport {
  private agent: { key: string; agent: http.Agent } | undefined
  readonly accept: string

  constructor(readonly opts: TransportOptions) {
    this.accept = opts.format === 'xml' ? 'application/xml' : 'application/json'
  }

  private agentFor(c: EmCredentials, url: URL): http.Agent {
    const key = `${url.origin}\n${c.caCertificate ?? ''}`
    if (this.agent?.key !== key) {
      this.agent?.agent.destroy()
      this.agent = { key, agent: createAgent(url, c.caCertificate) }
    }
    return this.agent.agent
  }

  /** One logical request: at most `MAX_ATTEMPTS` HTTP exchanges, each reported to `onCall`. */
  async send<T>(o: SendOptions<T>): Promise<T> {
    const creds = await this.opts.credentials.get()
    const url = new URL(baseOf(creds.url) + o.path)
    const agent = this.agentFor(creds, url)
    const headers = { Accept: this.accept, ...o.headers }
    // Every EM session token on the wire is one the scrubber must know (EM may echo it in a message).
    for (const [name, value] of Object.entries(o.headers))
      if (name.toLowerCase() === TOKEN_HEADER_LC) this.opts.onToken?.(value)
    const attempts = Math.min(MAX_ATTEMPTS, 1 + Math.max(0, this.opts.retries))
    for (let attempt = 1; ; attempt++) {
      const release = await this.admit(o)
      let pause: number
      try {
        return await this.exchange(o, url, headers, agent)
      } catch (e) {
        const safe =
          (e instanceof EmConnectionError && e.staleSocket) ||
          (o.method === 'GET' &&
            ((e instanceof EmConnectionError && !e.untrustedCertificate) ||
              (e instanceof EmHttpError && e.status === 503)))
        pause = BACKOFF_MS * (0.5 + Math.random())
        if (!safe || attempt >= attempts || o.signal?.aborted || Date.now() + pause >= o.deadline) throw e
      } finally {
        release()
      }
      await sleep(pause, o.signal)
    }
  }

  /** A slot of the limiter and the breaker's leave, or `EmBusyError` / `EmCircuitOpenError`. */
  private async admit(o: SendOptions<unknown>): Promise<Release> {
    const { limiter, breaker } = this.opts
    try {
      breaker?.check()
      const wait = Math.min(o.deadline, Date.now() + (this.opts.queueWaitMs ?? this.opts.timeoutMs))
      return limiter ? await limiter.acquire(wait, o.signal) : () => undefined
    } catch (e) {
      if (e instanceof EmBusyError || e instanceof EmCircuitOpenError)
        this.opts.onProtection?.({ type: 'rejected', reason: e.kind })
      throw e
    }
  }

  /** One HTTP exchange; its outcome tells the breaker whether EM answered. */
  private async exchange<T>(
    o: SendOptions<T>,
    url: URL,
    headers: Record<string, string>,
    agent: http.Agent
  ): Promise<T> {
    let ticket: BreakerTicket | undefined
    try {
      ticket = this.opts.breaker?.admit()
    } catch (e) {
      if (e instanceof EmCircuitOpenError) this.opts.onProtection?.({ type: 'rejected', reason: e.kind })
      throw e
    }
    const started = performance.now()
    let status: number | null = null
    try {
      const res = await httpRequest({ ...o, url, headers, agent, timeoutMs: this.opts.timeoutMs })
      status = res.status
      if (ticket) this.opts.breaker?.success(ticket)
      const issued = res.headers[TOKEN_HEADER_LC]
      if (typeof issued === 'string') this.opts.onToken?.(issued)
      await readyToDecode(res.headers['content-type'])
      const value = o.handle(res)
      this.report(o.operation, status, started)
      return value
    } catch (e) {
      // No answer at all (refused, reset, DNS, TLS, silence) counts against EM; EM's own 4xx/5xx and
      // a caller that went away do not.
      if (ticket && (e instanceof EmConnectionError || e instanceof EmTimeoutError))
        this.opts.breaker?.failure(ticket, e.message)
      this.report(o.operation, status, started, kindOf(e))
      throw e
    }
  }

  private report(
    operation: EmCallEvent['operation'],
    status: number | null,
    started: number,
    errorKind?: string
  ) {
    const durationMs = Math.round((performance.now() - started) * 10) / 10
    this.opts.onCall?.(
      errorKind === undefined
        ? { operation, status, durationMs }
        : { operation, status, durationMs, errorKind }
    )
  }

  /** Releases the agent's sockets (so a test process can exit). */
  destroy(): void {
    this.agent?.agent.destroy()
    this.agent = undefined
  }
}

/**
 * @module EM exchanges with the policies every call shares: base URL and keep-alive agent from the
 * current credentials, exactly one `Accept` type, no cookies ever, retries with jittered backoff where
 * safe (GET on a connection failure or 503; any method on a stale kept-alive socket), bounded by the
 * retry count and the call's deadline, and one `onCall` event per HTTP exchange.
 */
import type http from 'node:http'
import { EmError, EmHttpError } from './errors'
import { createAgent, EmConnectionError, httpRequest, type HttpResponse } from './http'
import { decodeError } from './decode'
import type { CredentialsProvider, EmCallEvent, EmCredentials } from './types'

export interface TransportOptions {
  readonly credentials: CredentialsProvider
  readonly timeoutMs: number
  readonly format: 'json' | 'xml'
  readonly retries: number
  readonly onCall?: ((e: EmCallEvent) => void) | undefined
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

const BACKOFF_MS = [100, 300, 900]
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

  /** One logical request: one or more HTTP exchanges (retries), each reported to `onCall`. */
  async send<T>(o: SendOptions<T>): Promise<T> {
    const creds = await this.opts.credentials.get()
    const url = new URL(baseOf(creds.url) + o.path)
    const agent = this.agentFor(creds, url)
    const headers = { Accept: this.accept, ...o.headers }
    // Every EM session token on the wire is one the scrubber must know (EM may echo it in a message).
    for (const [name, value] of Object.entries(o.headers))
      if (name.toLowerCase() === TOKEN_HEADER_LC) this.opts.onToken?.(value)
    for (let attempt = 0; ; attempt++) {
      const started = performance.now()
      let status: number | null = null
      try {
        const res = await httpRequest({ ...o, url, headers, agent, timeoutMs: this.opts.timeoutMs })
        status = res.status
        const issued = res.headers[TOKEN_HEADER_LC]
        if (typeof issued === 'string') this.opts.onToken?.(issued)
        const value = o.handle(res)
        this.report(o.operation, status, started)
        return value
      } catch (e) {
        this.report(o.operation, status, started, kindOf(e))
        const safe =
          (e instanceof EmConnectionError && e.staleSocket) ||
          (o.method === 'GET' &&
            ((e instanceof EmConnectionError && !e.untrustedCertificate) ||
              (e instanceof EmHttpError && e.status === 503)))
        const delay = (BACKOFF_MS[attempt] ?? 900) * (0.5 + Math.random())
        if (!safe || attempt >= this.opts.retries || Date.now() + delay >= o.deadline) throw e
        await sleep(delay, o.signal)
      }
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

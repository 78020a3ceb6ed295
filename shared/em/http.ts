/**
 * @module One HTTP exchange with EM over `node:http`/`node:https` (not fetch: we need a custom CA and a
 * keep-alive agent). Enforces the deadline over connect + headers + body, honours an AbortSignal and
 * turns socket-level failures into typed errors. Knows nothing of EM's semantics (statuses, bodies).
 */
import http from 'node:http'
import https from 'node:https'
import { rootCertificates } from 'node:tls'
import { EmBadResponseError, EmTimeoutError, EmUnreachableError } from './errors'

/** A response read whole. */
export interface HttpResponse {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: Buffer
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'DELETE'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly agent: http.Agent
  /** Epoch ms after which the exchange fails with `EmTimeoutError(timeoutMs)`. */
  readonly deadline: number
  readonly timeoutMs: number
  readonly signal?: AbortSignal | undefined
}

/** No answer at all; `retryable` says the request cannot have reached EM's application (safe to resend a GET). */
export class EmConnectionError extends EmUnreachableError {
  constructor(
    message: string,
    readonly code: string | undefined,
    /** Reset on a kept-alive socket before any byte came back: safe to resend even a POST. */
    readonly staleSocket: boolean,
    /** TLS verification failed: retrying cannot help. */
    readonly untrustedCertificate: boolean,
    options?: ErrorOptions
  ) {
    super(message, options)
    this.name = 'EmConnectionError'
  }
}

/** Bodies bigger than this are refused (a 1,000-session page is about 1.3 MB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024

const CERT_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

const codeOf = (e: unknown): string | undefined =>
  e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined

/** A socket-level error → typed error; the message names the failure (code), never a URL secret or body. */
const connectionError = (e: unknown, reused: boolean): EmConnectionError => {
  const code = codeOf(e)
  if (code !== undefined && CERT_CODES.has(code)) {
    return new EmConnectionError(`EM's TLS certificate is not trusted (${code})`, code, false, true, {
      cause: e,
    })
  }
  const what =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'EM host name does not resolve' : 'EM is unreachable'
  const stale = reused && code === 'ECONNRESET'
  return new EmConnectionError(`${what} (${code ?? 'connection failed'})`, code, stale, false, { cause: e })
}

/**
 * A keep-alive agent for EM's base URL. With a CA, TLS trusts it in addition to the default roots;
 * certificate verification is never turned off.
 */
export function createAgent(url: URL, caCertificate: string | undefined): http.Agent {
  const common = {
    keepAlive: true,
    keepAliveMsecs: 15_000,
    maxSockets: 16,
    maxFreeSockets: 16,
    timeout: 60_000,
  }
  if (url.protocol === 'http:') return new http.Agent(common)
  return new https.Agent(caCertificate ? { ...common, ca: [...rootCertificates, caCertificate] } : common)
}

/**
 * Sends one request and reads the whole response.
 * @throws EmTimeoutError past the deadline; EmConnectionError (an EmUnreachableError) when no answer came;
 * EmBadResponseError when the body stopped short or is too big; the signal's reason when aborted.
 */
export function httpRequest(r: HttpRequest): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let done = false
    const finish = (err: unknown, value?: HttpResponse): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      r.signal?.removeEventListener('abort', onAbort)
      if (value) resolve(value)
      else reject(err instanceof Error ? err : new Error('EM request failed'))
    }
    const onAbort = (): void => {
      finish(r.signal?.reason)
      req.destroy()
    }
    if (r.signal?.aborted)
      return reject(r.signal.reason instanceof Error ? r.signal.reason : new Error('aborted'))
    const mod = r.url.protocol === 'http:' ? http : https
    const req = mod.request(r.url, { method: r.method, headers: r.headers, agent: r.agent }, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_BODY_BYTES) {
          finish(new EmBadResponseError('EM answered with a body too large to read'))
          req.destroy()
        } else chunks.push(c)
      })
      res.on('end', () =>
        finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
      )
      const cut = (): void =>
        finish(new EmBadResponseError('EM closed the connection before the body was complete'))
      res.on('error', cut)
      res.on('close', () => {
        if (!res.complete) cut()
      })
    })
    req.on('error', (e) => finish(connectionError(e, req.reusedSocket)))
    r.signal?.addEventListener('abort', onAbort, { once: true })
    // Declared after `finish`, which only runs asynchronously (socket events, timer, abort).
    const timer = setTimeout(
      () => {
        finish(new EmTimeoutError(r.timeoutMs))
        req.destroy()
      },
      Math.max(0, r.deadline - Date.now())
    )
    req.end()
  })
}

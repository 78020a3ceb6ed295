/**
 * @module The real EM client: the product's only way to talk to Veeam Enterprise Manager. Composes the
 * transport (HTTP, EM protection: bounded concurrency, circuit breaker, the one retry layer; deadline),
 * the logon session (shared token, re-logon on 401) and the
 * decoders (raw shape). Create it once at module scope so the token survives warm Lambda invocations.
 */
import { EmHttpError, EmNotFoundError } from './errors'
import { decodeEntity, decodeQueryPage } from './decode-on-demand'
import type { HttpResponse } from './http'
import { buildQueryPath } from './query-builder'
import { CircuitBreaker } from './protection/breaker'
import { EM_PROTECTION_DEFAULTS } from './protection/defaults'
import { EmLimiter } from './protection/limiter'
import { EM_COLLECTIONS, type EmQueryType } from './query-types'
import { LogonManager, TOKEN_HEADER } from './logon-session'
import { emMessage, Transport } from './transport'
import type { CredentialsProvider, EmCallEvent, EmClient, EmProtectionEvent } from './types'

export interface EmClientOptions {
  readonly credentials: CredentialsProvider
  /** Deadline of each client call (logon, retries and body included). */
  readonly timeoutMs: number
  /** The one `Accept` type to send (default `json`). */
  readonly format?: 'json' | 'xml' | undefined
  /** Extra attempts for GETs on connection failures and 503: 0 or 1 (default 1; never more than one). */
  readonly retries?: number | undefined
  /** Called once per HTTP exchange (logs and metrics). */
  readonly onCall?: ((e: EmCallEvent) => void) | undefined
  /** EM exchanges at once (default 8). */
  readonly maxConcurrency?: number | undefined
  /** Calls allowed to wait for an exchange slot (default 32); beyond it: `EmBusyError` at once. */
  readonly maxQueue?: number | undefined
  /** Longest wait for a slot, default a quarter of `timeoutMs` (so a started call keeps most of its deadline). */
  readonly queueWaitMs?: number | undefined
  /** Consecutive connection failures or timeouts that open the breaker (default 5). */
  readonly breakerFailures?: number | undefined
  /** How long the open breaker refuses calls before one probe (default 10 s). */
  readonly breakerCooldownMs?: number | undefined
  /** Breaker state changes and refused calls (logs and metrics). */
  readonly onProtection?: ((e: EmProtectionEvent) => void) | undefined
  /** Told every EM session token seen (the runtime registers them with the scrubber). */
  readonly onToken?: ((token: string) => void) | undefined
}

/**
 * Creates a client; nothing is sent until the first call.
 * @example
 * const em = createEmClient({ credentials: staticCredentials({ url, username, password }), timeoutMs: 10_000 })
 * const page = await em.query({ type: 'BackupJobSession', sort: { field: 'CreationTime', direction: 'desc' }, pageSize: 100, page: 1 })
 */
export function createEmClient(opts: EmClientOptions): EmClient {
  const d = EM_PROTECTION_DEFAULTS
  const limiter = new EmLimiter({
    maxConcurrent: opts.maxConcurrency ?? d.maxConcurrency,
    maxQueue: opts.maxQueue ?? d.maxQueue,
  })
  const breaker = new CircuitBreaker({
    failures: opts.breakerFailures ?? d.breakerFailures,
    cooldownMs: opts.breakerCooldownMs ?? d.breakerCooldownMs,
    onChange: (c) => {
      // Waiting for a slot cannot help once EM is known to be down: answer those callers now.
      if (c.to === 'open') limiter.rejectWaiting(breaker.openError())
      opts.onProtection?.({ type: 'breaker', ...c })
    },
  })
  const transport = new Transport({
    credentials: opts.credentials,
    timeoutMs: opts.timeoutMs,
    format: opts.format ?? 'json',
    retries: opts.retries ?? 1,
    onCall: opts.onCall,
    limiter,
    queueWaitMs: opts.queueWaitMs ?? Math.max(50, Math.floor(opts.timeoutMs / 4)),
    breaker,
    onProtection: opts.onProtection,
    onToken: opts.onToken,
  })
  const sessions = new LogonManager(transport, opts.credentials)

  const fail = (operation: 'query' | 'entity', res: HttpResponse): never => {
    const message = emMessage(res)
    if (res.status === 404 && operation === 'entity') throw new EmNotFoundError(message)
    throw new EmHttpError(res.status, message)
  }

  /** An authenticated GET; on 401 the token is dropped, a new logon made and the call retried once. */
  const get = async <T>(
    operation: 'query' | 'entity',
    path: string,
    signal: AbortSignal | undefined,
    decode: (res: HttpResponse) => T
  ): Promise<T> => {
    const deadline = Date.now() + opts.timeoutMs
    for (let attempt = 0; ; attempt++) {
      const s = await sessions.get(deadline, signal)
      try {
        return await transport.send({
          operation,
          method: 'GET',
          path,
          headers: { [TOKEN_HEADER]: s.token },
          deadline,
          signal,
          handle: (res) => (res.status >= 200 && res.status < 300 ? decode(res) : fail(operation, res)),
        })
      } catch (e) {
        if (!(e instanceof EmHttpError && e.status === 401 && attempt === 0)) throw e
        sessions.drop(s)
      }
    }
  }

  return {
    query: (q, signal) =>
      get('query', buildQueryPath(q), signal, (res) =>
        decodeQueryPage(res.body, res.headers['content-type'], q.type)
      ),

    getEntity: (type: EmQueryType, id: string, signal) =>
      get('entity', `/api/${EM_COLLECTIONS[type]}/${encodeURIComponent(id)}?format=Entity`, signal, (res) =>
        decodeEntity(res.body, res.headers['content-type'])
      ),

    async checkLogon(signal) {
      const started = performance.now()
      await sessions.fresh(Date.now() + opts.timeoutMs, signal)
      return { durationMs: Math.round((performance.now() - started) * 10) / 10 }
    },

    async close() {
      await sessions.close(Date.now() + opts.timeoutMs)
      transport.destroy()
    },
  }
}

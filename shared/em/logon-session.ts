/**
 * @module EM logon sessions: `POST /api/sessionMngr/?v=latest` with Basic auth, the token read from the
 * `X-RestSvcSessionId` response header (opaque; cookies are never kept), reused across calls and warm
 * Lambda invocations, shared by concurrent callers (N parallel calls on a cold client → 1 logon), and
 * retried once with re-read credentials when EM rejects them (a rotated password is picked up).
 * @see em-reference §1 "Logon", "LogonSession lifetime and logoff"
 */
import { EmAuthError, EmBadResponseError, EmHttpError } from './errors'
import { decodeLogonSession } from './decode-on-demand'
import { emMessage, type Transport } from './transport'
import type { CredentialsProvider } from './types'

/** A live EM logon session. */
export interface LogonSession {
  /** Value of the `X-RestSvcSessionId` header: what authenticates later requests. */
  readonly token: string
  /** The `SessionId` GUID from the body: what `DELETE /api/logonSessions/{id}` needs. */
  readonly sessionId: string
}

/** Header name EM reads the token from (Node lower-cases response header names). */
export const TOKEN_HEADER = 'X-RestSvcSessionId'

const abortable = <T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
  if (!signal) return p
  if (signal.aborted)
    return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'))
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'))
    signal.addEventListener('abort', abort, { once: true })
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}

/** Holds at most one current session and at most one logon in flight. */
export class LogonManager {
  private current: LogonSession | undefined
  private pending: Promise<LogonSession> | undefined

  constructor(
    private readonly transport: Transport,
    private readonly credentials: CredentialsProvider
  ) {}

  /** The current session, logging on first when there is none; concurrent callers share one logon. */
  async get(deadline: number, signal?: AbortSignal): Promise<LogonSession> {
    if (this.current) return this.current
    this.pending ??= this.logon(deadline)
      .then((s) => (this.current = s))
      .finally(() => {
        this.pending = undefined
      })
    return abortable(this.pending, signal)
  }

  /** Forgets a session EM no longer accepts (401), unless another caller already replaced it. */
  drop(s: LogonSession): void {
    if (this.current === s) this.current = undefined
  }

  /**
   * A fresh logon (deep health check). It becomes the current session when there is none; otherwise it
   * is logged off at once, so sessions other callers are using are never disturbed.
   */
  async fresh(deadline: number, signal?: AbortSignal): Promise<void> {
    const s = await abortable(this.logon(deadline, signal), signal)
    if (this.current === undefined && this.pending === undefined) this.current = s
    else await this.logoff(s, deadline)
  }

  /** Logs off the current session, if any; failures are ignored (EM expires idle sessions anyway). */
  async close(deadline: number): Promise<void> {
    const s = this.current
    this.current = undefined
    if (s) await this.logoff(s, deadline)
  }

  private async logon(deadline: number, signal?: AbortSignal): Promise<LogonSession> {
    try {
      return await this.logonOnce(deadline, signal)
    } catch (e) {
      if (!(e instanceof EmAuthError)) throw e
      // The secret may have been rotated: read it again and try once more.
      this.credentials.invalidate()
      return await this.logonOnce(deadline, signal)
    }
  }

  private async logonOnce(deadline: number, signal?: AbortSignal): Promise<LogonSession> {
    const c = await this.credentials.get()
    const basic = Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')
    const s = await this.transport.send({
      operation: 'logon',
      method: 'POST',
      path: '/api/sessionMngr/?v=latest',
      headers: { Authorization: `Basic ${basic}`, 'Content-Length': '0' },
      deadline,
      signal,
      handle: (res): LogonSession => {
        if (res.status === 401 || res.status === 403) {
          throw new EmAuthError(`EM rejected the configured credentials (${res.status})`)
        }
        if (res.status < 200 || res.status > 299) throw new EmHttpError(res.status, emMessage(res))
        const token = res.headers[TOKEN_HEADER.toLowerCase()]
        if (typeof token !== 'string' || token === '') {
          throw new EmBadResponseError(`EM logon answered ${res.status} without an ${TOKEN_HEADER} header`)
        }
        const { SessionId } = decodeLogonSession(res.body, res.headers['content-type'])
        return { token, sessionId: SessionId }
      },
    })
    return s
  }

  private async logoff(s: LogonSession, deadline: number): Promise<void> {
    try {
      await this.transport.send({
        operation: 'logoff',
        method: 'DELETE',
        path: `/api/logonSessions/${encodeURIComponent(s.sessionId)}`,
        headers: { [TOKEN_HEADER]: s.token },
        deadline,
        handle: (res) => {
          if (res.status < 200 || res.status > 299) throw new EmHttpError(res.status, null)
        },
      })
    } catch {
      // Ignored by design: logoff is a courtesy.
    }
  }
}

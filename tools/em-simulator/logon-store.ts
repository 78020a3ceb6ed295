/**
 * @module EM logon sessions: Basic-auth logon issues an opaque `X-RestSvcSessionId` token (not
 * derived from the SessionId GUID, as in EM 12/13) that expires after an idle period.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'

export interface LogonSession {
  readonly token: string
  readonly sessionId: string
  readonly userName: string
  lastUsed: number
}

export type TokenState =
  | { readonly ok: true; readonly session: LogonSession }
  | { readonly ok: false; readonly reason: 'missing' | 'unknown' | 'expired' }

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Parses `Authorization: Basic …` into user and password. */
export const parseBasic = (header: string | undefined): { user: string; password: string } | undefined => {
  const m = /^\s*Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (m?.[1] === undefined) return undefined
  const text = Buffer.from(m[1], 'base64').toString('utf8')
  const colon = text.indexOf(':')
  return colon < 0 ? undefined : { user: text.slice(0, colon), password: text.slice(colon + 1) }
}

/** Accepted credentials and live logon sessions. */
export class LogonStore {
  private readonly byToken = new Map<string, LogonSession>()
  private logons = 0

  constructor(
    readonly username: string,
    public password: string,
    private readonly idleTimeoutMs: number
  ) {}

  get logonCount(): number {
    return this.logons
  }

  /** Checks Basic credentials (user name case-insensitive, as Windows accounts are). */
  accepts(user: string, password: string): boolean {
    return user.toLowerCase() === this.username.toLowerCase() && sameText(password, this.password)
  }

  logon(userName: string): LogonSession {
    const session = {
      token: randomBytes(16).toString('base64'),
      sessionId: randomUUID(),
      userName,
      lastUsed: Date.now(),
    }
    this.byToken.set(session.token, session)
    this.logons++
    return session
  }

  /** Resolves a token and, when valid, marks it used now. */
  resolve(token: string | undefined): TokenState {
    if (token === undefined || token === '') return { ok: false, reason: 'missing' }
    const session = this.byToken.get(token)
    if (session === undefined) return { ok: false, reason: 'unknown' }
    const now = Date.now()
    if (now - session.lastUsed > this.idleTimeoutMs) {
      this.byToken.delete(token)
      return { ok: false, reason: 'expired' }
    }
    session.lastUsed = now
    return { ok: true, session }
  }

  /** Live logon sessions (expired ones excluded). */
  list(): LogonSession[] {
    const now = Date.now()
    return [...this.byToken.values()].filter((s) => now - s.lastUsed <= this.idleTimeoutMs)
  }

  /** Ends the logon session with this SessionId; false when there is none. */
  logoff(sessionId: string): boolean {
    for (const [token, s] of this.byToken) {
      if (s.sessionId.toLowerCase() === sessionId.toLowerCase()) {
        this.byToken.delete(token)
        return true
      }
    }
    return false
  }

  /** Expires one token (fault knob) or all of them: their next use answers 401 "expired". */
  expire(token?: string): void {
    for (const s of this.byToken.values())
      if (token === undefined || s.token === token) s.lastUsed = -Infinity
  }
}

/**
 * @module The EM client's interface: all the product knows of EM. Routes, reports and health
 * depend on this, never on HTTP details.
 */
import type { EmQuery } from './filter'
import type { BreakerState } from './protection/breaker'
import type { EmQueryType } from './query-types'
import type { RawQueryPage, RawSession } from './raw'

/** Where EM is and how to log on. Local: from the environment; deployed: from Secrets Manager. */
export interface EmCredentials {
  readonly url: string
  readonly username: string
  readonly password: string
  /** PEM of a CA to trust for EM's (usually self-signed) certificate. */
  readonly caCertificate?: string | undefined
}

export interface CredentialsProvider<C extends EmCredentials = EmCredentials> {
  /** Cached; reads the source again once the cache expires or after `invalidate()`. */
  get(): Promise<C>
  /** Forget the cached value (called when EM rejects the credentials, so a rotated secret is picked up). */
  invalidate(): void
}

/** Per-call timing and counters the client reports, for logs and metrics. */
export interface EmCallEvent {
  readonly operation: 'logon' | 'query' | 'entity' | 'logoff'
  readonly status: number | null
  readonly durationMs: number
  readonly errorKind?: string | undefined
}

/** EM protection at work, for logs and metrics: a breaker state change, or a call refused before EM. */
export type EmProtectionEvent =
  | {
      readonly type: 'breaker'
      readonly from: BreakerState
      readonly to: BreakerState
      readonly failures: number
      readonly reason?: string | undefined
    }
  | { readonly type: 'rejected'; readonly reason: 'busy' | 'circuit-open' }

export interface EmClient {
  /** `GET /api/query?type=…&format=Entities…`: exactly one EM request (plus a logon when needed). */
  query(query: EmQuery, signal?: AbortSignal): Promise<RawQueryPage>
  /** `GET /api/{collection}/{id}?format=Entity`; throws `EmNotFoundError` on 404. */
  getEntity(type: EmQueryType, id: string, signal?: AbortSignal): Promise<RawSession>
  /** A fresh logon (used by `/health?deep=true`); returns how long it took. */
  checkLogon(signal?: AbortSignal): Promise<{ durationMs: number }>
  /** Log off (`DELETE /api/logonSessions/{id}`) if logged on. */
  close(): Promise<void>
}

/**
 * @module Typed errors of the EM client. Each says what went wrong upstream; `shared/http/problem.ts`
 * maps them to the contract's problem responses (in one place). None carries EM's stack trace,
 * a token or a credential: only EM's `Message` text and status.
 */

export type EmErrorKind =
  | 'http'
  | 'not-found'
  | 'auth'
  | 'unreachable'
  | 'timeout'
  | 'bad-response'
  | 'config'
  | 'busy'
  | 'circuit-open'

export abstract class EmError extends Error {
  abstract readonly kind: EmErrorKind
}

/** EM answered with an Error body (or a non-2xx status) other than 401 on logon and 404. → 502 */
export class EmHttpError extends EmError {
  readonly kind = 'http'
  constructor(
    readonly status: number,
    readonly emMessage: string | null,
    options?: ErrorOptions
  ) {
    super(`EM answered ${status}${emMessage ? `: ${emMessage}` : ''}`, options)
    this.name = 'EmHttpError'
  }
}

/** EM said 404: no such entity. → 404 */
export class EmNotFoundError extends EmError {
  readonly kind = 'not-found'
  constructor(
    readonly emMessage: string | null,
    options?: ErrorOptions
  ) {
    super(emMessage ?? 'EM has no such resource', options)
    this.name = 'EmNotFoundError'
  }
}

/** EM rejected the configured credentials at logon (401/403 on POST /sessionMngr). → 503 */
export class EmAuthError extends EmError {
  readonly kind = 'auth'
  constructor(message = 'EM rejected the configured credentials', options?: ErrorOptions) {
    super(message, options)
    this.name = 'EmAuthError'
  }
}

/** No HTTP answer: refused, reset, DNS, untrusted TLS certificate. → 503 */
export class EmUnreachableError extends EmError {
  readonly kind = 'unreachable'
  constructor(message = 'EM is unreachable', options?: ErrorOptions) {
    super(message, options)
    this.name = 'EmUnreachableError'
  }
}

/** EM did not answer within the configured timeout. → 504 */
export class EmTimeoutError extends EmError {
  readonly kind = 'timeout'
  constructor(
    readonly timeoutMs: number,
    options?: ErrorOptions
  ) {
    super(`EM did not answer within ${timeoutMs} ms`, options)
    this.name = 'EmTimeoutError'
  }
}

/** EM answered 2xx with a body that cannot be read (malformed, truncated, unexpected shape). → 502 */
export class EmBadResponseError extends EmError {
  readonly kind = 'bad-response'
  constructor(message = 'EM answered with a body that cannot be read', options?: ErrorOptions) {
    super(message, options)
    this.name = 'EmBadResponseError'
  }
}

/** EM connection settings are missing or malformed (e.g. the Secrets Manager secret). → 503 */
export class EmConfigError extends EmError {
  readonly kind = 'config'
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'EmConfigError'
  }
}

/** Too many EM requests in flight in this process: the call could not start before its deadline, or the queue was full. → 503 em-busy */
export class EmBusyError extends EmError {
  readonly kind = 'busy'
  constructor(
    /** When a caller may try again. */
    readonly retryAfterSeconds: number,
    message = 'Too many requests to Enterprise Manager are in progress; try again shortly',
    options?: ErrorOptions
  ) {
    super(message, options)
    this.name = 'EmBusyError'
  }
}

/** The circuit breaker is open after consecutive connection failures or timeouts: nothing was sent to EM. → 503 */
export class EmCircuitOpenError extends EmError {
  readonly kind = 'circuit-open'
  constructor(
    /** Until the next probe may go to EM. */
    readonly retryAfterSeconds: number,
    message = 'Enterprise Manager is unavailable; calls are paused',
    options?: ErrorOptions
  ) {
    super(message, options)
    this.name = 'EmCircuitOpenError'
  }
}

/**
 * @module The API's own errors. Each carries its status and problem type; `problem.ts` renders
 * them (and EM client errors) as RFC 9457 problem+json in one place.
 */

/** Problem type URIs (stable; listed in the README's error model). */
export const PROBLEM_TYPES = {
  invalidParameters: 'urn:em-sessions-api:problem:invalid-parameters',
  unauthorized: 'urn:em-sessions-api:problem:unauthorized',
  notFound: 'urn:em-sessions-api:problem:not-found',
  methodNotAllowed: 'urn:em-sessions-api:problem:method-not-allowed',
  upstreamError: 'urn:em-sessions-api:problem:upstream-error',
  upstreamUnavailable: 'urn:em-sessions-api:problem:upstream-unavailable',
  upstreamTimeout: 'urn:em-sessions-api:problem:upstream-timeout',
  emBusy: 'urn:em-sessions-api:problem:em-busy',
  requestTooLarge: 'urn:em-sessions-api:problem:request-too-large',
  internal: 'urn:em-sessions-api:problem:internal',
} as const

export interface ParameterError {
  parameter: string
  message: string
}

export abstract class AppError extends Error {
  abstract readonly status: 400 | 401 | 404 | 405 | 413 | 414 | 431 | 500 | 502 | 503 | 504
  abstract readonly type: string
  abstract readonly title: string
}

export class ValidationError extends AppError {
  readonly status = 400
  readonly type = PROBLEM_TYPES.invalidParameters
  readonly title = 'Invalid parameters'
  constructor(readonly errors: readonly ParameterError[]) {
    super(errors.map((e) => `${e.parameter}: ${e.message}`).join('; '))
    this.name = 'ValidationError'
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401
  readonly type = PROBLEM_TYPES.unauthorized
  readonly title = 'Unauthorized'
  constructor(message = 'A valid API key is required: Authorization: Bearer <key>') {
    super(message)
    this.name = 'UnauthorizedError'
  }
}

export class NotFoundError extends AppError {
  readonly status = 404
  readonly type = PROBLEM_TYPES.notFound
  readonly title = 'Not found'
  constructor(message = 'No such resource') {
    super(message)
    this.name = 'NotFoundError'
  }
}

export class MethodNotAllowedError extends AppError {
  readonly status = 405
  readonly type = PROBLEM_TYPES.methodNotAllowed
  readonly title = 'Method not allowed'
  constructor(message = 'Only GET is supported') {
    super(message)
    this.name = 'MethodNotAllowedError'
  }
}

/** The request (line, headers or body) exceeds a limit. */
export class RequestTooLargeError extends AppError {
  readonly title = 'Request too large'
  readonly type = PROBLEM_TYPES.requestTooLarge
  constructor(
    readonly status: 413 | 414 | 431,
    message: string
  ) {
    super(message)
    this.name = 'RequestTooLargeError'
  }
}

/** The configured API keys cannot be read (the secret is unavailable): no caller can be authenticated. */
export class KeysUnavailableError extends AppError {
  readonly status = 503
  readonly type = PROBLEM_TYPES.upstreamUnavailable
  readonly title = 'Authentication is unavailable'
  constructor(options?: ErrorOptions) {
    super('API keys cannot be checked right now; try again later', options)
    this.name = 'KeysUnavailableError'
  }
}

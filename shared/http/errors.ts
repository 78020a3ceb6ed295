/**
 * @module The HTTP layer's own errors (auth, routing, limits). Each carries its status and problem
 * type; `problem.ts` renders them, the domain's errors and EM client errors as RFC 9457
 * problem+json in one place.
 */
import { PROBLEM_TYPES } from '../model/problem-types'

export abstract class AppError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 405 | 413 | 414 | 429 | 431 | 500 | 502 | 503 | 504
  abstract readonly type: string
  abstract readonly title: string
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

/** The request did not come through the deployment's front door (CloudFront): no detail given. */
export class ForbiddenError extends AppError {
  readonly status = 403
  readonly type = PROBLEM_TYPES.forbidden
  readonly title = 'Forbidden'
  constructor(message = 'Use the published API address') {
    super(message)
    this.name = 'ForbiddenError'
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

/** A per-key bound is reached (reports running at once); `retryAfterSeconds` goes in `Retry-After`. */
export class TooManyRequestsError extends AppError {
  readonly status = 429
  readonly type = PROBLEM_TYPES.tooManyRequests
  readonly title = 'Too many requests'
  constructor(
    message: string,
    readonly retryAfterSeconds: number
  ) {
    super(message)
    this.name = 'TooManyRequestsError'
  }
}

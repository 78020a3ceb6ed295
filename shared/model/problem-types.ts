/**
 * @module The problem `type` URIs of the contract (stable; listed in the README's error model).
 */

export const PROBLEM_TYPES = {
  invalidParameters: 'urn:em-sessions-api:problem:invalid-parameters',
  unauthorized: 'urn:em-sessions-api:problem:unauthorized',
  forbidden: 'urn:em-sessions-api:problem:forbidden',
  notFound: 'urn:em-sessions-api:problem:not-found',
  methodNotAllowed: 'urn:em-sessions-api:problem:method-not-allowed',
  upstreamError: 'urn:em-sessions-api:problem:upstream-error',
  upstreamUnavailable: 'urn:em-sessions-api:problem:upstream-unavailable',
  upstreamTimeout: 'urn:em-sessions-api:problem:upstream-timeout',
  emBusy: 'urn:em-sessions-api:problem:em-busy',
  requestTooLarge: 'urn:em-sessions-api:problem:request-too-large',
  tooManyRequests: 'urn:em-sessions-api:problem:too-many-requests',
  cursorExpired: 'urn:em-sessions-api:problem:cursor-expired',
  internal: 'urn:em-sessions-api:problem:internal',
} as const

/**
 * @module The one place that turns an error into an RFC 9457 problem response.
 * EM errors map by kind to the contract's statuses; anything unexpected is a 500 whose detail
 * says nothing about internals. Every detail and parameter message passes through the scrubber
 * (`shared/security/scrub.ts`) before it is capped, so no configured secret, EM username or session
 * token leaves in a response (capping first could leave half a password behind). No stack traces.
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
import { EmBusyError, EmCircuitOpenError, EmError, EmHttpError } from '../em/errors'
import type { Problem } from '../model/problem'
import { MappingError } from '../mapping/errors'
import { CursorExpiredError, InvalidParametersError } from '../model/errors'
import { PROBLEM_TYPES } from '../model/problem-types'
import { scrub } from '../security/scrub'
import { AppError, TooManyRequestsError } from './errors'

const EM_PROBLEMS = {
  'not-found': { status: 404, type: PROBLEM_TYPES.notFound, title: 'Not found' },
  http: {
    status: 502,
    type: PROBLEM_TYPES.upstreamError,
    title: 'Enterprise Manager answered with an error',
  },
  'bad-response': {
    status: 502,
    type: PROBLEM_TYPES.upstreamError,
    title: 'Enterprise Manager answered with a body that cannot be read',
  },
  unreachable: {
    status: 503,
    type: PROBLEM_TYPES.upstreamUnavailable,
    title: 'Enterprise Manager is unreachable',
  },
  auth: {
    status: 503,
    type: PROBLEM_TYPES.upstreamUnavailable,
    title: 'Enterprise Manager rejected the configured credentials',
  },
  config: {
    status: 503,
    type: PROBLEM_TYPES.upstreamUnavailable,
    title: 'Enterprise Manager is not configured',
  },
  busy: {
    status: 503,
    type: PROBLEM_TYPES.emBusy,
    title: 'Too many requests to Enterprise Manager are in progress',
  },
  'circuit-open': {
    status: 503,
    type: PROBLEM_TYPES.upstreamUnavailable,
    title: 'Enterprise Manager is unavailable',
  },
  timeout: {
    status: 504,
    type: PROBLEM_TYPES.upstreamTimeout,
    title: 'Enterprise Manager did not answer in time',
  },
} as const

/** Messages are ours or EM's `Message` text; cap them so a huge upstream message cannot flood a response. */
const cap = (s: string): string => (s.length > 500 ? `${s.slice(0, 500)}…` : s)

/** What a problem may say: scrubbed, then capped. */
const safe = (s: string): string => cap(scrub(s))

export const toProblem = (err: unknown, instance?: string): Problem => {
  const base = instance === undefined ? {} : { instance }
  if (err instanceof InvalidParametersError) {
    return {
      type: err.type,
      title: err.title,
      status: err.status,
      detail: safe(err.message),
      ...base,
      errors: err.errors.map((e) => ({ parameter: safe(e.parameter), message: safe(e.message) })),
    }
  }
  if (err instanceof CursorExpiredError) {
    return { type: err.type, title: err.title, status: err.status, detail: safe(err.message), ...base }
  }
  if (err instanceof AppError) {
    return { type: err.type, title: err.title, status: err.status, detail: safe(err.message), ...base }
  }
  if (err instanceof EmError) {
    // EM's own 503 (maintenance, overload) means "unavailable", not "answered with an error".
    const p =
      err instanceof EmHttpError && err.status === 503 ? EM_PROBLEMS.unreachable : EM_PROBLEMS[err.kind]
    const detail = err.kind === 'not-found' ? 'Enterprise Manager has no such session' : safe(err.message)
    return { type: p.type, title: p.title, status: p.status, detail, ...base }
  }
  if (err instanceof MappingError) {
    const p = EM_PROBLEMS['bad-response']
    return { type: p.type, title: p.title, status: p.status, detail: cap(err.message), ...base }
  }
  return {
    type: PROBLEM_TYPES.internal,
    title: 'Internal error',
    status: 500,
    detail: 'The request could not be completed; it has been logged.',
    ...base,
  }
}

/** `Retry-After` of a 503/504 whose error does not say (EM unreachable or slow, keys unavailable), seconds. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5

/**
 * The `Retry-After` seconds for an error's problem: every 503 and 504 has one (contract, "Protocol
 * details"); EM protection says how long (em-busy: ~1 s, an open breaker: until its next probe).
 */
export const retryAfterSeconds = (err: unknown, problem: Pick<Problem, 'status'>): number | undefined => {
  if (err instanceof EmBusyError || err instanceof EmCircuitOpenError || err instanceof TooManyRequestsError)
    return err.retryAfterSeconds
  const cause = err instanceof Error ? err.cause : undefined
  if (cause instanceof EmBusyError || cause instanceof EmCircuitOpenError) return cause.retryAfterSeconds
  return problem.status === 503 || problem.status === 504 ? DEFAULT_RETRY_AFTER_SECONDS : undefined
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** A problem as a Response (used by onError, notFound and the auth middleware). */
export const problemResponse = (problem: Problem, headers?: Record<string, string>): Response =>
  new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers },
  })

/**
 * @module Response declarations shared by every route, so each operation documents every status it
 * can give, with the headers every answer carries: `X-Request-Id` on all, `Retry-After` on 429, 503
 * and 504, and `default` → Problem for anything else (a 405 or a 500), so no body falls outside the
 * generated types.
 */
import { z } from '@hono/zod-openapi'
import { ProblemSchema } from '../model/problem'

const header = (
  description: string,
  schema: { type: 'string' | 'integer'; format?: string; minimum?: number }
) => ({
  description,
  schema,
})

/** Every answer's id, also in the server's log line for the request. */
export const REQUEST_ID_HEADER = {
  'X-Request-Id': header('The id of this request (the server logs it on the request line).', {
    type: 'string',
    format: 'uuid',
  }),
}

const EXTRA_HEADERS = {
  retry: { 'Retry-After': header('Seconds to wait before asking again.', { type: 'integer', minimum: 1 }) },
  auth: {
    'WWW-Authenticate': header('`Bearer` (RFC 6750): send an API key as a bearer token.', { type: 'string' }),
  },
}

/** A problem+json response declaration; `retry` adds `Retry-After`, `auth` adds `WWW-Authenticate`. */
export const problemResponse = (description: string, extra?: keyof typeof EXTRA_HEADERS) => ({
  description,
  headers: extra === undefined ? REQUEST_ID_HEADER : { ...REQUEST_ID_HEADER, ...EXTRA_HEADERS[extra] },
  content: { 'application/problem+json': { schema: ProblemSchema } },
})

/** A success response declaration with the `X-Request-Id` header (and any others). */
export const okResponse = <C>(
  description: string,
  content: C,
  headers: Record<string, ReturnType<typeof header>> = {}
) => ({
  description,
  headers: { ...REQUEST_ID_HEADER, ...headers },
  content,
})

/** The body of a `text/csv` answer (RFC 4180). */
export const csvBody = (header: readonly string[]) =>
  z.string().openapi({
    description:
      'RFC 4180 CSV: a header row of the JSON row keys (nested keys joined with dots, arrays joined with `;`), then one line per row; CRLF line ends. A text cell that starts with `=`, `+`, `-`, `@`, a tab, CR or LF (or with whitespace before `=`, `+`, `-`, `@`) is prefixed with an apostrophe so spreadsheets do not run it as a formula.',
    example: `${header.join(',')}\r\n`,
  })

/** Every operation: the app refuses long URLs before routing; anything else undeclared is still a Problem. */
export const commonResponses = {
  414: problemResponse('The URL exceeds 8192 characters'),
  default: problemResponse('Any other error (e.g. 405 for a method other than GET, HEAD or OPTIONS; 500)'),
}

export const upstreamResponses = {
  502: problemResponse('Enterprise Manager answered with an error or a body that cannot be read'),
  503: problemResponse(
    'Enterprise Manager is unreachable, busy (`em-busy`), or rejected the configured credentials; retry after `Retry-After` seconds',
    'retry'
  ),
  504: problemResponse(
    'Enterprise Manager did not answer in time; retry after `Retry-After` seconds',
    'retry'
  ),
}

export const v1Responses = {
  400: problemResponse('Invalid parameters (each one named in `errors`)'),
  401: problemResponse('Missing or invalid API key', 'auth'),
  ...upstreamResponses,
  ...commonResponses,
}

/** Report routes: also bounded per API key (`REPORTS_PER_KEY` at once per process). */
export const reportResponses = {
  ...v1Responses,
  429: problemResponse(
    'Too many reports are running for this API key; retry after `Retry-After` seconds',
    'retry'
  ),
}

export const bearerSecurity = [{ bearerAuth: [] }]

/**
 * @module Response declarations shared by every `/v1` route, so each operation documents every
 * status it can give.
 */
import { problemResponse } from '../model/problem'

/** Any route: the app refuses URLs longer than 8192 characters before routing. */
export const urlTooLongResponse = {
  414: problemResponse('The URL exceeds 8192 characters'),
}

export const upstreamResponses = {
  502: problemResponse('Enterprise Manager answered with an error or a body that cannot be read'),
  503: problemResponse('Enterprise Manager is unreachable, or rejected the configured credentials'),
  504: problemResponse('Enterprise Manager did not answer in time'),
}

export const v1Responses = {
  400: problemResponse('Invalid parameters (each one named in `errors`)'),
  401: problemResponse('Missing or invalid API key'),
  ...upstreamResponses,
}

/** Report routes: also bounded per API key (`REPORTS_PER_KEY` at once per process). */
export const reportResponses = {
  ...v1Responses,
  429: problemResponse('Too many reports are running for this API key; retry after `Retry-After` seconds'),
}

export const bearerSecurity = [{ bearerAuth: [] }]

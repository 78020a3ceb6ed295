/**
 * @module Walks every page of a list operation, following `nextPageToken` (the `x-pagination`
 * convention every list operation declares), as an async iterator of items. Works with any
 * openapi-fetch call: the caller's closure keeps the request fully typed.
 *
 * @example
 * for await (const s of paginate((pageToken) =>
 *   api.GET('/v1/backup-job-sessions', { params: { query: { result: ['Failed'], pageToken } } })
 * )) console.log(s.jobName, s.failureMessage)
 */
import type { components } from './schema'

type Problem = components['schemas']['Problem']

/** One page, as every list operation answers it. */
export interface Page<T> {
  readonly items: readonly T[]
  readonly nextPageToken: string | null
}

/** What an openapi-fetch call resolves to (`data` on 2xx, `error` otherwise). */
export interface PageResult<T> {
  readonly data?: Page<T>
  readonly error?: unknown
  readonly response: Response
}

/** A non-2xx answer, with the RFC 9457 problem the API sent (when it sent one). */
export class ApiProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined
  ) {
    super(problem ? `${status} ${problem.title}: ${problem.detail}` : `HTTP ${status}`)
    this.name = 'ApiProblemError'
  }
}

const isProblem = (v: unknown): v is Problem =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Record<string, unknown>)['type'] === 'string' &&
  typeof (v as Record<string, unknown>)['status'] === 'number'

export interface PaginateOptions {
  /** Stop after this many pages (default: no limit). */
  readonly maxPages?: number
}

/**
 * Every page of a list, in order: calls `fetchPage(undefined)`, then `fetchPage(nextPageToken)`
 * until the token is null. Throws {@link ApiProblemError} on an error answer.
 * @param fetchPage one request, with `pageToken` set to its argument and every other parameter fixed
 */
export async function* paginatePages<T>(
  fetchPage: (pageToken: string | undefined) => Promise<PageResult<T>>,
  options: PaginateOptions = {}
): AsyncGenerator<Page<T>, void, undefined> {
  let token: string | undefined
  for (let n = 0; options.maxPages === undefined || n < options.maxPages; n++) {
    const { data, error, response } = await fetchPage(token)
    if (data === undefined) throw new ApiProblemError(response.status, isProblem(error) ? error : undefined)
    yield data
    if (data.nextPageToken === null) return
    token = data.nextPageToken
  }
}

/**
 * Every item of a list, across pages (see {@link paginatePages}). Stop early with `break`: no
 * further page is requested.
 * @param fetchPage one request, with `pageToken` set to its argument and every other parameter fixed
 */
export async function* paginate<T>(
  fetchPage: (pageToken: string | undefined) => Promise<PageResult<T>>,
  options: PaginateOptions = {}
): AsyncGenerator<T, void, undefined> {
  for await (const page of paginatePages(fetchPage, options)) yield* page.items
}

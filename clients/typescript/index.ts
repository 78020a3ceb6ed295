/**
 * @module The typed TypeScript client: openapi-fetch over the types generated from the contract
 * (`schema.d.ts`, `npm run gen:client`), with the API key set once, plus the paging helper.
 * Copy this folder into a project that has `openapi-fetch` installed.
 *
 * @example
 * const api = createApiClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: process.env.API_KEY ?? '' })
 * const { data, error } = await api.GET('/v1/backup-job-sessions/{id}', { params: { path: { id } } })
 */
import createClient from 'openapi-fetch'
import type { Client } from 'openapi-fetch'
import type { components, operations, paths } from './schema'

export type { components, operations, paths }
export { ApiProblemError, paginate, paginatePages } from './paginate'
export type { Page, PageResult, PaginateOptions } from './paginate'

/** The contract's named schemas, e.g. `Schemas['JobSession']`. */
export type Schemas = components['schemas']
/** RFC 9457 problem details: the body of every error answer. */
export type Problem = Schemas['Problem']
/**
 * The media types the client types responses by: JSON and problem+json. Reports can also answer
 * `text/csv`; ask with `headers: { Accept: 'text/csv' }, parseAs: 'text'` and read `data` as a string.
 */
export type JsonMedia = `${string}/${string}json`
/** The client type: `api.GET(path, { params })` resolves to `{ data, error, response }`. */
export type ApiClient = Client<paths, JsonMedia>

export interface ApiClientOptions {
  /** The deployment's base URL, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com`. */
  readonly baseUrl: string
  /** An API key (sent as `Authorization: Bearer <key>`). */
  readonly apiKey: string
  /** A fetch implementation (default: the global one). */
  readonly fetch?: typeof globalThis.fetch
}

/**
 * A typed client for one deployment.
 * @param options base URL and API key
 */
export const createApiClient = (options: ApiClientOptions): ApiClient =>
  createClient<paths, JsonMedia>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { Authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })

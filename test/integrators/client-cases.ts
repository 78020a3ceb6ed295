/**
 * @module One typed case per session family, written against the generated client only (literal
 * paths, so every call is checked by the generated types): list, get by id and, for job-level
 * families, the task-session children.
 */
import type { ApiClient, PageResult } from '../../clients/typescript/index'

/** The list parameters every list operation accepts. */
export interface CommonQuery {
  pageSize?: number
  pageToken?: string
  sort?: 'creationTime' | '-creationTime'
  createdAfter?: string
  createdBefore?: string
}

interface Item {
  id: string
  creationTime: string
}

export interface FamilyCase {
  readonly key: string
  readonly list: (q: CommonQuery) => Promise<PageResult<Item>>
  readonly get: (id: string) => Promise<{ data?: Item; response: Response }>
  readonly children?: (id: string, q: CommonQuery) => Promise<PageResult<Item>>
}

export const familyCases = (api: ApiClient): readonly FamilyCase[] => [
  {
    key: 'backup-job-sessions',
    list: (query) => api.GET('/v1/backup-job-sessions', { params: { query } }),
    get: (id) => api.GET('/v1/backup-job-sessions/{id}', { params: { path: { id } } }),
    children: (id, query) =>
      api.GET('/v1/backup-job-sessions/{id}/task-sessions', { params: { path: { id }, query } }),
  },
  {
    key: 'backup-task-sessions',
    list: (query) => api.GET('/v1/backup-task-sessions', { params: { query } }),
    get: (id) => api.GET('/v1/backup-task-sessions/{id}', { params: { path: { id } } }),
  },
  {
    key: 'replica-job-sessions',
    list: (query) => api.GET('/v1/replica-job-sessions', { params: { query } }),
    get: (id) => api.GET('/v1/replica-job-sessions/{id}', { params: { path: { id } } }),
    children: (id, query) =>
      api.GET('/v1/replica-job-sessions/{id}/task-sessions', { params: { path: { id }, query } }),
  },
  {
    key: 'replica-task-sessions',
    list: (query) => api.GET('/v1/replica-task-sessions', { params: { query } }),
    get: (id) => api.GET('/v1/replica-task-sessions/{id}', { params: { path: { id } } }),
  },
  {
    key: 'cdp-replica-sessions',
    list: (query) => api.GET('/v1/cdp-replica-sessions', { params: { query } }),
    get: (id) => api.GET('/v1/cdp-replica-sessions/{id}', { params: { path: { id } } }),
    children: (id, query) =>
      api.GET('/v1/cdp-replica-sessions/{id}/task-sessions', { params: { path: { id }, query } }),
  },
  {
    key: 'cdp-replica-task-sessions',
    list: (query) => api.GET('/v1/cdp-replica-task-sessions', { params: { query } }),
    get: (id) => api.GET('/v1/cdp-replica-task-sessions/{id}', { params: { path: { id } } }),
  },
]

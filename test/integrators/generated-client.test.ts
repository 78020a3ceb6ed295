/**
 * The generated client (clients/typescript) against the real server over HTTP: every family's
 * list (walked with `paginatePages` over several pages), get by id and children, plus typed error
 * answers (400 as the Problem schema, 401, 404). Results are checked against the simulator's data set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiProblemError, createApiClient, paginate, paginatePages } from '../../clients/typescript/index'
import type { ApiClient, Problem } from '../../clients/typescript/index'
import { FAMILIES } from '../../shared/families/families'
import type { FamilyKey } from '../../shared/families/family'
import { PROBLEM_TYPES } from '../../shared/model/problem-types'
import { API_KEY } from '../support/harness'
import { familyCases } from './client-cases'
import { startServed } from './served'
import type { Served } from './served'

let s: Served
let api: ApiClient
beforeAll(async () => {
  s = await startServed()
  api = createApiClient({ baseUrl: s.baseUrl, apiKey: API_KEY })
})
afterAll(async () => {
  await s.close()
})

/** A 12-hour window of the data set: enough sessions for several small pages in every family. */
const windowQuery = () => {
  const to = new Date(s.h.sim.dataset.now.getTime() - 86_400_000)
  const from = new Date(to.getTime() - 12 * 3_600_000)
  return { from, to, query: { createdAfter: from.toISOString(), createdBefore: to.toISOString() } }
}

describe.each([
  'backup-job-sessions',
  'backup-task-sessions',
  'replica-job-sessions',
  'replica-task-sessions',
  'cdp-replica-sessions',
  'cdp-replica-task-sessions',
] as const)('%s through the generated client', (key: FamilyKey) => {
  const cases = () => {
    const c = familyCases(api).find((f) => f.key === key)
    if (!c) throw new Error(`no case for ${key}`)
    return c
  }

  it('Should walk every page of a window in order, each session once', async () => {
    const { from, to, query } = windowQuery()
    const expected = s.h.sim.dataset
      .sessions(FAMILIES[key].emType)
      .filter((x) => x.creationTime >= from && x.creationTime < to)
      .map((x) => x.id)
    expect(expected.length).toBeGreaterThan(2)
    const pageSize = Math.max(1, Math.ceil(expected.length / 3))
    const ids: string[] = []
    let pages = 0
    for await (const page of paginatePages((pageToken) =>
      cases().list({ ...query, sort: 'creationTime', pageSize, pageToken })
    )) {
      pages++
      ids.push(...page.items.map((i) => i.id))
    }
    expect(pages).toBeGreaterThanOrEqual(2)
    expect(ids).toEqual(expected)
  })

  it('Should get one by id, typed as the item', async () => {
    const first = await cases().list({ pageSize: 1 })
    const item = first.data?.items[0]
    if (!item) throw new Error('empty list')
    const { data, response } = await cases().get(item.id)
    expect(response.status).toBe(200)
    expect(data?.id).toBe(item.id)
    expect(data?.creationTime).toBe(item.creationTime)
  })

  it('Should answer 404 as a Problem for an unknown id', async () => {
    const { data, response } = await cases().get('00000000-0000-4000-8000-000000000000')
    expect(data).toBeUndefined()
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })
})

describe.each(['backup-job-sessions', 'replica-job-sessions', 'cdp-replica-sessions'] as const)(
  '%s children through the generated client',
  (key: FamilyKey) => {
    it('Should list the task sessions of one session over several pages', async () => {
      const family = FAMILIES[key]
      const parent = [...s.h.sim.dataset.sessions(family.emType)]
        .reverse()
        .find((x) => s.h.sim.dataset.tasksOf(x.id).length > 2)
      if (!parent) throw new Error('no parent with tasks')
      const children = familyCases(api).find((f) => f.key === key)?.children
      if (!children) throw new Error('no children operation')
      let pages = 0
      const ids: string[] = []
      for await (const page of paginatePages((pageToken) =>
        children(parent.id, { pageSize: 2, pageToken })
      )) {
        pages++
        ids.push(...page.items.map((i) => i.id))
      }
      expect(pages).toBeGreaterThanOrEqual(2)
      expect(ids.sort()).toEqual(
        s.h.sim.dataset
          .tasksOf(parent.id)
          .map((t) => t.id)
          .sort()
      )
    })
  }
)

describe('error answers through the generated client', () => {
  it('Should type a 400 as the Problem schema, naming each bad parameter', async () => {
    const { data, error, response } = await api.GET('/v1/backup-job-sessions', {
      params: { query: { pageSize: 0, createdAfter: 'yesterday' } },
    })
    expect(data).toBeUndefined()
    expect(response.status).toBe(400)
    const problem: Problem | undefined = error
    expect(problem?.type).toBe(PROBLEM_TYPES.invalidParameters)
    expect(problem?.status).toBe(400)
    expect(problem?.errors?.map((e) => e.parameter).sort()).toEqual(['createdAfter', 'pageSize'])
  })

  it('Should answer 401 for a wrong key, and paginate should throw it as ApiProblemError', async () => {
    const wrong = createApiClient({ baseUrl: s.baseUrl, apiKey: 'not-a-key' })
    const { error, response } = await wrong.GET('/v1/replica-job-sessions', { params: { query: {} } })
    expect(response.status).toBe(401)
    expect(error?.type).toBe(PROBLEM_TYPES.unauthorized)
    const walk = async () => {
      for await (const _ of paginate((pageToken) =>
        wrong.GET('/v1/replica-job-sessions', { params: { query: { pageToken } } })
      ))
        throw new Error('unreachable')
    }
    await expect(walk()).rejects.toSatisfy(
      (e) =>
        e instanceof ApiProblemError && e.status === 401 && e.problem?.type === PROBLEM_TYPES.unauthorized
    )
  })

  it('Should stop requesting pages when the caller breaks out', async () => {
    const before = s.h.emQueries()
    for await (const item of paginate((pageToken) =>
      api.GET('/v1/backup-task-sessions', { params: { query: { pageSize: 3, pageToken } } })
    )) {
      expect(item.id).toMatch(/^[0-9a-f-]{36}$/)
      break
    }
    expect(s.h.emQueries() - before).toBe(1)
  })
})

/**
 * Every family's list, get and children routes against the simulator over real HTTP, with results
 * checked against the simulator's data set computed independently here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAMILY_LIST } from '../../shared/families/families'
import type { SimSession } from '../../tools/em-simulator/index'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'

interface Page {
  items: Record<string, unknown>[]
  nextPageToken: string | null
}

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

/** Walks every page of a list URL, checking one EM request per page. */
const walk = async (path: string): Promise<Record<string, unknown>[]> => {
  const out: Record<string, unknown>[] = []
  let token: string | null = null
  for (let i = 0; i < 1000; i++) {
    const sep = path.includes('?') ? '&' : '?'
    const url: string = token ? `${path}${sep}pageToken=${encodeURIComponent(token)}` : path
    const before = h.emQueries()
    const { status, body } = await h.json<Page>(url)
    expect(status).toBe(200)
    expect(h.emQueries() - before).toBe(1)
    out.push(...body.items)
    token = body.nextPageToken
    if (!token) return out
  }
  throw new Error('too many pages')
}

const newestFirst = (a: SimSession, b: SimSession) =>
  b.creationTime.getTime() - a.creationTime.getTime() || (a.id < b.id ? 1 : -1)

describe.each(FAMILY_LIST.map((f) => [f.key, f] as const))('%s', (key, family) => {
  it('Should list the newest first with every contract key present', async () => {
    const { status, body, headers } = await h.json<Page>(`/v1/${key}?pageSize=5`)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toMatch(/^application\/json/)
    expect(body.items).toHaveLength(5)
    const expected = [...h.sim.dataset.sessions(family.emType)].sort(newestFirst).slice(0, 5)
    expect(body.items.map((i) => i['id'])).toEqual(expected.map((s) => s.id))
    const keys = Object.keys((family.itemSchema as unknown as { shape: object }).shape).sort()
    for (const item of body.items) expect(Object.keys(item).sort()).toEqual(keys)
    expect(body.nextPageToken).toEqual(expect.any(String))
    expect(headers.get('link')).toMatch(/^<\/v1\/.+pageToken=.+>; rel="next"$/)
  })

  it('Should get one by id (case-insensitive GUID) and 404 for an unknown id', async () => {
    const s = h.sim.dataset.sessions(family.emType)[3]
    if (!s) throw new Error('dataset too small')
    const { status, body } = await h.json<Record<string, unknown>>(`/v1/${key}/${s.id.toUpperCase()}`)
    expect(status).toBe(200)
    expect(body['id']).toBe(s.id)
    expect(body['uid']).toBe(s.uid)
    expect(body['creationTime']).toBe(s.creationTime.toISOString())
    const missing = await h.get(`/v1/${key}/00000000-0000-4000-8000-000000000000`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toBe('application/problem+json')
  })

  it('Should walk every page of a day exactly once, in order', async () => {
    const from = new Date(h.sim.dataset.now.getTime() - 2 * 86_400_000)
    const to = new Date(h.sim.dataset.now.getTime() - 1 * 86_400_000)
    const items = await walk(
      `/v1/${key}?pageSize=7&sort=creationTime&createdAfter=${from.toISOString()}&createdBefore=${to.toISOString()}`
    )
    const expected = h.sim.dataset
      .sessions(family.emType)
      .filter((s) => s.creationTime >= from && s.creationTime < to)
      .map((s) => s.id)
    expect(items.map((i) => i['id'])).toEqual(expected)
  })
})

describe('children', () => {
  it.each(FAMILY_LIST.filter((f) => f.children).map((f) => [f.key, f] as const))(
    'Should list the task sessions of one %s, and 404 for an unknown parent',
    async (key, family) => {
      const parent = [...h.sim.dataset.sessions(family.emType)]
        .reverse()
        .find((s) => h.sim.dataset.tasksOf(s.id).length > 2)
      if (!parent) throw new Error('no parent with tasks')
      const items = await walk(`/v1/${key}/${parent.id}/task-sessions?pageSize=2`)
      const expected = [...h.sim.dataset.tasksOf(parent.id)].sort(newestFirst).map((t) => t.id)
      expect(items.map((i) => i['id'])).toEqual(expected)
      const missing = await h.get(`/v1/${key}/00000000-0000-4000-8000-000000000000/task-sessions`)
      expect(missing.status).toBe(404)
    }
  )

  it('Should accept a children page token with the parent id in either case (one spelling binds it)', async () => {
    const family = FAMILY_LIST.find((f) => f.key === 'backup-job-sessions')
    const parent = h.sim.dataset
      .sessions('BackupJobSession')
      .find((s) => h.sim.dataset.tasksOf(s.id).length > 2)
    if (!family || !parent) throw new Error('no parent with tasks')
    const upper = parent.id.toUpperCase()
    const first = await h.json<{ nextPageToken: string | null }>(
      `/v1/backup-job-sessions/${upper}/task-sessions?pageSize=1`
    )
    expect(first.status).toBe(200)
    const token = encodeURIComponent(first.body.nextPageToken ?? '')
    const lower = await h.get(
      `/v1/backup-job-sessions/${parent.id}/task-sessions?pageSize=1&pageToken=${token}`
    )
    expect(lower.status).toBe(200)
    const again = await h.get(`/v1/backup-job-sessions/${upper}/task-sessions?pageSize=1&pageToken=${token}`)
    expect(again.status).toBe(200)
  })
})

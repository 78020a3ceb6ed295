/**
 * Keyset paging invariants: walking every page while EM keeps creating sessions returns each session
 * that existed at the first request exactly once; tokens are bound to their route and parameters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'

interface Page {
  items: { id: string; creationTime: string }[]
  nextPageToken: string | null
}

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

const DAY = 86_400_000

describe.each([
  ['newest first', '-creationTime'],
  ['oldest first', 'creationTime'],
])('walking %s while sessions are created', (_name, sort) => {
  it('Should return every pre-existing session exactly once', async () => {
    const from = new Date(h.sim.dataset.now.getTime() - 2 * DAY).toISOString()
    const path = `/v1/backup-task-sessions?pageSize=25&sort=${sort}&createdAfter=${from}`
    const existing = new Set(
      h.sim.dataset
        .sessions('BackupTaskSession')
        .filter((s) => s.creationTime.toISOString() >= from)
        .map((s) => s.id)
    )
    const seen: string[] = []
    let token: string | null = null
    let pages = 0
    do {
      const url: string = token ? `${path}&pageToken=${encodeURIComponent(token)}` : path
      const { status, body } = await h.json<Page>(url)
      expect(status).toBe(200)
      seen.push(...body.items.map((i) => i.id))
      token = body.nextPageToken
      pages++
      // EM keeps working: new sessions now, and some at the very instant of this page's boundary.
      h.sim.addSessions({ count: 2 })
      const last = body.items[body.items.length - 1]
      if (last) h.sim.addSessions({ count: 1, at: new Date(last.creationTime) })
    } while (token)
    expect(pages).toBeGreaterThan(3)
    expect(new Set(seen).size).toBe(seen.length)
    for (const id of existing) expect(seen).toContain(id)
  })
})

describe('page tokens', () => {
  const first = async (path: string) => (await h.json<Page>(path)).body.nextPageToken ?? ''

  it('Should refuse a token reused with other parameters, on another route, or tampered with, without calling EM', async () => {
    const token = await first('/v1/backup-job-sessions?pageSize=5&result=Failed')
    const before = h.emQueries()
    const cases = [
      `/v1/backup-job-sessions?pageSize=6&result=Failed&pageToken=${token}`,
      `/v1/backup-job-sessions?pageSize=5&result=Warning&pageToken=${token}`,
      `/v1/backup-job-sessions?pageSize=5&pageToken=${token}`,
      `/v1/replica-job-sessions?pageSize=5&result=Failed&pageToken=${token}`,
      `/v1/backup-job-sessions?pageSize=5&result=Failed&pageToken=${token.slice(0, -3)}`,
      `/v1/backup-job-sessions?pageSize=5&result=Failed&pageToken=x${token}`,
      `/v1/backup-job-sessions?pageSize=5&result=Failed&pageToken=not-a-token`,
    ]
    for (const url of cases) {
      const res = await h.get(url)
      expect(res.status, url).toBe(400)
      const problem = (await res.json()) as { errors: { parameter: string }[] }
      expect(problem.errors.map((e) => e.parameter)).toEqual(['pageToken'])
    }
    expect(h.emQueries()).toBe(before)
  })

  it('Should accept the same parameters in another order and repetition style', async () => {
    const token = await first('/v1/backup-job-sessions?pageSize=5&result=Failed&result=Warning')
    const res = await h.get(`/v1/backup-job-sessions?result=Failed,Warning&pageToken=${token}&pageSize=5`)
    expect(res.status).toBe(200)
  })

  it('Should refuse a children token for another parent', async () => {
    const parents = [...h.sim.dataset.sessions('BackupJobSession')].filter(
      (s) => h.sim.dataset.tasksOf(s.id).length > 3
    )
    const [a, b] = parents
    if (!a || !b) throw new Error('dataset too small')
    const token = await first(`/v1/backup-job-sessions/${a.id}/task-sessions?pageSize=2`)
    const res = await h.get(`/v1/backup-job-sessions/${b.id}/task-sessions?pageSize=2&pageToken=${token}`)
    expect(res.status).toBe(400)
  })
})

import { describe, expect, it } from 'vitest'
import { EmAuthError } from '../../shared/em/errors'
import type { RawSession } from '../../shared/em/raw'
import { runWalks } from '../../shared/reports/plan'
import { walkPages, windowQuery } from '../../shared/reports/walk'
import { createFakeEm, rawTask } from './fake-em'

const from = new Date('2024-03-01T00:00:00Z')
const to = new Date('2024-03-02T00:00:00Z')
const tasks = Array.from({ length: 95 }, (_, i) => rawTask(i, '2024-03-01T01:00:00Z'))

const walk = (em: ReturnType<typeof createFakeEm>, concurrency = 3) => {
  const seen: string[] = []
  const progress: number[] = []
  const result = walkPages({
    em,
    type: 'BackupTaskSession',
    from,
    to,
    map: (raw: RawSession) => raw.UID,
    onItems: (items) => seen.push(...items),
    concurrency,
    retryDelayMs: 0,
    pageSize: 10,
    onProgress: (p) => progress.push(p.pagesFetched),
  })
  return { result, seen, progress }
}

describe('walkPages', () => {
  it('Should build the window query: created >= from and < to, ascending, page size 1000', () => {
    expect(windowQuery('CdpReplicaTaskSession', from, to, 3, 1000)).toStrictEqual({
      type: 'CdpReplicaTaskSession',
      filter: {
        and: [
          { field: 'CreationTimeUTC', op: '>=', value: from },
          { field: 'CreationTimeUTC', op: '<', value: to },
        ],
      },
      sort: { field: 'CreationTimeUTC', direction: 'asc' },
      pageSize: 1000,
      page: 3,
    })
    expect(windowQuery('BackupJobSession', from, to, 1, 1000).sort.field).toBe('CreationTime')
  })

  it('Should read every page once and never exceed the concurrency limit', async () => {
    const em = createFakeEm({ data: { BackupTaskSession: tasks } })
    const { result, seen, progress } = walk(em, 3)
    expect(await result).toStrictEqual({
      type: 'BackupTaskSession',
      complete: true,
      pagesFetched: 10,
      pagesTotal: 10,
      sessionsScanned: 95,
    })
    expect(new Set(seen).size).toBe(95)
    expect(em.calls.map((c) => c.page).sort((a, b) => a - b)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(em.peakInFlight).toBe(3) // reached, not exceeded
    expect(progress).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('Should retry a page that fails a few times and still be complete', async () => {
    const em = createFakeEm({ data: { BackupTaskSession: tasks }, failures: { 'BackupTaskSession:4': 2 } })
    const { result, seen } = walk(em)
    expect((await result).complete).toBe(true)
    expect(seen).toHaveLength(95)
    expect(em.calls.filter((c) => c.page === 4)).toHaveLength(3)
  })

  it('Should report complete: false when a page keeps failing, after a bounded number of attempts', async () => {
    const em = createFakeEm({
      data: { BackupTaskSession: tasks },
      failures: { 'BackupTaskSession:7': Infinity },
    })
    const { result, seen } = walk(em)
    const r = await result
    expect(r).toMatchObject({ complete: false, pagesFetched: 9, pagesTotal: 10, sessionsScanned: 85 })
    expect(seen).toHaveLength(85)
    expect(em.calls.filter((c) => c.page === 7)).toHaveLength(3)
  })

  it('Should not retry rejected credentials', async () => {
    const em = createFakeEm({
      data: { BackupTaskSession: tasks },
      failures: { 'BackupTaskSession:1': Infinity },
      makeError: () => new EmAuthError(),
    })
    const r = await walk(em).result
    expect(r.complete).toBe(false)
    expect(r.pagesTotal).toBeNull()
    expect(r.error).toBeInstanceOf(EmAuthError)
    expect(em.calls).toHaveLength(1)
  })
})

describe('runWalks', () => {
  const steps = (sink: string[]) =>
    (['BackupTaskSession', 'ReplicaTaskSession'] as const).map((type) => ({
      type,
      feed: (raws: RawSession[]) => sink.push(...raws.map((r) => r.UID)),
    }))

  it('Should share one concurrency limit across types and add up the sessions', async () => {
    const em = createFakeEm({ data: { BackupTaskSession: tasks, ReplicaTaskSession: tasks.slice(0, 30) } })
    const sink: string[] = []
    const outcome = await runWalks(em, steps(sink), { from, to, concurrency: 2, retryDelayMs: 0 })
    expect(outcome.complete).toBe(true)
    expect(outcome.sessionsScanned).toBe(95 + 30)
    expect(sink).toHaveLength(125)
    expect(em.peakInFlight).toBe(2)
  })

  it('Should throw when no type could be read at all, and be incomplete when one could not', async () => {
    const down = createFakeEm({
      data: {},
      failures: { 'BackupTaskSession:1': Infinity, 'ReplicaTaskSession:1': Infinity },
    })
    await expect(runWalks(down, steps([]), { from, to, retryDelayMs: 0 })).rejects.toThrow('connection reset')
    const half = createFakeEm({
      data: { BackupTaskSession: tasks },
      failures: { 'ReplicaTaskSession:1': Infinity },
    })
    const outcome = await runWalks(half, steps([]), { from, to, retryDelayMs: 0 })
    expect(outcome).toMatchObject({ complete: false, sessionsScanned: 95 })
  })
})

/**
 * The EM reader's window walk and the report service on top of it, against a fake EM client that
 * serves pages, fails chosen pages and counts calls in flight: the window query, one shared limit,
 * no retries of its own (the EM client's transport is the one retry layer), completeness.
 */
import { describe, expect, it } from 'vitest'
import { EmAuthError } from '../../shared/em/errors'
import { FAMILIES } from '../../shared/families/families'
import { createEmReader } from '../../shared/services/em-reader'
import { createLimiter } from '../../shared/services/limiter'
import { buildVmProtection } from '../../shared/services/reports'
import { createFakeEm, rawTask } from './fake-em'

const from = new Date('2024-03-01T00:00:00Z')
const to = new Date('2024-03-02T00:00:00Z')
const tasks = Array.from({ length: 95 }, (_, i) => rawTask(i, '2024-03-01T01:00:00Z'))

const walk = (em: ReturnType<typeof createFakeEm>, concurrency = 3, expectedSessions?: number) => {
  const seen: string[] = []
  const progress: number[] = []
  const result = createEmReader(em).walk(FAMILIES['backup-task-sessions'], {
    from,
    to,
    onEntries: (entries) => seen.push(...entries.map((e) => e.item.id)),
    limiter: createLimiter(concurrency),
    pageSize: 10,
    expectedSessions,
    onProgress: (p) => progress.push(p.pagesFetched),
  })
  return { result, seen, progress }
}

describe('EmReader.walk', () => {
  it('Should query the window: created >= from and < to, ascending, on the family time field', async () => {
    const em = createFakeEm({ data: {} })
    await createEmReader(em).walk(FAMILIES['cdp-replica-task-sessions'], {
      from,
      to,
      onEntries: () => undefined,
      limiter: createLimiter(1),
    })
    expect(em.calls).toStrictEqual([
      {
        type: 'CdpReplicaTaskSession',
        filter: {
          and: [
            { field: 'CreationTimeUTC', op: '>=', value: from },
            { field: 'CreationTimeUTC', op: '<', value: to },
          ],
        },
        sort: { field: 'CreationTimeUTC', direction: 'asc' },
        pageSize: 1000,
        page: 1,
      },
    ])
  })

  it('Should read every page once and never exceed the concurrency limit', async () => {
    const em = createFakeEm({ data: { BackupTaskSession: tasks } })
    const { result, seen, progress } = walk(em, 3)
    expect(await result).toStrictEqual({
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

  it('Should ask EM once per page and report complete: false when a page fails (no retries of its own)', async () => {
    const em = createFakeEm({ data: { BackupTaskSession: tasks }, failures: { 'BackupTaskSession:7': 1 } })
    const { result, seen } = walk(em)
    expect(await result).toMatchObject({
      complete: false,
      pagesFetched: 9,
      pagesTotal: 10,
      sessionsScanned: 85,
    })
    expect(seen).toHaveLength(85)
    expect(em.calls.filter((c) => c.page === 7)).toHaveLength(1)
  })

  it('Should stop after page 1 when EM rejects the credentials', async () => {
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

  it('Should ask for the pages a known count fills together with page 1 (one round trip), and the rest after', async () => {
    const em = createFakeEm({ data: { BackupTaskSession: tasks } })
    const { result, seen } = walk(em, 20, 71)
    expect(await result).toStrictEqual({
      complete: true,
      pagesFetched: 10,
      pagesTotal: 10,
      sessionsScanned: 95,
    })
    expect(new Set(seen).size).toBe(95)
    // Pages 1–8 went out at once (none waited for page 1), 9 and 10 once page 1 said there are 10.
    expect(em.calls.slice(0, 8).map((c) => c.page)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(em.peakInFlight).toBe(8)
    expect(em.calls.map((c) => c.page).sort((a, b) => a - b)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('Should ignore pages asked for past the last one when the count was too high, failing or empty', async () => {
    const em = createFakeEm({ data: { BackupTaskSession: tasks }, failures: { 'BackupTaskSession:12': 1 } })
    const { result, seen } = walk(em, 20, 130)
    expect(await result).toMatchObject({ complete: true, pagesTotal: 10, sessionsScanned: 95 })
    expect(new Set(seen).size).toBe(95)
    expect(em.calls).toHaveLength(13)
  })

  it('Should hand on only entries inside the window, whatever EM returned', async () => {
    const outside = [rawTask(900, '2024-02-29T23:59:59.999Z'), rawTask(901, '2024-03-02T00:00:00.000Z')]
    const em = createFakeEm({ data: { BackupTaskSession: [...tasks.slice(0, 5), ...outside] } })
    const { result, seen } = walk(em)
    expect((await result).sessionsScanned).toBe(7)
    expect(seen).toHaveLength(5)
  })
})

describe('reports over the reader', () => {
  const o = { from, to, kinds: ['backup', 'replica'] as const, concurrency: 2 }

  it('Should share one concurrency limit across families and add up the sessions', async () => {
    const em = createFakeEm({ data: { BackupTaskSession: tasks, ReplicaTaskSession: tasks.slice(0, 30) } })
    const report = await buildVmProtection(createEmReader(em), o)
    expect(report.complete).toBe(true)
    expect(report.sessionsScanned).toBe(95 + 30)
    expect(em.peakInFlight).toBe(2)
  })

  it('Should throw when no family could be read at all, and be incomplete when one could not', async () => {
    const down = createFakeEm({
      data: {},
      failures: { 'BackupTaskSession:1': Infinity, 'ReplicaTaskSession:1': Infinity },
    })
    await expect(buildVmProtection(createEmReader(down), o)).rejects.toThrow('connection reset')
    const half = createFakeEm({
      data: { BackupTaskSession: tasks },
      failures: { 'ReplicaTaskSession:1': Infinity },
    })
    expect(await buildVmProtection(createEmReader(half), o)).toMatchObject({
      complete: false,
      sessionsScanned: 95,
    })
  })
})

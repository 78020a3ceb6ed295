/**
 * The events service over the real reader and a fake EM: which streams a poll reads (one EM query
 * per stream when the horizon moved, none when it did not, only the unfinished ones while catching
 * up), and the cursor's refusals (since with cursor, another selection, too old).
 */
import { describe, expect, it } from 'vitest'
import { EventsQuerySchema } from '../../shared/families/events-query'
import { CursorExpiredError, InvalidParametersError } from '../../shared/model/errors'
import { PageTokenCodec } from '../../shared/paging/page-token'
import { createEmReader } from '../../shared/services/em-reader'
import { pollEvents, type EventServiceDeps } from '../../shared/services/events'
import { createFakeEm, rawTask } from './fake-em'

const NOW = Date.parse('2026-11-01T12:00:00.000Z')
const q = (params: Record<string, string>) => EventsQuerySchema.parse(params)

const setup = (tasks = 0) => {
  // One second (the fake EM ignores filters; EM's resume condition `>= that second` would keep them all).
  const em = createFakeEm({
    data: {
      BackupTaskSession: Array.from({ length: tasks }, (_, i) =>
        rawTask(i + 1, new Date(NOW - 600_000 + i * 10).toISOString())
      ),
    },
  })
  let now = NOW
  const deps: EventServiceDeps = {
    reader: createEmReader(em),
    tokens: new PageTokenCodec('unit-key'),
    settleSeconds: 60,
    maxAgeDays: 30,
    now: () => new Date(now),
  }
  return { em, deps, tick: (ms: number) => void (now += ms) }
}

describe('pollEvents', () => {
  it('Should read each stream once when caught up and the horizon moved, and none when it did not', async () => {
    const { em, deps, tick } = setup()
    const first = await pollEvents(deps, q({}))
    expect(first).toMatchObject({ items: [], caughtUp: true })
    expect(em.calls).toHaveLength(12)
    const same = await pollEvents(deps, q({ cursor: first.nextCursor }))
    expect(same.caughtUp).toBe(true)
    expect(em.calls).toHaveLength(12)
    tick(1000)
    await pollEvents(deps, q({ cursor: same.nextCursor }))
    expect(em.calls).toHaveLength(24)
  })

  it('Should read only the streams that still have events while catching up', async () => {
    const { em, deps } = setup(3)
    const first = await pollEvents(deps, q({ pageSize: '1', level: 'task', kind: 'backup,cdp' }))
    expect(first.items.map((e) => e.type)).toEqual(['session.finished']) // same instant: ':finished' < ':started'
    expect(first.caughtUp).toBe(false)
    expect(em.calls).toHaveLength(4)
    let cursor = first.nextCursor
    const ids: string[] = first.items.map((e) => e.id)
    for (let i = 0; i < 5; i++) {
      const before = em.calls.length
      const page = await pollEvents(deps, q({ pageSize: '1', level: 'task', kind: 'backup,cdp', cursor }))
      expect(em.calls.length - before).toBeLessThanOrEqual(2)
      ids.push(...page.items.map((e) => e.id))
      cursor = page.nextCursor
      if (page.caughtUp) break
    }
    expect(ids).toHaveLength(6)
    expect(new Set(ids).size).toBe(6)
  })

  it('Should refuse since with a cursor, a cursor of another selection, and answer 410 past the age limit', async () => {
    const { deps, tick } = setup()
    const first = await pollEvents(deps, q({ kind: 'backup' }))
    await expect(
      pollEvents(deps, q({ kind: 'backup', cursor: first.nextCursor, since: '2026-11-01T00:00:00Z' }))
    ).rejects.toThrow(InvalidParametersError)
    await expect(pollEvents(deps, q({ kind: 'replica', cursor: first.nextCursor }))).rejects.toThrow(
      InvalidParametersError
    )
    // The order and spelling of values do not matter.
    await expect(
      pollEvents(deps, q({ kind: 'backup,backup', cursor: first.nextCursor }))
    ).resolves.toBeDefined()
    tick(31 * 86_400_000)
    await expect(pollEvents(deps, q({ kind: 'backup', cursor: first.nextCursor }))).rejects.toThrow(
      CursorExpiredError
    )
  })
})

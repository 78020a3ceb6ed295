/**
 * The events feed against the simulator over HTTP: a consumer polling with small pages while EM
 * creates and finishes sessions collects exactly the events computed from the data set, in order;
 * every filter combination; the session as the get route gives it; the horizon; cursors across
 * processes, replayed with other parameters, or too old.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DATASET_NOW, startHarness, type Harness } from '../support/harness'
import { expectedEvents, nextQuery, queryOf, type FeedEvent, type FeedPage, type Selection } from './expected'

const HOUR = 3_600_000
const SETTLE_S = 1
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let h: Harness
beforeAll(async () => {
  h = await startHarness({ env: { EVENTS_SETTLE_SECONDS: String(SETTLE_S) } })
})
afterAll(async () => {
  await h.close()
})

const poll = async (hh: Harness, query: string): Promise<FeedPage> => {
  const { status, body } = await hh.json<FeedPage>(`/v1/events?${query}`)
  expect(status, JSON.stringify(body)).toBe(200)
  return body
}

/** Follows the cursor until caught up; `between` runs after every page. */
const drain = async (
  hh: Harness,
  first: string,
  cursor: string | null,
  between?: (page: FeedPage) => void
): Promise<{ events: FeedEvent[]; cursor: string; polls: number }> => {
  const events: FeedEvent[] = []
  let polls = 0
  for (;;) {
    const page = await poll(hh, cursor === null ? first : nextQuery(first, cursor))
    polls++
    events.push(...page.items)
    cursor = page.nextCursor
    between?.(page)
    if (page.caughtUp) return { events, cursor, polls }
    expect(polls).toBeLessThan(5000)
  }
}

const ids = (events: readonly { id: string; occurredAt: string }[]) =>
  events.map((e) => `${e.occurredAt} ${e.id}`)

describe('exactly once while EM creates and finishes sessions', () => {
  it('Should collect every event of the span once, in order, running sessions giving their finished event later', async () => {
    const sel: Selection = { since: DATASET_NOW.getTime() - 3 * HOUR }
    const first = queryOf(sel, 7)
    const collected: FeedEvent[] = []
    let cursor: string | null = null
    let running = h.sim.dataset
      .sessions('BackupJobSession')
      .filter((s) => s.endTime === null)
      .map((s) => s.id)
    let pages = 0
    let adds = 0
    for (let round = 0; round < 4; round++) {
      const out = await drain(h, first, cursor, () => {
        pages++
        // During polls: a new session now, or at the coming horizon (now − settle)...
        if (pages % 5 === 0 && adds++ < 6) {
          const at = adds % 2 === 0 ? new Date() : new Date(Date.now() - SETTLE_S * 1000)
          running.push(...h.sim.addSessions({ count: 1, at }).jobSessions.map((s) => s.id))
        }
        // ...and running ones finish now.
        if (pages % 3 === 0) {
          const done = running.shift()
          if (done !== undefined) h.sim.finishSessions({ ids: [done] })
        }
      })
      collected.push(...out.events)
      cursor = out.cursor
      // Between polls: more of both, then wait out the settle time.
      h.sim.finishSessions({ ids: running.splice(0, 2), result: 'Failed' })
      running.push(...h.sim.addSessions({ count: 1 }).jobSessions.map((s) => s.id))
      await sleep(SETTLE_S * 1000 + 50)
    }
    h.sim.finishSessions({})
    running = []
    await sleep(SETTLE_S * 1000 + 50)
    collected.push(...(await drain(h, first, cursor)).events)

    const expected = expectedEvents(h.sim.dataset, sel)
    expect(new Set(collected.map((e) => e.id)).size).toBe(collected.length)
    expect(ids(collected)).toEqual(ids(expected))
    expect(
      collected.some((e) => e.type === 'session.finished' && e.occurredAt > DATASET_NOW.toISOString())
    ).toBe(true)
    expect(pages).toBeGreaterThan(20)
  }, 180_000)

  it('Should give a session written late at the last event’s millisecond exactly once', async () => {
    const sel: Selection = { since: Date.now() - 5_000 }
    const first = queryOf(sel, 3)
    h.sim.addSessions({ count: 2, at: new Date(Date.now() - 3_000) })
    const a = await drain(h, first, null)
    const last = a.events[a.events.length - 1]
    expect(last).toBeDefined()
    // EM records sessions at instants the feed has already passed (late writes at the boundary).
    h.sim.addSessions({ count: 1, at: new Date(last?.occurredAt ?? 0) })
    await sleep(SETTLE_S * 1000 + 50)
    const b = await drain(h, first, a.cursor)
    const all = [...a.events, ...b.events].map((e) => e.id)
    expect(new Set(all).size).toBe(all.length)
    expect([...all].sort()).toEqual(
      expectedEvents(h.sim.dataset, sel)
        .map((e) => e.id)
        .sort()
    )
  })
})

describe('the horizon', () => {
  it('Should hold back events newer than now − EVENTS_SETTLE_SECONDS and say caughtUp', async () => {
    const sel: Selection = { since: Date.now() - 1_000 }
    const first = queryOf(sel, 100)
    const a = await drain(h, first, null)
    const added = h.sim.addSessions({ count: 1 })
    const started = `${added.jobSessions[0]?.id ?? ''}:started`
    const b = await poll(h, nextQuery(first, a.cursor))
    expect(b.caughtUp).toBe(true)
    expect(b.items.map((e) => e.id)).not.toContain(started)
    await sleep(SETTLE_S * 1000 + 50)
    const c = await drain(h, first, b.nextCursor)
    expect(c.events.map((e) => e.id)).toContain(started)
  })

  it('Should cost at most one EM query per selected stream when caught up, none past a cursor', async () => {
    const first = queryOf({ since: Date.now() - 1_000 }, 50)
    const a = await drain(h, first, null)
    h.sim.clearLog()
    const b = await poll(h, nextQuery(first, a.cursor))
    expect(b.caughtUp).toBe(true)
    expect(h.emQueries()).toBeLessThanOrEqual(12)
    const onlyJobs = queryOf({ since: Date.now() - 1_000, kind: ['cdp'], level: ['job'] }, 50)
    const c = await drain(h, onlyJobs, null)
    h.sim.clearLog()
    await poll(h, nextQuery(onlyJobs, c.cursor))
    expect(h.emQueries()).toBeLessThanOrEqual(2)
  })
})

describe('filters', () => {
  const since = DATASET_NOW.getTime() - 2 * HOUR
  const until = DATASET_NOW.getTime()
  const kinds = [undefined, ['backup'], ['replica'], ['cdp'], ['cdp', 'replica']]
  const levels = [undefined, ['job'], ['task']]
  const typeResults: { type?: string[]; result?: string[] }[] = [
    {},
    { type: ['session.finished'], result: ['Failed'] },
    { type: ['session.started'], result: ['Success', 'Warning'] },
    { result: ['Warning', 'None'] },
  ]
  const combos = kinds.flatMap((kind) =>
    levels.flatMap((level) => typeResults.map(({ type, result }) => ({ kind, level, type, result })))
  )
  // A data set of its own: nothing created or finished while these walk it.
  let fixed: Harness
  beforeAll(async () => {
    fixed = await startHarness({ env: { EVENTS_SETTLE_SECONDS: String(SETTLE_S) } })
  })
  afterAll(async () => {
    await fixed.close()
  })
  it.each(combos.map((c) => [JSON.stringify(c), c] as const))(
    'Should give exactly the data set’s events for %s',
    async (_name, c) => {
      const sel: Selection = {
        since,
        ...(c.kind ? { kind: c.kind } : {}),
        ...(c.level ? { level: c.level } : {}),
        ...(c.type ? { type: c.type } : {}),
        ...(c.result ? { result: c.result } : {}),
      }
      const out = await drain(fixed, queryOf(sel, 40), null)
      expect(ids(out.events)).toEqual(ids(expectedEvents(fixed.sim.dataset, { ...sel, until })))
      for (const e of out.events) {
        if (c.result && e.type === 'session.finished') expect(c.result).toContain(e.session.result)
      }
    }
  )
})

describe('the event’s session', () => {
  it('Should equal what the family’s get route returns for that id', async () => {
    const page = await poll(h, queryOf({ since: DATASET_NOW.getTime() - 20 * 60_000 }, 60))
    expect(page.items.length).toBeGreaterThan(10)
    expect(new Set(page.items.map((e) => e.family)).size).toBeGreaterThan(2)
    for (const e of page.items) {
      const got = await h.json(`/v1/${e.family}/${e.session.id}`)
      expect(got.status).toBe(200)
      expect(e.session).toEqual(got.body)
      expect(e.id).toBe(`${e.session.id}:${e.type === 'session.started' ? 'started' : 'finished'}`)
      expect(e.occurredAt).toBe(e.type === 'session.started' ? e.session.creationTime : e.session.endTime)
    }
  })
})

describe('cursors', () => {
  const sel: Selection = { since: DATASET_NOW.getTime() - HOUR, kind: ['backup', 'replica'] }
  const first = queryOf(sel, 5)

  it('Should resume in another process that shares PAGE_TOKEN_KEY, with the same result', async () => {
    const a = await poll(h, first)
    const other = await startHarness({ sim: h.sim, env: { EVENTS_SETTLE_SECONDS: String(SETTLE_S) } })
    try {
      const here = await poll(h, nextQuery(first, a.nextCursor))
      const there = await poll(other, nextQuery(first, a.nextCursor))
      expect(there.items).toEqual(here.items)
      expect(there.caughtUp).toBe(here.caughtUp)
    } finally {
      await other.close()
    }
  })

  it('Should refuse a cursor replayed with other parameters, with since, or altered (400 naming it)', async () => {
    const a = await poll(h, first)
    for (const [change, parameter] of [
      [['kind', 'cdp'], 'cursor'],
      [['result', 'Failed'], 'cursor'],
      [['pageSize', '6'], 'cursor'],
      [['since', '2026-11-01T00:00:00Z'], 'since'],
    ] as const) {
      const p = new URLSearchParams(nextQuery(first, a.nextCursor))
      p.set(change[0], change[1])
      const res = await h.get(`/v1/events?${p.toString()}`)
      expect(res.status).toBe(400)
      const body = (await res.json()) as { errors: { parameter: string }[] }
      expect(body.errors.map((e) => e.parameter)).toContain(parameter)
    }
    const altered = `${a.nextCursor.slice(0, -2)}${a.nextCursor.endsWith('AA') ? 'BB' : 'AA'}`
    const res = await h.get(`/v1/events?${nextQuery(first, altered)}`)
    expect(res.status).toBe(400)
  })

  it('Should answer 410 cursor-expired past EVENTS_MAX_AGE_DAYS', async () => {
    const short = await startHarness({ sim: h.sim, env: { EVENTS_MAX_AGE_DAYS: String(1.5 / 86_400) } })
    try {
      const a = await poll(short, first)
      await sleep(2_100)
      const res = await short.get(`/v1/events?${nextQuery(first, a.nextCursor)}`)
      expect(res.status).toBe(410)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      const body = (await res.json()) as { type: string; status: number }
      expect(body).toMatchObject({ type: 'urn:em-sessions-api:problem:cursor-expired', status: 410 })
    } finally {
      await short.close()
    }
  })

  it('Should link to the next page while not caught up, and never give a null cursor', async () => {
    const res = await h.get(`/v1/events?${first}`)
    const body = (await res.json()) as FeedPage
    expect(body.caughtUp).toBe(false)
    expect(body.nextCursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    const link = res.headers.get('link') ?? ''
    expect(link).toContain('rel="next"')
    expect(link).toContain('cursor=')
    expect(link).not.toContain('since=')
  })

  it('Should validate every parameter (400 naming each)', async () => {
    const res = await h.get(
      '/v1/events?kind=tape&level=vm&type=session.paused&result=Meh&pageSize=0&since=yesterday&foo=1'
    )
    expect(res.status).toBe(400)
    const body = (await res.json()) as { errors: { parameter: string }[] }
    expect(body.errors.map((e) => e.parameter).sort()).toEqual(
      ['foo', 'kind', 'level', 'pageSize', 'result', 'since', 'type'].sort()
    )
  })
})

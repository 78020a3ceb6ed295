/**
 * @module Events feed figures against the app served over HTTP (simulator in its own process, zero
 * latency): a consumer reads a week of events from `since` in 1,000-event pages until caught up
 * (events per second, EM requests per 1,000 events, the longest cursor), then polls once more with
 * nothing new (EM requests per caught-up poll: at most one per selected stream, 12 for all).
 */
import { z } from 'zod'
import { fetchOk } from './http'
import type { Child } from './procs'
import { SimStatsSchema } from './protocol'
import { absoluteFigure, type Figure } from './stats'
import type { AppTarget } from './api'

const PageSchema = z.object({ items: z.array(z.unknown()), nextCursor: z.string(), caughtUp: z.boolean() })
const DAY = 86_400_000

const poll = async (app: AppTarget, query: string) => {
  const res = await fetchOk(`${app.base}/v1/events?${query}`, {
    headers: { Authorization: `Bearer ${app.apiKey}` },
  })
  return PageSchema.parse(JSON.parse(res.body))
}

const emRequests = async (sim: Child): Promise<number> => {
  const s = SimStatsSchema.parse(await sim.request('stats'))
  return s.queries + s.entities + s.other
}

/** Reads from `since` until caught up; returns events, EM requests, polls, seconds and the longest cursor. */
const drain = async (app: AppTarget, sim: Child, first: string) => {
  await sim.request('clearLog')
  const started = performance.now()
  let page = await poll(app, first)
  let events = page.items.length
  let polls = 1
  let longest = page.nextCursor.length
  const rest = new URLSearchParams(first)
  rest.delete('since')
  while (!page.caughtUp) {
    rest.set('cursor', page.nextCursor)
    page = await poll(app, rest.toString())
    events += page.items.length
    polls += 1
    longest = Math.max(longest, page.nextCursor.length)
  }
  const seconds = (performance.now() - started) / 1000
  return { events, polls, seconds, longest, requests: await emRequests(sim), cursor: page.nextCursor }
}

/** Figures: events/s, EM requests per 1,000 events, per caught-up poll (all streams, one stream), longest cursor. */
export const eventsFigures = async (app: AppTarget, sim: Child, now: Date, days = 7): Promise<Figure[]> => {
  const since = new Date(now.getTime() - days * DAY).toISOString()
  const all = await drain(app, sim, `since=${since}&pageSize=1000`)
  if (all.events < 1000) throw new Error(`only ${all.events} events in ${days} days`)

  await sim.request('clearLog')
  const caughtUp = await poll(app, `pageSize=1000&cursor=${all.cursor}`)
  const perCaughtUp = await emRequests(sim)
  const narrow = 'kind=backup&level=job&type=session.finished&pageSize=1000'
  const one = await drain(app, sim, `since=${since}&${narrow}`)
  await sim.request('clearLog')
  await poll(app, `${narrow}&cursor=${one.cursor}`)
  const perCaughtUpOne = await emRequests(sim)

  const note = `${days} days from since: ${all.events} events in ${all.polls} polls of 1,000, ${all.requests} EM requests, ${all.seconds.toFixed(2)} s`
  return [
    absoluteFigure({
      id: 'events-per-second',
      name: 'events feed: events read per second (0 ms EM)',
      unit: 'events/s',
      measured: Math.round(all.events / all.seconds),
      // Each poll reads up to pageSize from every stream with events left (12 here) and gives the first
      // pageSize of them: the look-ahead that keeps the merge in order costs CPU here, not EM requests.
      budget: '≥ 300',
      ok: (v) => v >= 300,
      note,
    }),
    absoluteFigure({
      id: 'events-em-per-1000',
      name: 'events feed: EM requests per 1,000 events',
      unit: 'requests',
      measured: Math.round((all.requests / all.events) * 1000 * 10) / 10,
      budget: '≤ 24',
      ok: (v) => v <= 24,
      note: 'all 12 streams selected; pageSize 1000 (a stream with nothing left up to the horizon is not read again)',
    }),
    absoluteFigure({
      id: 'events-em-per-caught-up-poll',
      name: 'events feed: EM requests per caught-up poll, nothing new (12 streams)',
      unit: 'requests',
      measured: perCaughtUp,
      budget: '≤ 12',
      ok: (v) => v <= 12 && caughtUp.caughtUp && caughtUp.items.length === 0,
      note: 'every kind, level and type: one query per stream, none per item',
    }),
    absoluteFigure({
      id: 'events-em-per-caught-up-poll-1',
      name: 'events feed: EM requests per caught-up poll, one stream',
      unit: 'requests',
      measured: perCaughtUpOne,
      budget: '≤ 1',
      ok: (v) => v <= 1,
      note: narrow,
    }),
    absoluteFigure({
      id: 'events-longest-cursor',
      name: 'events feed: longest cursor seen',
      unit: 'characters',
      measured: Math.max(all.longest, one.longest),
      budget: '≤ 4096',
      ok: (v) => v <= 4096,
      note: 'URL-safe; the cursor parameter admits 4096',
    }),
  ]
}

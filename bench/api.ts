/**
 * @module API figures against the app served over HTTP by a child process, with the simulator (zero
 * latency) in another: p50 of a 100-item page against what an integrator would do instead (GET the
 * same EM page as XML and parse it with fast-xml-parser's defaults), and the EM traffic per API call
 * counted from the simulator's request log (one EM request per page, one logon per 1,000 calls).
 */
import { XMLParser } from 'fast-xml-parser'
import type { SimReady, SimStats } from './protocol'
import { SimStatsSchema } from './protocol'
import { emLogon, emQueryPage, fetchOk } from './http'
import type { Child } from './procs'
import { FAMILY_KEYS } from '../shared/model/family-keys'
import { absoluteFigure, interleave, ratioFigure, timeAsync, type Figure } from './stats'

/** Where the app listens and the key it accepts. */
export interface AppTarget {
  readonly base: string
  readonly apiKey: string
}

export const PAGE_PATH = '/v1/backup-task-sessions?pageSize=100'
/** The EM query the product sends for `PAGE_PATH` (first page, newest first). */
export const EM_PAGE_QUERY =
  'type=BackupTaskSession&format=Entities&pageSize=100&page=1&sortDesc=CreationTime'

const integratorXml = new XMLParser()

/** One API page, read and parsed as a client would; returns its item count. */
export const apiPage = async (
  app: AppTarget,
  path = PAGE_PATH
): Promise<{ items: number; body: string; next: string | null }> => {
  const res = await fetchOk(`${app.base}${path}`, { headers: { Authorization: `Bearer ${app.apiKey}` } })
  const parsed = JSON.parse(res.body) as { items?: unknown[]; nextPageToken?: string | null }
  return { items: parsed.items?.length ?? 0, body: res.body, next: parsed.nextPageToken ?? null }
}

/** Figure: API p50 for a 100-item page vs a direct EM XML page + fast-xml-parser defaults (≤ 1.0×). */
export const apiLatencyFigure = async (app: AppTarget, sim: SimReady, reps = 100): Promise<Figure> => {
  const token = await emLogon(sim.url, sim.username, sim.password)
  const first = await apiPage(app)
  if (first.items !== 100) throw new Error(`API page has ${first.items} items, not 100`)
  const samples = await interleave(
    reps,
    () => timeAsync(() => apiPage(app)),
    () =>
      timeAsync(async () =>
        integratorXml.parse((await emQueryPage(sim.url, token, EM_PAGE_QUERY, 'xml')).body)
      ),
    20
  )
  return ratioFigure({
    id: 'api-p50',
    name: 'API p50, 100-item page (warm, 0 ms EM)',
    unit: 'ms',
    samples,
    kind: 'max',
    limit: 1.0,
    note: `GET ${PAGE_PATH} + JSON.parse vs GET /api/query?${EM_PAGE_QUERY} (XML) + new XMLParser().parse; ${reps} each, interleaved`,
  })
}

/**
 * Figures: EM requests per API page and logons per 1,000 API calls. `app` must be a freshly started
 * server (its EM client not yet logged on). The first 10 calls go out at once (one per connection, as
 * a cold Lambda might see); the rest walk pages of all six families, following `nextPageToken`.
 */
export const emTrafficFigures = async (app: AppTarget, sim: Child, calls = 1000): Promise<Figure[]> => {
  await sim.request('clearLog')
  const tokens = new Map<string, string | null>()
  const pathOf = (family: string): string => {
    const t = tokens.get(family)
    return `/v1/${family}?pageSize=25${t ? `&pageToken=${encodeURIComponent(t)}` : ''}`
  }
  const first = await Promise.all(
    Array.from({ length: 10 }, (_, i) => FAMILY_KEYS[i % FAMILY_KEYS.length] ?? FAMILY_KEYS[0]).map((f) =>
      apiPage(app, `/v1/${f}?pageSize=25`)
    )
  )
  let made = first.length
  while (made < calls) {
    const family = FAMILY_KEYS[made % FAMILY_KEYS.length] ?? FAMILY_KEYS[0]
    const page = await apiPage(app, pathOf(family))
    tokens.set(family, page.next)
    made += 1
  }
  const stats: SimStats = SimStatsSchema.parse(await sim.request('stats'))
  const perPage = (stats.queries + stats.entities + stats.other) / made
  return [
    absoluteFigure({
      id: 'em-requests-per-page',
      name: 'EM requests per API page',
      unit: 'requests',
      measured: perPage,
      budget: '= 1',
      ok: (v) => v === 1,
      note: `${made} API pages → ${stats.queries} queries, ${stats.entities} entity GETs, ${stats.other} other`,
    }),
    absoluteFigure({
      id: 'logons-per-1000',
      name: `EM logons per ${made} API calls`,
      unit: 'logons',
      measured: stats.logons,
      budget: '= 1',
      ok: (v) => v === 1,
      note: `${stats.logons} logons, ${stats.unauthenticated} unauthenticated EM requests over ${made} calls (first 10 concurrent)`,
    }),
  ]
}

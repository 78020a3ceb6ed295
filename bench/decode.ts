/**
 * @module Decode + normalize figures, on the path the product runs: 1,000-entity pages of task
 * sessions fetched over real HTTP from the zero-latency simulator through the product's EM client
 * (protection, transport, body handling, `decodeQueryPage`), then the family's mapper over every
 * entity, against the floor a user would write for the same pages in the same format: `fetch` +
 * `res.text()` + `JSON.parse` + `JSON.stringify` (JSON), or + fast-xml-parser's bare parse with
 * attributes kept (XML). Cost is the CPU time of this process (GC and HTTP included) per 1,000
 * entities; the simulator runs in its own process and counts for neither side.
 */
import { XMLParser } from 'fast-xml-parser'
import { loadConfig } from '../shared/config/env'
import type { EmClient } from '../shared/em/types'
import type { EmQuery } from '../shared/em/filter'
import { buildQueryPath } from '../shared/em/query-builder'
import { FAMILIES } from '../shared/families/families'
import { credentialsFrom, emClientFrom } from '../shared/runtime'
import { emLogon } from './http'
import type { SimReady } from './protocol'
import { interleave, ratioFigure, type Figure } from './stats'

/** The minimum fast-xml-parser needs to see EM's attributes (the XML floor). */
const bareXml = new XMLParser({ ignoreAttributes: false })

/** Keeps results observable so no engine can skip the work. */
let sink = 0

const FAMILY = FAMILIES['backup-task-sessions']
const PAGE_SIZE = 1000

const pageQuery = (page: number): EmQuery<'BackupTaskSession'> => ({
  type: 'BackupTaskSession',
  sort: { field: 'CreationTime', direction: 'asc' },
  pageSize: PAGE_SIZE,
  page,
})

export type DecodeFormat = 'json' | 'json-camel' | 'xml'

export interface DecodeOptions {
  /** Recorded rounds per side (default 10). */
  readonly reps?: number
  /** Unrecorded rounds per side first (default 2). */
  readonly warmup?: number
  /** Pages per round (default 8). */
  readonly pages?: number
}

const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** CPU ms of this process per 1,000 entities over one round of pages (`entities` of them). */
const perThousand = async (round: () => Promise<unknown>, entities: number): Promise<number> => {
  const before = cpuMs()
  await round()
  return ((cpuMs() - before) * 1000) / entities
}

/** The product: its EM client (format as configured) and the family's mapper. */
const productRound = (em: EmClient, pages: number) => async (): Promise<number> => {
  let n = 0
  for (let p = 1; p <= pages; p++) {
    const page = await em.query(pageQuery(p))
    for (const raw of page.entities) {
      FAMILY.map(raw)
      n += 1
    }
  }
  return n
}

/** The floor: `fetch` the same pages, parse (and for JSON serialize) them. */
const floorRound =
  (sim: SimReady, token: string, format: 'json' | 'xml', pages: number) => async (): Promise<void> => {
    for (let p = 1; p <= pages; p++) {
      const res = await fetch(`${sim.url}${buildQueryPath(pageQuery(p))}`, {
        headers: {
          'X-RestSvcSessionId': token,
          Accept: format === 'xml' ? 'application/xml' : 'application/json',
        },
      })
      const text = await res.text()
      sink +=
        format === 'xml'
          ? Object.keys(bareXml.parse(text) as object).length
          : JSON.stringify(JSON.parse(text)).length
    }
  }

const NAMES: Record<DecodeFormat, string> = {
  json: 'decode+normalize in place, EM JSON',
  'json-camel': 'decode+normalize in place, EM 13 camelCase JSON',
  xml: 'decode+normalize in place, EM XML',
}
const IDS: Record<DecodeFormat, string> = {
  json: 'decode-json',
  'json-camel': 'decode-json-camel',
  xml: 'decode-xml',
}

/**
 * Figure: the product's page path vs the floor for the same pages (JSON ≤ 2.0×, XML ≤ 1.15×).
 * @param sim a simulator answering PascalCase JSON (`json`, `xml`) or camelCase JSON (`json-camel`)
 */
export const decodeFigure = async (
  sim: SimReady,
  format: DecodeFormat,
  o: DecodeOptions = {}
): Promise<Figure> => {
  const pages = o.pages ?? 8
  const wire = format === 'xml' ? 'xml' : 'json'
  const config = loadConfig({
    EM_URL: sim.url,
    EM_USERNAME: sim.username,
    EM_PASSWORD: sim.password,
    EM_FORMAT: wire,
    EM_TIMEOUT_MS: '28000',
  })
  const em = emClientFrom(config, credentialsFrom(config))
  const token = await emLogon(sim.url, sim.username, sim.password)
  try {
    const entities = await productRound(em, pages)()
    if (entities === 0) throw new Error('decode benchmark: the pages have no entities')
    const samples = await interleave(
      o.reps ?? 10,
      () => perThousand(productRound(em, pages), entities),
      () => perThousand(floorRound(sim, token, wire, pages), entities),
      o.warmup ?? 2
    )
    return ratioFigure({
      id: IDS[format],
      name: NAMES[format],
      unit: 'CPU ms/1k entities',
      samples,
      kind: 'max',
      limit: format === 'xml' ? 1.15 : 2.0,
      note: `${pages} pages (${entities} BackupTaskSession entities) per round over HTTP from the simulator (its own process), CPU time of this process incl. GC; product: EM client + mapper; reference: fetch + res.text() + ${format === 'xml' ? 'new XMLParser({ ignoreAttributes: false }).parse' : 'JSON.parse + JSON.stringify'} (sink ${sink > 0 ? 'ok' : '0'})`,
    })
  } finally {
    await em.close()
  }
}

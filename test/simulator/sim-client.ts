/**
 * @module Test helpers for the simulator suites: a tiny EM client over real HTTP (`fetch`) and an
 * XML parser configured like the product's (attributes kept, no value coercion).
 */
import { XMLParser } from 'fast-xml-parser'
import type { Simulator } from '../../tools/em-simulator/index'

/** A fixed anchor so expectations are reproducible. */
export const NOW = new Date('2025-10-20T12:00:00.000Z')

export const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  isArray: (name) =>
    [
      'Link',
      'Ref',
      'BackupJobSession',
      'BackupTaskSession',
      'ReplicaJobSession',
      'ReplicaTaskSession',
      'CdpReplicaSession',
      'CdpReplicaTaskSession',
    ].includes(name),
})

/** Parses XML into plain records (tests narrow what they read). */
export const parseXml = (text: string): Record<string, unknown> => xml.parse(text) as Record<string, unknown>

export const basic = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`

/** Logs on and returns the token and SessionId. */
export const logon = async (sim: Simulator): Promise<{ token: string; sessionId: string }> => {
  const res = await fetch(`${sim.url}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: {
      Authorization: basic(sim.credentials.username, sim.credentials.password),
      Accept: 'application/json',
    },
  })
  if (res.status !== 201) throw new Error(`logon failed: ${res.status}`)
  const body = (await res.json()) as { SessionId: string }
  return { token: res.headers.get('x-restsvcsessionid') ?? '', sessionId: body.SessionId }
}

/** GET `path` (under the base URL) with the token; `json` picks the Accept header. */
export const get = (sim: Simulator, token: string, path: string, json = false): Promise<Response> =>
  fetch(`${sim.url}${path}`, {
    headers: { 'X-RestSvcSessionId': token, Accept: json ? 'application/json' : 'application/xml' },
  })

/** `/api/query?…` with the given parameters (values are URL-encoded here). */
export const queryPath = (params: Record<string, string | number>): string =>
  `/api/query?${Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')}`

interface JsonQueryResult {
  Entities: Record<string, Record<string, { UID: string; Name: string }[]> | null> | null
  Refs: { Refs: { UID: string }[] } | null
  PagingInfo: {
    PageNum: number
    PageSize: number
    PagesCount: number
    Links: { Rel: string; Href: string }[]
  }
}

/** Runs a JSON query and returns the page's UIDs and paging info. */
export const jsonQuery = async (
  sim: Simulator,
  token: string,
  params: Record<string, string | number>
): Promise<{
  status: number
  uids: string[]
  paging: JsonQueryResult['PagingInfo'] | undefined
  body: unknown
}> => {
  const res = await get(sim, token, queryPath(params), true)
  const body: unknown = await res.json()
  if (res.status !== 200) return { status: res.status, uids: [], paging: undefined, body }
  const r = body as JsonQueryResult
  const lists = Object.values(r.Entities ?? {}).filter((v) => v !== null)
  const items = lists.length > 0 ? (Object.values(lists[0] ?? {})[0] ?? []) : (r.Refs?.Refs ?? [])
  return { status: res.status, uids: items.map((i) => i.UID), paging: r.PagingInfo, body }
}

/** All UIDs of a filter/sort, walking every page. */
export const allUids = async (
  sim: Simulator,
  token: string,
  params: Record<string, string | number>
): Promise<string[]> => {
  const out: string[] = []
  for (let page = 1; ; page++) {
    const r = await jsonQuery(sim, token, { format: 'Entities', pageSize: 1000, ...params, page })
    if (r.status !== 200) throw new Error(`query failed: ${r.status} ${JSON.stringify(r.body)}`)
    out.push(...r.uids)
    if (r.paging === undefined || page >= r.paging.PagesCount) return out
  }
}

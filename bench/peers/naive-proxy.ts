/**
 * @module The throughput figure's reference: the naive proxy a user would write in front of EM. A
 * Hono app with one GET route that, per request, `fetch`es (global fetch, undici) the same EM query
 * the product sends for the benchmark's page, as JSON, `JSON.parse`s it, copies the fields of each
 * entity into a plain object (EM's own fields, as they are: no normalization, no checks) and answers
 * `c.json({ items })`. It logs on once, at start, and keeps the `X-RestSvcSessionId` token.
 */
import { Hono } from 'hono'

/** Where the proxy reads EM (the simulator) and the query it sends, after `/api/query?`. */
export interface NaiveProxyOptions {
  readonly emUrl: string
  readonly username: string
  readonly password: string
  readonly query: string
}

/** The route the proxy serves. */
export const PROXY_PATH = '/proxy'

/** A BackupTaskSession as EM's JSON has it (what a user would declare). */
interface EmTaskSession {
  readonly JobSessionUid?: string
  readonly CreationTimeUTC?: string
  readonly EndTimeUTC?: string
  readonly State?: string
  readonly Result?: string
  readonly Reason?: string
  readonly TotalSize?: number
  readonly VmUid?: string
  readonly VmDisplayName?: string
  readonly Name?: string
  readonly UID?: string
  readonly Links?: unknown
  readonly Href?: string
  readonly Type?: string
}

interface EmQueryResult {
  readonly Entities?: { readonly BackupTaskSessions?: { readonly BackupTaskSessions?: EmTaskSession[] } }
}

const logon = async (o: NaiveProxyOptions): Promise<string> => {
  const basic = Buffer.from(`${o.username}:${o.password}`, 'utf8').toString('base64')
  const res = await fetch(`${o.emUrl}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}` },
  })
  await res.arrayBuffer()
  const token = res.headers.get('x-restsvcsessionid')
  if (res.status !== 201 || token === null) throw new Error(`EM logon answered ${res.status}`)
  return token
}

/** Logs on to EM, then returns the proxy app. */
export const createNaiveProxy = async (o: NaiveProxyOptions): Promise<Hono> => {
  const token = await logon(o)
  const url = `${o.emUrl}/api/query?${o.query}`
  const app = new Hono()
  app.get(PROXY_PATH, async (c) => {
    const res = await fetch(url, { headers: { 'X-RestSvcSessionId': token, Accept: 'application/json' } })
    if (!res.ok) return c.json({ error: `EM answered ${res.status}` }, 502)
    // What a user writes: trust EM's shape (JSON.parse gives `any`).
    const result: EmQueryResult = JSON.parse(await res.text())
    const sessions = result.Entities?.BackupTaskSessions?.BackupTaskSessions ?? []
    const items = sessions.map((s) => ({
      JobSessionUid: s.JobSessionUid,
      CreationTimeUTC: s.CreationTimeUTC,
      EndTimeUTC: s.EndTimeUTC,
      State: s.State,
      Result: s.Result,
      Reason: s.Reason,
      TotalSize: s.TotalSize,
      VmUid: s.VmUid,
      VmDisplayName: s.VmDisplayName,
      Name: s.Name,
      UID: s.UID,
      Links: s.Links,
      Href: s.Href,
      Type: s.Type,
    }))
    return c.json({ items })
  })
  return app
}

/**
 * @module A second reference of the cold-start figure, reported beside it: the minimal
 * `@hono/zod-openapi` Lambda of `minimal-lambda.ts` whose one route also does what the product's first
 * request must, the naive way: log on to EM (`POST /api/sessionMngr/`, Basic auth, keep
 * `X-RestSvcSessionId`), read one query page as JSON, and copy three fields of each entity. No checks,
 * no paging token, no logging. Over `node:http`, the cheapest way there is: global `fetch` would add
 * undici's first use (its HTTP parser is WebAssembly, compiled then, and that compile also holds the
 * process's exit ~0.2 s). Reads `EM_URL`, `EM_USERNAME` and `EM_PASSWORD` from the environment.
 */
import { request } from 'node:http'
import { OpenAPIHono } from '@hono/zod-openapi'
import { handle } from 'hono/aws-lambda'
import { listRoute } from './minimal-route'

/** A BackupJobSession as EM's JSON has it (the three fields the peer copies). */
interface EmJobSession {
  readonly UID?: string
  readonly Name?: string
  readonly CreationTimeUTC?: string
}

interface EmQueryResult {
  readonly Entities?: { readonly BackupJobSessions?: { readonly BackupJobSessions?: EmJobSession[] } }
}

const em = {
  url: process.env['EM_URL'] ?? '',
  basic: Buffer.from(`${process.env['EM_USERNAME'] ?? ''}:${process.env['EM_PASSWORD'] ?? ''}`).toString(
    'base64'
  ),
}

/** One HTTP exchange with EM: the session token header (if any) and the body as text. */
const exchange = (method: string, path: string, headers: Record<string, string>) =>
  new Promise<{ readonly token: string; readonly body: string }>((resolve, reject) => {
    const req = request(`${em.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          token: String(res.headers['x-restsvcsessionid'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        })
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })

const app = new OpenAPIHono()
app.openapi(listRoute, async (c) => {
  const { pageSize } = c.req.valid('query')
  const { token } = await exchange('POST', '/api/sessionMngr/?v=latest', {
    Authorization: `Basic ${em.basic}`,
  })
  const query = `type=BackupJobSession&format=Entities&pageSize=${pageSize}&page=1&sortDesc=CreationTime`
  const page = await exchange('GET', `/api/query?${query}`, {
    'X-RestSvcSessionId': token,
    Accept: 'application/json',
  })
  // What a user writes: trust EM's shape (JSON.parse gives `any`).
  const result: EmQueryResult = JSON.parse(page.body)
  const sessions = result.Entities?.BackupJobSessions?.BackupJobSessions ?? []
  const items = sessions.map((s) => ({
    id: String(s.UID),
    name: String(s.Name),
    createdAt: String(s.CreationTimeUTC),
  }))
  return c.json({ items }, 200)
})
app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Minimal', version: '1.0.0' } })

export const handler = handle(app)

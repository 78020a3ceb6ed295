/**
 * @module The HTTP(S) server: parses each request into a `RequestContext`, logs it (never the
 * Authorization header, password or token), applies the fault knobs, routes it, and writes the
 * answer, or deliberately breaks it (truncate, reset, hang).
 */
import { createServer as createHttpServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { Socket } from 'node:net'
import { corrupt } from './faults'
import type { FaultState } from './faults'
import type { LogonStore } from './logon-store'
import { emError } from './responses'
import type { RequestContext, SimResponse } from './responses'
import { isPublic, route } from './router'
import type { RouterDeps } from './router'
import { COLLECTION_TYPES } from './routes-sessions'
import { camelJsonKeys } from './text'

/** One logged request. `status` is 0 when no HTTP answer was sent (hang, reset). */
export interface RequestLogEntry {
  readonly at: Date
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly accept: string
  status: number
  authenticated: boolean
}

export interface ServerDeps {
  readonly router: () => RouterDeps
  readonly logons: LogonStore
  readonly faults: FaultState
  readonly log: RequestLogEntry[]
  readonly tls?: { readonly key: string; readonly cert: string } | undefined
  /** Key casing of JSON bodies: EM ≤ 12 PascalCase, EM 13.0 camelCase. */
  readonly jsonCase: JsonCase
}

export type JsonCase = 'pascal' | 'camel'

// Unref: a pending fault delay must not keep a test process alive after close().
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

const tokenOf = (req: IncomingMessage): string | undefined => {
  const cookie = /(?:^|;\s*)X-RestSvcSessionId=([^;]*)/i.exec(req.headers.cookie ?? '')?.[1]
  if (cookie !== undefined) return decodeURIComponent(cookie.trim()) // the cookie wins over the header
  const header = req.headers['x-restsvcsessionid']
  return Array.isArray(header) ? header[0] : header
}

const contextOf = (req: IncomingMessage, url: URL): RequestContext => {
  const params = new Map<string, string>()
  for (const [k, v] of url.searchParams) if (!params.has(k.toLowerCase())) params.set(k.toLowerCase(), v)
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    params,
    json: (req.headers.accept ?? '').trim().toLowerCase().startsWith('application/json'),
    token: tokenOf(req),
    authorization: req.headers.authorization,
  }
}

const typeOf = (ctx: RequestContext): string | undefined =>
  ctx.params.get('type') ??
  COLLECTION_TYPES.get(
    ctx.path
      .split('/')
      .filter((s) => s !== '')[1]
      ?.toLowerCase() ?? ''
  )

/** Creates the (not yet listening) server. */
export const createSimServer = (deps: ServerDeps): { server: Server; sockets: Set<Socket> } => {
  const sockets = new Set<Socket>()
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    req.resume()
    handle(deps, req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' })
        res.end(err instanceof Error ? err.message : 'simulator error')
      } else res.destroy()
    })
  }
  const server =
    deps.tls === undefined
      ? createHttpServer(handler)
      : createHttpsServer({ key: deps.tls.key, cert: deps.tls.cert }, handler)
  server.on(deps.tls === undefined ? 'connection' : 'secureConnection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return { server, sockets }
}

const handle = async (deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const url = new URL(req.url ?? '/', 'http://simulator')
  const ctx = contextOf(req, url)
  const entry: RequestLogEntry = {
    at: new Date(),
    method: ctx.method,
    path: ctx.path,
    query: Object.fromEntries(url.searchParams),
    accept: req.headers.accept ?? '',
    status: 0,
    authenticated: false,
  }
  deps.log.push(entry)
  const fault = deps.faults.take({
    path: ctx.path,
    type: typeOf(ctx),
    isPublic: isPublic(ctx.method, ctx.path),
  })
  if (fault?.hang === true) return
  if (fault?.reset === true) {
    req.socket.destroy()
    return
  }
  if (fault?.latencyMs !== undefined) await sleep(fault.latencyMs)
  let response: SimResponse
  if (fault?.expireToken === true) {
    deps.logons.expire(ctx.token)
    response = emError(ctx, 401, 'The session has expired or is not valid. Please log on again')
  } else if (fault?.status !== undefined) {
    response = emError(ctx, fault.status, faultMessage(fault.status), fault.status >= 500)
  } else if (fault?.errorRate !== undefined && deps.faults.roll(fault.errorRate)) {
    const status = fault.errorStatus ?? 500
    response = emError(ctx, status, faultMessage(status), true)
  } else {
    const routed = route(deps.router(), ctx)
    entry.authenticated = routed.authenticated
    response = routed.response
  }
  if (fault?.perEntityLatencyMs !== undefined && response.entities > 0)
    await sleep(fault.perEntityLatencyMs * response.entities)
  const bytes = responseBytes(response, ctx.json, deps.jsonCase === 'camel', fault?.malformed === true)
  entry.status = response.status
  res.writeHead(response.status, {
    ...response.headers,
    'Content-Length': String(bytes.length),
    Server: 'Microsoft-HTTPAPI/2.0',
  })
  if (fault?.truncate === true) {
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy())
    return
  }
  res.end(bytes)
}

/** The body as sent: camelCase keys for an EM 13 simulator, corrupted for the `malformed` fault. */
const responseBytes = (response: SimResponse, json: boolean, camel: boolean, malformed: boolean): Buffer => {
  const recase = json && camel
  const damage = malformed && response.status < 300
  if (!recase && !damage)
    return typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body
  const text = typeof response.body === 'string' ? response.body : response.body.toString('utf8')
  const cased = recase ? camelJsonKeys(text) : text
  return Buffer.from(damage ? corrupt(cased, json) : cased, 'utf8')
}

const faultMessage = (status: number): string =>
  status === 503
    ? 'The service is unavailable. Enterprise Manager is in maintenance mode'
    : status === 500
      ? 'Object reference not set to an instance of an object.'
      : status === 404
        ? 'Resource not found'
        : status === 401
          ? 'The session has expired or is not valid. Please log on again'
          : `Request failed with status ${status}`

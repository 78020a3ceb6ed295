/**
 * @module Child process: one `@hono/node-server` on 127.0.0.1, port 0. Mode `app` (argument) serves the
 * product exactly as `npm start` does (config from the environment, `createRuntime`); mode `proxy`
 * serves the naive EM proxy of `../peers/naive-proxy.ts` (the throughput reference) on `GET /proxy`,
 * reading EM at `EM_URL` with `EM_USERNAME`/`EM_PASSWORD` and sending the query `PROXY_EM_QUERY`;
 * mode `plain` serves one plain JSON route, `GET /plain`, whose body the benchmark sets with
 * `setBody`, and `GET /plain.txt`, a text body set with `setText` (the cached metrics scrape's reference).
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { loadConfig } from '../../shared/config/env'
import { createRuntime } from '../../shared/runtime'
import { serveRequests } from '../protocol'
import { LOCAL_SERVER_OPTIONS } from '../../shared/app'
import { createNaiveProxy } from '../peers/naive-proxy'

const MODES = ['app', 'plain', 'proxy'] as const
const mode = MODES.find((m) => m === process.argv[2]) ?? 'app'

const env = (name: string): string => {
  const v = process.env[name]
  if (v === undefined) throw new Error(`${name} is not set`)
  return v
}

let fetchHandler: (req: Request) => Response | Promise<Response>
let dispose: () => Promise<void> = () => Promise.resolve()
let plainBody: unknown = { items: [] }
let plainText = ''

if (mode === 'app') {
  const runtime = createRuntime(loadConfig(process.env))
  fetchHandler = (req) => runtime.app.fetch(req)
  dispose = () => runtime.dispose()
} else if (mode === 'proxy') {
  const proxy = await createNaiveProxy({
    emUrl: env('EM_URL'),
    username: env('EM_USERNAME'),
    password: env('EM_PASSWORD'),
    query: env('PROXY_EM_QUERY'),
  })
  fetchHandler = (req) => proxy.fetch(req)
} else {
  const app = new Hono()
  app.get('/plain', (c) => c.json(plainBody as Record<string, unknown>))
  // The metrics reference: a pre-rendered exposition body, served as is.
  app.get('/plain.txt', (c) =>
    c.text(plainText, 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' })
  )
  fetchHandler = (req) => app.fetch(req)
}

const server = serve(
  { fetch: fetchHandler, serverOptions: LOCAL_SERVER_OPTIONS, port: 0, hostname: '127.0.0.1' },
  (info: AddressInfo) => {
    process.send?.({ ready: { port: info.port } })
  }
)

serveRequests((op, arg) => {
  switch (op) {
    case 'setBody':
      plainBody = JSON.parse(String(arg))
      return JSON.stringify(plainBody).length
    case 'setText':
      plainText = String(arg)
      return plainText.length
    case 'cpu': {
      const u = process.cpuUsage()
      return (u.user + u.system) / 1000
    }
    case 'close':
      server.close()
      return dispose().then(() => setImmediate(() => process.exit(0)))
    default:
      throw new Error(`unknown op ${op}`)
  }
})

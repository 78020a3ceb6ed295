/**
 * @module Child process: one `@hono/node-server` on 127.0.0.1, port 0. Mode `app` (argument) serves the
 * product exactly as `npm start` does (config from the environment, `createRuntime`); mode `plain`
 * serves one plain JSON route, `GET /plain`, whose body the benchmark sets with `setBody` (the
 * throughput reference: same server, same body size, no product work), and `GET /plain.txt`, a text
 * body set with `setText` (the cached metrics scrape's reference).
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { loadConfig } from '../../shared/config/env'
import { createRuntime } from '../../shared/runtime'
import { serveRequests } from '../protocol'
import { LOCAL_SERVER_OPTIONS } from '../../shared/app'

const mode = process.argv[2] === 'plain' ? 'plain' : 'app'

let fetchHandler: (req: Request) => Response | Promise<Response>
let dispose: () => Promise<void> = () => Promise.resolve()
let plainBody: unknown = { items: [] }
let plainText = ''

if (mode === 'app') {
  const runtime = createRuntime(loadConfig(process.env))
  fetchHandler = (req) => runtime.app.fetch(req)
  dispose = () => runtime.dispose()
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

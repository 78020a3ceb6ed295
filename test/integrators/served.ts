/**
 * @module The harness's runtime served for real: `@hono/node-server` on 127.0.0.1, port 0, so
 * integrator tests reach the API over HTTP exactly as a client or a browser would.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'
import { LOCAL_SERVER_OPTIONS } from '../../shared/app'

export interface Served {
  readonly h: Harness
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string
  close(): Promise<void>
}

/** Starts the simulator, the runtime and a real HTTP server in front of it (`opts` go to the harness). */
export const startServed = async (opts: Parameters<typeof startHarness>[0] = {}): Promise<Served> => {
  const h = await startHarness(opts)
  const server = serve({
    fetch: h.runtime.app.fetch,
    serverOptions: LOCAL_SERVER_OPTIONS,
    port: 0,
    hostname: '127.0.0.1',
  })
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve()
    server.once('listening', () => resolve())
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    h,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await h.close()
    },
  }
}

/**
 * @module A tiny streaming HTTP proxy in front of the EM simulator that records every
 * `X-RestSvcSessionId` EM issues, so the leak test knows the exact session tokens the app held
 * (the simulator does not expose them). It passes faults through: a cut or reset upstream cuts the
 * downstream answer, and a client that gives up (timeout) cancels the upstream request.
 */
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT`, for EM_URL. */
  readonly url: string
  /** Every session token EM issued through this proxy. */
  readonly tokens: ReadonlySet<string>
  close(): Promise<void>
}

/** Starts a proxy to `target` (an `http://` simulator base) on an ephemeral loopback port. */
export const startRecordingProxy = async (target: string): Promise<RecordingProxy> => {
  const tokens = new Set<string>()
  const server = createServer((req, res) => {
    const up = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers, agent: false },
      (upRes) => {
        const token = upRes.headers['x-restsvcsessionid']
        if (typeof token === 'string') tokens.add(token)
        res.writeHead(upRes.statusCode ?? 502, upRes.headers)
        upRes.pipe(res)
        upRes.on('error', () => res.destroy())
        upRes.on('close', () => {
          if (!upRes.complete) res.destroy()
        })
      }
    )
    up.on('error', () => res.destroy())
    res.on('close', () => up.destroy())
    req.pipe(up)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * @module A proxy in front of the EM simulator that, when armed, answers like an EM whose error text
 * names everything it should not: a 500 Error body whose `Message` carries the EM username, the
 * password, their Basic form and the session token of the very request (or, on logon, the Basic
 * credentials sent). Otherwise it passes every request through. It records each text it sent.
 */
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ChattyEmProxy {
  readonly url: string
  /** Answer the next matching request (`query`: any GET under /api/ but logon; `logon`: POST sessionMngr). */
  arm(on: 'query' | 'logon'): void
  /** Every Error `Message` this proxy answered. */
  readonly said: string[]
  /** Tokens the upstream EM issued. */
  readonly tokens: Set<string>
  close(): Promise<void>
}

export const startChattyEmProxy = async (
  target: string,
  who: { username: string; password: string }
): Promise<ChattyEmProxy> => {
  let armed: 'query' | 'logon' | null = null
  const said: string[] = []
  const tokens = new Set<string>()
  const server = createServer((req, res) => {
    const isLogon = req.method === 'POST' && (req.url ?? '').includes('sessionMngr')
    const hit = (armed === 'logon' && isLogon) || (armed === 'query' && !isLogon && req.method === 'GET')
    if (hit) {
      armed = null
      const token = req.headers['x-restsvcsessionid']
      const basic = Buffer.from(`${who.username}:${who.password}`).toString('base64')
      const message =
        `Logon failed for ${who.username} with password ${who.password} (Basic ${basic})` +
        (typeof token === 'string' ? `; session ${token} is invalid` : '')
      said.push(message)
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' }).end(
        JSON.stringify({
          FirstChanceExceptionMessage: null,
          Message: message,
          StackTrace: null,
          StatusCode: 500,
        })
      )
      req.resume()
      return
    }
    const up = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers, agent: false },
      (upRes) => {
        const token = upRes.headers['x-restsvcsessionid']
        if (typeof token === 'string') tokens.add(token)
        res.writeHead(upRes.statusCode ?? 502, upRes.headers)
        upRes.pipe(res)
      }
    )
    up.on('error', () => res.destroy())
    req.pipe(up)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    arm: (on) => {
      armed = on
    },
    said,
    tokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

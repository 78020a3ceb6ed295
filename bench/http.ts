/**
 * @module A minimal keep-alive HTTP client for the benchmark's own requests (to the app and, for
 * references, straight to the simulator): `node:http` with one agent, the whole body as text.
 */
import http from 'node:http'

export interface TextResponse {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 })

/** One request; rejects on socket errors only (any status resolves). */
export const request = (
  url: string,
  o: { method?: string; headers?: Record<string, string> } = {}
): Promise<TextResponse> =>
  new Promise((resolve, reject) => {
    const req = http.request(url, { method: o.method ?? 'GET', headers: o.headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        })
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })

/** Like `request`, but rejects unless the status is `expected` (default 200). */
export const fetchOk = async (
  url: string,
  o: { method?: string; headers?: Record<string, string>; expected?: number } = {}
): Promise<TextResponse> => {
  const res = await request(url, o)
  if (res.status !== (o.expected ?? 200)) {
    throw new Error(
      `${o.method ?? 'GET'} ${new URL(url).pathname} answered ${res.status}: ${res.body.slice(0, 200)}`
    )
  }
  return res
}

/** Closes the kept-alive sockets (so the process can exit). */
export const closeAgent = (): void => agent.destroy()

/** An EM logon against the simulator: the `X-RestSvcSessionId` token. */
export const emLogon = async (base: string, username: string, password: string): Promise<string> => {
  const basic = Buffer.from(`${username}:${password}`, 'utf8').toString('base64')
  const res = await fetchOk(`${base}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Length': '0' },
    expected: 201,
  })
  const token = res.headers['x-restsvcsessionid']
  if (typeof token !== 'string') throw new Error('EM logon without a token')
  return token
}

/** A page of the EM query service, straight from the simulator, in the asked format. */
export const emQueryPage = async (
  base: string,
  token: string,
  query: string,
  format: 'json' | 'xml'
): Promise<TextResponse> =>
  fetchOk(`${base}/api/query?${query}`, {
    headers: {
      'X-RestSvcSessionId': token,
      Accept: format === 'json' ? 'application/json' : 'application/xml',
    },
  })

/**
 * A real SES v2 protocol server (`aws-ses-v2-local`, in a child process on an ephemeral port) behind a
 * recording proxy on loopback. The SDK talks to the proxy (`endpoint`), which keeps the exact raw MIME
 * bytes of every `SendEmail` (the server itself keeps only its parsed view, read with `store()`), can
 * answer the next sends with a 500 (`failNext`), and forwards everything else. `close()` always kills
 * the child (SIGTERM, then SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import { z } from 'zod'

export const LOCAL_SES_CREDENTIALS = { accessKeyId: 'AKIDLOCALSES', secretAccessKey: 'local-ses-secret' }

const StoreSchema = z.object({
  emails: z.array(
    z.object({
      messageId: z.string(),
      from: z.string(),
      destination: z.object({ to: z.array(z.string()) }),
      subject: z.string(),
      body: z.object({ html: z.string().optional(), text: z.string().optional() }),
      attachments: z.array(
        z.object({
          content: z.string(),
          contentType: z.string(),
          filename: z.string().optional(),
          size: z.number(),
        })
      ),
    })
  ),
})
export type StoredEmail = z.infer<typeof StoreSchema>['emails'][number]

const RawSendSchema = z.object({ Content: z.object({ Raw: z.object({ Data: z.string() }) }) })

export interface LocalSes {
  /** The proxy: `AWS_ENDPOINT_URL_SESV2` or the client's `endpoint`. */
  readonly endpoint: string
  /** The raw messages of the sends the server accepted, in order. */
  readonly raws: readonly Buffer[]
  /** Every `SendEmail` request that reached the proxy (failed ones too). */
  readonly sendRequests: () => number
  /** Answers the next `n` sends with a 500 InternalFailure. */
  failNext(n: number): void
  /** The server's own store of received messages. */
  store(): Promise<StoredEmail[]>
  close(): Promise<void>
}

const CLI = createRequire(import.meta.url).resolve('aws-ses-v2-local/dist/cli.js')
const SEND_PATH = '/v2/email/outbound-emails'

const startChild = (): Promise<{ child: ChildProcess; upstream: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--host', '127.0.0.1', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`aws-ses-v2-local did not start: ${out}`))
    }, 20_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`aws-ses-v2-local exited (${code ?? 'signal'}): ${out}`))
    })
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const port = /server running at \S+:(\d+)/.exec(out)?.[1]
      if (port !== undefined) {
        clearTimeout(timer)
        resolve({ child, upstream: `http://127.0.0.1:${port}` })
      }
    })
  })

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })

export const startLocalSes = async (): Promise<LocalSes> => {
  const { child, upstream } = await startChild()
  // Should the test process end without afterAll (a crash), the child goes with it.
  const orphanGuard = () => child.kill('SIGKILL')
  process.once('exit', orphanGuard)
  const raws: Buffer[] = []
  let failing = 0
  let sends = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const isSend = req.method === 'POST' && req.url === SEND_PATH
      if (isSend) sends += 1
      if (isSend && failing > 0) {
        failing -= 1
        res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalFailure' })
        res.end(JSON.stringify({ message: 'injected failure' }))
        return
      }
      const headers = new Headers()
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && k !== 'host') headers.set(k, v)
      fetch(`${upstream}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body.length > 0 ? { body } : {}),
      })
        .then(async (up) => {
          const text = await up.text()
          if (isSend && up.ok) {
            const raw = RawSendSchema.safeParse(JSON.parse(body.toString('utf8')))
            if (raw.success) raws.push(Buffer.from(raw.data.Content.Raw.Data, 'base64'))
          }
          res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' })
          res.end(text)
        })
        .catch(() => {
          res.writeHead(502)
          res.end()
        })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('proxy has no port')
  const { port } = address
  return {
    endpoint: `http://127.0.0.1:${port}`,
    raws,
    sendRequests: () => sends,
    failNext: (n) => {
      failing = n
    },
    store: async () => StoreSchema.parse(await (await fetch(`${upstream}/store`)).json()).emails,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await stopChild(child)
      process.off('exit', orphanGuard)
    },
  }
}

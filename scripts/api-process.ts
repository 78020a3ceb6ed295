/**
 * @module The API in a process of its own for load scenarios (`npm run load -- --outage` and the outage
 * test): this file, forked, serves `createRuntime(...)`'s app on loopback with `@hono/node-server` and
 * answers IPC requests: `memory` (after a GC), `events` (every EM exchange and breaker change, timed),
 * `stop`. `startApiProcess` forks it and speaks that protocol.
 */
import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { z } from 'zod'
import { loadConfig } from '../shared/config/env'
import { createRuntime } from '../shared/runtime'
import { LOCAL_SERVER_OPTIONS } from '../shared/app'

const MemorySchema = z.object({ rss: z.number(), heapUsed: z.number() })
const EventsSchema = z.object({
  /** EM exchanges: when each started (epoch ms), its operation and error kind. */
  calls: z.array(z.object({ start: z.number(), operation: z.string(), errorKind: z.string().nullable() })),
  breaker: z.array(z.object({ at: z.number(), to: z.string() })),
  logons: z.number(),
})
export type ApiEvents = z.infer<typeof EventsSchema>
export type ApiMemory = z.infer<typeof MemorySchema>

const serveChild = (): void => {
  const events: ApiEvents = { calls: [], breaker: [], logons: 0 }
  const runtime = createRuntime(loadConfig(process.env), {
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    onEmCall: (e) => {
      events.calls.push({
        start: Date.now() - e.durationMs,
        operation: e.operation,
        errorKind: e.errorKind ?? null,
      })
      if (e.operation === 'logon' && e.errorKind === undefined) events.logons += 1
    },
    onEmProtection: (e) => {
      if (e.type === 'breaker') events.breaker.push({ at: Date.now(), to: e.to })
    },
  })
  const server = serve(
    { fetch: runtime.app.fetch, serverOptions: LOCAL_SERVER_OPTIONS, hostname: '127.0.0.1', port: 0 },
    (info) => process.send?.({ port: info.port })
  )
  process.on('message', (m: unknown) => {
    if (m === 'memory') {
      // Settle first: sockets closed by the load generator are freed, then two full GCs.
      const gc: unknown = Reflect.get(globalThis, 'gc')
      setTimeout(() => {
        if (typeof gc === 'function') [0, 1].forEach(() => void gc())
        const { rss, heapUsed } = process.memoryUsage()
        process.send?.({ rss, heapUsed })
      }, 500)
    } else if (m === 'events') process.send?.(events)
    else if (m === 'stop') server.close(() => void runtime.dispose().finally(() => process.exit(0)))
  })
}

export interface ApiProcess {
  readonly port: number
  readonly pid: number | undefined
  memory(): Promise<ApiMemory>
  events(): Promise<ApiEvents>
  stop(): Promise<void>
}

/** Forks the API with `env` on top of this process's environment; resolves once it listens. */
export const startApiProcess = (env: Record<string, string>): Promise<ApiProcess> =>
  new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env }
    delete childEnv['NODE_EXTRA_CA_CERTS']
    const proc: ChildProcess = fork(fileURLToPath(import.meta.url), ['--api-child'], {
      env: childEnv,
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    const onExit = (code: number | null) => reject(new Error(`API process exited (${code ?? 'signal'})`))
    proc.once('exit', onExit)
    const ask = <T>(what: string, schema: z.ZodType<T>) =>
      new Promise<T>((res) => {
        proc.once('message', (r: unknown) => res(schema.parse(r)))
        proc.send(what)
      })
    proc.once('message', (m: unknown) => {
      const { port } = z.object({ port: z.number() }).parse(m)
      resolve({
        port,
        pid: proc.pid,
        memory: () => ask('memory', MemorySchema),
        events: () => ask('events', EventsSchema),
        stop: () =>
          new Promise<void>((res) => {
            proc.off('exit', onExit)
            proc.once('exit', () => res())
            proc.send('stop')
          }),
      })
    })
  })

if (process.argv.includes('--api-child')) serveChild()

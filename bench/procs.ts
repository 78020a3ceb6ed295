/**
 * @module Child processes of the benchmark. The children (`bench/children/*.ts`) are bundled once with
 * esbuild into `dist/bench/` and run with plain `node`, so no TypeScript loader sits in their CPU
 * time or memory. `Child` wraps a forked child's IPC channel as request/reply calls.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { ReadySchema, ReplySchema } from './protocol'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const OUT_DIR = join(ROOT, 'dist', 'bench')
const CHILDREN = ['sim', 'server', 'report', 'rollup'] as const
export type ChildName = (typeof CHILDREN)[number]

/** Bundles the children into `dist/bench/<name>.mjs`. */
export const bundleChildren = async (): Promise<void> => {
  await build({
    entryPoints: CHILDREN.map((n) => join(ROOT, 'bench', 'children', `${n}.ts`)),
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    external: ['@aws-sdk/*'],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);",
    },
  })
}

export const childFile = (name: ChildName): string => join(OUT_DIR, `${name}.mjs`)

/** The environment children get: this one without `NODE_EXTRA_CA_CERTS` (it slows every start). */
export const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  delete env['NODE_EXTRA_CA_CERTS']
  return env
}

/** A forked child answering requests over IPC. */
export class Child {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  readonly ready: Promise<Record<string, unknown>>

  private constructor(readonly proc: ChildProcess) {
    this.ready = new Promise((resolveReady, rejectReady) => {
      proc.once('exit', (code) => {
        const err = new Error(`child exited (${code ?? 'signal'})`)
        rejectReady(err)
        for (const p of this.pending.values()) p.reject(err)
      })
      proc.on('message', (m: unknown) => {
        const ready = ReadySchema.safeParse(m)
        if (ready.success) return resolveReady(ready.data.ready)
        const reply = ReplySchema.safeParse(m)
        if (!reply.success) return
        const p = this.pending.get(reply.data.id)
        this.pending.delete(reply.data.id)
        if (reply.data.ok) p?.resolve(reply.data.value)
        else p?.reject(new Error(reply.data.error ?? 'child request failed'))
      })
    })
  }

  /** Forks a bundled child; its stdout is discarded (the product logs each request there). */
  static start(name: ChildName, args: string[], env: Record<string, string> = {}): Child {
    const proc = fork(childFile(name), args, {
      env: childEnv(env),
      // The year-long scale-11 simulator holds ~1.7M sessions (~3 GB): more heap than Node's default.
      execArgv: name === 'sim' ? ['--max-old-space-size=8192'] : [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    return new Child(proc)
  }

  request(op: string, arg: unknown = null): Promise<unknown> {
    const id = this.nextId++
    return new Promise((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject })
      this.proc.send({ id, op, arg })
    })
  }

  /** Asks the child to close, and kills it if it has not exited within 5 s. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()))
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000)
    this.request('close').catch(() => undefined)
    await exited
    clearTimeout(timer)
  }
}

export interface RunResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** Wall time from spawn to exit, ms. */
  readonly ms: number
}

/** Runs `node args…` to completion with the child environment; times it from spawn to exit. */
export const runNode = (args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> =>
  new Promise((resolveRun, reject) => {
    const started = performance.now()
    const proc = spawn(process.execPath, [...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    proc.once('error', reject)
    proc.once('close', (code) => resolveRun({ code, stdout, stderr, ms: performance.now() - started }))
  })

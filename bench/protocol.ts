/**
 * @module The messages between the benchmark and its child processes (simulator, app server, report),
 * validated with zod on arrival: a child answers every request `{ id, op, arg }` with `{ id, ok, value }`
 * and announces itself once with `{ ready: … }`.
 */
import { z } from 'zod'

/** A request from the benchmark to a child. */
export const RequestSchema = z.object({ id: z.number().int(), op: z.string(), arg: z.unknown() })
export type ChildRequest = z.infer<typeof RequestSchema>

/** A child's answer to one request. */
export const ReplySchema = z.object({
  id: z.number().int(),
  ok: z.boolean(),
  value: z.unknown(),
  error: z.string().optional(),
})
export type ChildReply = z.infer<typeof ReplySchema>

/** A child's first message. */
export const ReadySchema = z.object({ ready: z.record(z.string(), z.unknown()) })

/** What the simulator child announces. */
export const SimReadySchema = z.object({ url: z.string(), username: z.string(), password: z.string() })
export type SimReady = z.infer<typeof SimReadySchema>

/** The simulator's request counters (from its request log) since the last `clearLog`. */
export const SimStatsSchema = z.object({
  logons: z.number(),
  logoffs: z.number(),
  queries: z.number(),
  entities: z.number(),
  other: z.number(),
  unauthenticated: z.number(),
})
export type SimStats = z.infer<typeof SimStatsSchema>

/** What the app-server child announces. */
export const ServerReadySchema = z.object({ port: z.number().int() })

/** The report child's one line of output. */
export const ReportResultSchema = z.object({
  ms: z.number(),
  sessionsScanned: z.number(),
  complete: z.boolean(),
  rows: z.number(),
  maxRssMb: z.number(),
  /** CPU of the report itself (after the imports), ms. */
  cpuMs: z.number(),
  /** The same report run again in the same process (`warmRuns` times), ms each. */
  warmMs: z.array(z.number()).default([]),
  concurrency: z.number(),
  emSessionsRead: z.number().optional(),
  rollupDays: z.number().optional(),
})
export type ReportResult = z.infer<typeof ReportResultSchema>

/** What the rollup child prints: the run's totals and the sizes of what it stored. */
export const RollupResultSchema = z.object({
  ms: z.number(),
  pages: z.number(),
  sessions: z.number(),
  settled: z.number(),
  pending: z.number(),
  failed: z.number(),
  skipped: z.number(),
  /** EM pages the pending days' last rolls read (what an hourly run may read again). */
  pendingPages: z.number(),
  /** Per stored period, both parts together. */
  dayBytes: z.array(z.number()),
  /** Per settled day: its hours, both parts. */
  hourBytes: z.array(z.number()),
  blockBytes: z.array(z.number()),
  monthBytes: z.array(z.number()),
  /** Per stored month, the `jobs` part alone (what a job summary reads). */
  monthJobBytes: z.array(z.number()),
})
export type RollupResult = z.infer<typeof RollupResultSchema>

/** Serves requests on the IPC channel with `handle`; replies errors by message. */
export const serveRequests = (handle: (op: string, arg: unknown) => unknown): void => {
  process.on('message', (m: unknown) => {
    const req = RequestSchema.safeParse(m)
    if (!req.success) return
    const { id, op, arg } = req.data
    Promise.resolve()
      .then(() => handle(op, arg))
      .then(
        (value: unknown) => process.send?.({ id, ok: true, value }),
        (e: unknown) => process.send?.({ id, ok: false, value: null, error: String(e) })
      )
  })
}

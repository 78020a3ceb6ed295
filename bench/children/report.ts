/**
 * @module Child process: one report (`buildJobSummary` or `buildVmProtection`, the product's code) against
 * the EM named by the environment, in a fresh process so its peak RSS is its own. Argument: JSON
 * `{ from, to, concurrency, rollupDir?, report?, warmRuns? }`. Prints one JSON line (`ReportResult`) and exits.
 */
import { z } from 'zod'
import { loadConfig } from '../../shared/config/env'
import { createDirRollupStore } from '../../shared/rollups/store'
import { buildJobSummary, buildVmProtection } from '../../shared/services/reports'
import { createEmReader } from '../../shared/services/em-reader'
import { credentialsFrom, emClientFrom } from '../../shared/runtime'
import type { ReportResult } from '../protocol'

const Args = z.object({
  from: z.string(),
  to: z.string(),
  concurrency: z.number().int().positive(),
  /** Serve whole days from the rollups in this directory. */
  rollupDir: z.string().optional(),
  report: z.enum(['job-summary', 'vm-protection']).default('job-summary'),
  /** Then run it this many times more in this process (a warm server's calls). */
  warmRuns: z.number().int().min(0).default(0),
})
const args = Args.parse(JSON.parse(process.argv[2] ?? '{}'))

const config = loadConfig(process.env)
const em = emClientFrom(config, credentialsFrom(config))

const started = performance.now()
const cpuBefore = process.cpuUsage()
const options = {
  from: new Date(args.from),
  to: new Date(args.to),
  concurrency: args.concurrency,
  rollups: args.rollupDir === undefined ? undefined : createDirRollupStore(args.rollupDir),
}
const reader = createEmReader(em)
const build = () =>
  args.report === 'job-summary'
    ? buildJobSummary(reader, options)
    : buildVmProtection(reader, { ...options, now: new Date(args.to) })
const report = await build()
const ms = performance.now() - started
const cpuMs = (() => {
  const u = process.cpuUsage(cpuBefore)
  return (u.user + u.system) / 1000
})()
const warmMs: number[] = []
for (let i = 0; i < args.warmRuns; i++) {
  const at = performance.now()
  await build()
  warmMs.push(performance.now() - at)
}
await em.close()

const result: ReportResult = {
  ms,
  sessionsScanned: report.sessionsScanned,
  complete: report.complete,
  rows: report.rows.length,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  cpuMs,
  warmMs,
  concurrency: args.concurrency,
  emSessionsRead: report.basis.emSessionsRead,
  rollupDays: report.basis.rollupDays,
}
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)

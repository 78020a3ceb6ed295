/**
 * @module Child process: one 30-day job-summary report (`buildJobSummary`, the product's code) against
 * the EM named by the environment, in a fresh process so its peak RSS is its own. Argument: JSON
 * `{ from, to, concurrency }`. Prints one JSON line (`ReportResult`) and exits.
 */
import { z } from 'zod'
import { loadConfig } from '../../shared/config/env'
import { buildJobSummary } from '../../shared/services/reports'
import { createEmReader } from '../../shared/services/em-reader'
import { credentialsFrom, emClientFrom } from '../../shared/runtime'
import type { ReportResult } from '../protocol'

const Args = z.object({ from: z.string(), to: z.string(), concurrency: z.number().int().positive() })
const args = Args.parse(JSON.parse(process.argv[2] ?? '{}'))

const config = loadConfig(process.env)
const em = emClientFrom(config, credentialsFrom(config))

const started = performance.now()
const report = await buildJobSummary(createEmReader(em), {
  from: new Date(args.from),
  to: new Date(args.to),
  concurrency: args.concurrency,
})
const ms = performance.now() - started
await em.close()

const result: ReportResult = {
  ms,
  sessionsScanned: report.sessionsScanned,
  complete: report.complete,
  rows: report.rows.length,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  concurrency: args.concurrency,
}
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)

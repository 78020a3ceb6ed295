/**
 * `npm run rollup -- --from DAY --to DAY [--rebuild] [--due]`: the rollup job, locally. Rolls every
 * UTC day from `--from` to `--to` (inclusive; `YYYY-MM-DD` or RFC 3339) that has no settled rollup
 * yet (`--rebuild`: every day; `--due`: what the hourly run would), one day at a time, into
 * ROLLUP_DIR (default `./rollups`), or `rollups/` of ROLLUP_BUCKET/REPORT_BUCKET when set without
 * ROLLUP_DIR. A progress line per day goes to stderr. With no EM_URL (and no EM_SECRET_ID) it reads
 * the embedded EM simulator (its data is generated relative to the current time: rollups made from
 * one simulator run do not describe the next one).
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../shared/config/env'
import { runRollup, type DayOutcome } from '../shared/jobs/rollup'
import { rollupStoreFrom } from '../shared/rollups/from-config'
import { DAY_MS, dayStart } from '../shared/rollups/periods'
import { createDirRollupStore } from '../shared/rollups/store'
import { createEmReader } from '../shared/services/em-reader'
import { credentialsFrom, emClientFrom } from '../shared/runtime'
import { startSimulator, type Simulator } from '../tools/em-simulator/index'

const usage = 'usage: npm run rollup -- --from YYYY-MM-DD --to YYYY-MM-DD [--rebuild] [--due]'

const fail = (message: string): never => {
  process.stderr.write(`${message}\n${usage}\n`)
  process.exit(2)
}

const DAY_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i
const instant = (name: string, value: string | undefined): number => {
  if (value === undefined) return fail(`--${name} is required`)
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)
  if (!DAY_OR_TIME.test(value) || Number.isNaN(ms)) fail(`--${name}: not a day or RFC 3339 time: ${value}`)
  return ms
}

const parse = () => {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      due: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help === true) {
    process.stdout.write(`${usage}\n`)
    process.exit(0)
  }
  const from = dayStart(instant('from', values.from))
  const to = dayStart(instant('to', values.to)) + DAY_MS
  if (from >= to) fail('--from must not be after --to')
  const mode = values.rebuild ? 'rebuild' : values.due ? 'due' : 'unsettled'
  return { from: new Date(from), to: new Date(to), mode } as const
}

const line = (d: DayOutcome, i: number, n: number): string =>
  d.status === 'skipped'
    ? `[${i + 1}/${n}] ${d.day} skipped (settled or not due)\n`
    : `[${i + 1}/${n}] ${d.day} ${d.status}: ${d.sessions.toLocaleString('en-US')} sessions, ${d.pages} EM pages, ` +
      `${d.running} running, ${d.bytes.toLocaleString('en-US')} bytes, ${(d.ms / 1000).toFixed(1)} s\n`

const main = async (): Promise<void> => {
  const args = parse()
  let config = loadConfig()
  const store = rollupStoreFrom(config.rollups) ?? createDirRollupStore('rollups')
  let simulator: Simulator | undefined
  if (config.em.url === undefined && config.em.secretId === undefined) {
    simulator = await startSimulator()
    const { username, password } = simulator.credentials
    config = { ...config, em: { ...config.em, url: simulator.url, username, password } }
    process.stderr.write(`EM: embedded simulator at ${simulator.url}\n`)
  }
  process.stderr.write(`rollups: ${store.where}\n`)
  const em = emClientFrom(config, credentialsFrom(config))
  const started = Date.now()
  try {
    const summary = await runRollup({
      ...args,
      reader: createEmReader(em),
      store,
      now: new Date(),
      settleHours: config.rollups.settleHours,
      concurrency: config.reportConcurrency,
      onDay: (d, i, n) => process.stderr.write(line(d, i, n)),
      onProgress: (p) =>
        process.stderr.write(`\r  pages ${p.pagesFetched}/${p.pagesTotal} · sessions ${p.sessions}   \r`),
    })
    process.stderr.write(
      `${summary.days.length} days (${summary.days.filter((d) => d.status === 'settled').length} settled), ` +
        `${summary.blocksWritten.length} blocks and ${summary.monthsWritten.length} months written, ${summary.pagesFetched} EM pages, ` +
        `${summary.bytesWritten.toLocaleString('en-US')} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        `${summary.complete ? '' : ' (INCOMPLETE: some days failed and were not written)'}\n`
    )
    if (!summary.complete) process.exitCode = 1
  } finally {
    await em.close().catch(() => undefined)
    await simulator?.close()
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`\nrollup failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})

/**
 * @module Child process: one rollup run (`runRollup`, the product's code) against the EM named by the
 * environment, into a rollup directory. Argument: JSON `{ from, to, now, mode, dir, concurrency }`.
 * Prints one JSON line (`RollupResult`): totals, and the byte sizes of every settled day and month
 * record in the directory afterwards, and exits.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { loadConfig } from '../../shared/config/env'
import { runRollup } from '../../shared/jobs/rollup'
import { folderOf, parseRollup, PART_NAMES, pendingKey, periodKey } from '../../shared/rollups/format'
import { DAYS, HOURS, MONTHS, SPAN_LEVELS, type Level } from '../../shared/rollups/periods'
import { createDirRollupStore } from '../../shared/rollups/store'
import { createEmReader } from '../../shared/services/em-reader'
import { credentialsFrom, emClientFrom } from '../../shared/runtime'
import type { RollupResult } from '../protocol'

const Args = z.object({
  from: z.string(),
  to: z.string(),
  now: z.string(),
  mode: z.enum(['due', 'unsettled', 'rebuild']),
  dir: z.string(),
  concurrency: z.number().int().positive(),
})
const args = Args.parse(JSON.parse(process.argv[2] ?? '{}'))

const config = loadConfig(process.env)
const em = emClientFrom(config, credentialsFrom(config))
const store = createDirRollupStore(args.dir)

const started = performance.now()
const summary = await runRollup({
  reader: createEmReader(em),
  store,
  from: new Date(args.from),
  to: new Date(args.to),
  now: new Date(args.now),
  settleHours: 48,
  mode: args.mode,
  concurrency: args.concurrency,
})
const ms = performance.now() - started
await em.close()

/** Bytes of each stored period of `level` by file name, all parts together. */
const sizesByName = (level: Level): Map<string, number> => {
  const byName = new Map<string, number>()
  for (const part of PART_NAMES) {
    const folder = join(args.dir, folderOf(part, level))
    try {
      for (const n of readdirSync(folder))
        byName.set(n, (byName.get(n) ?? 0) + statSync(join(folder, n)).size)
    } catch {
      // no records of this part at this level
    }
  }
  return byName
}
const sizes = (level: Level): number[] => [...sizesByName(level).values()]
/** Bytes of the hours of each settled day (a folder per day), all parts together. */
const hourSizes = (days: ReadonlyMap<string, number>): number[] => {
  const bytesIn = (folder: string): number => {
    try {
      return readdirSync(folder).reduce((n, f) => n + statSync(join(folder, f)).size, 0)
    } catch {
      return 0 // none stored
    }
  }
  return [...days.keys()].map((file) => {
    const day = file.replace(/\.json$/, '')
    return PART_NAMES.reduce((n, part) => n + bytesIn(join(args.dir, folderOf(part, HOURS), day)), 0)
  })
}
/** Bytes of the `jobs` part alone of each stored period of `level` (what a job summary reads). */
const jobSizes = (level: Level): number[] => {
  try {
    const folder = join(args.dir, folderOf('jobs', level))
    return readdirSync(folder).map((n) => statSync(join(folder, n)).size)
  } catch {
    return []
  }
}
const daySizes = sizesByName(DAYS)
const count = (status: string) => summary.days.filter((d) => d.status === status).length
/** Pages of the days still unsettled after the run, as their last roll read them. */
let pendingPages = 0
for (const d of summary.days) {
  if ((await store.get(periodKey('jobs', DAYS, d.day))) !== undefined) continue
  pendingPages += parseRollup('jobs', (await store.get(pendingKey('jobs', d.day))) ?? '')?.pagesRead ?? 0
}
const result: RollupResult = {
  ms,
  pages: summary.pagesFetched,
  sessions: summary.sessionsRead,
  settled: count('settled'),
  pending: count('pending'),
  failed: count('failed'),
  skipped: count('skipped'),
  pendingPages,
  dayBytes: [...daySizes.values()],
  hourBytes: hourSizes(daySizes),
  blockBytes: SPAN_LEVELS.filter((l) => l !== MONTHS).flatMap(sizes),
  monthBytes: sizes(MONTHS),
  monthJobBytes: jobSizes(MONTHS),
}
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)

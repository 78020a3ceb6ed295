/**
 * @module Rollup figures, against the `scale: 11` simulator (its data frozen at `NOW`):
 * - a backfill of its 32 days at a rollup clock 48 h after NOW (so every day but those with running
 *   sessions has settled), with no EM latency (the backfill is not what is measured);
 * - 30-day job summary and vm-protection, 100 ms EM latency per page, from rollups vs the live walk
 *   of the same window in the same run: EM sessions read ≤ 10%; wall time ≤ 0.15× as a server
 *   answers it (each process runs the report 3 times; the later runs count, the first run's ratio,
 *   cold JIT, is in the note);
 * - the next hourly run (`due`): EM pages read ≤ the pages its unsettled days hold;
 * - storage: bytes per settled day; a year's read size (12 months, from the 366-day run).
 * The 366-day job summary runs against a second, year-long `scale: 11` simulator (`year…`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RollupResultSchema, type RollupResult, type SimReady, type ReportResult } from './protocol'
import { childFile, runNode } from './procs'
import { defaultConcurrency, runReport } from './report'
import { absoluteFigure, interleave, median, ratioFigure, type Figure, type PairedSamples } from './stats'

const ratioOf = (s: PairedSamples): number => median(s.measured) / median(s.reference)

const DAY = 86_400_000
/** Runs of a report after the first in one process, for the warm wall-time figure. */
const WARM_RUNS = 2
const HOUR = 3_600_000

const emEnv = (sim: SimReady) => ({
  EM_URL: sim.url,
  EM_USERNAME: sim.username,
  EM_PASSWORD: sim.password,
  EM_TIMEOUT_MS: '28000',
})

/** One rollup run in a fresh process. */
export const runRollupChild = async (
  sim: SimReady,
  o: { from: Date; to: Date; now: Date; mode: 'due' | 'unsettled'; dir: string }
): Promise<RollupResult> => {
  const arg = JSON.stringify({
    from: o.from.toISOString(),
    to: o.to.toISOString(),
    now: o.now.toISOString(),
    mode: o.mode,
    dir: o.dir,
    concurrency: defaultConcurrency(),
  })
  const run = await runNode([childFile('rollup'), arg], emEnv(sim))
  const line = run.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'))
  if (run.code !== 0 || line === undefined)
    throw new Error(`rollup child failed: ${run.stderr.slice(0, 400)}`)
  return RollupResultSchema.parse(JSON.parse(line))
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`

interface SimControl {
  readonly sim: SimReady
  setLatency(ms: number): Promise<void>
}

/** The 30-day figures, the hourly run and the storage per day. */
export const rollupFigures = async (
  big: SimControl,
  now: Date,
  o: { reps?: number } = {}
): Promise<Figure[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rollups-'))
  try {
    const clock = new Date(now.getTime() + 48 * HOUR)
    await big.setLatency(0)
    const backfill = await runRollupChild(big.sim, {
      from: new Date(now.getTime() - 32 * DAY),
      to: now,
      now: clock,
      mode: 'unsettled',
      dir,
    })
    await big.setLatency(100)
    const hourlyAt = new Date(clock.getTime() + HOUR)
    const today = Math.floor(hourlyAt.getTime() / DAY) * DAY
    const hourly = await runRollupChild(big.sim, {
      from: new Date(today - 7 * DAY),
      to: new Date(today),
      now: hourlyAt,
      mode: 'due',
      dir,
    })
    const w = { from: new Date(now.getTime() - 30 * DAY), to: now }
    const figures: Figure[] = []
    for (const report of ['job-summary', 'vm-protection'] as const) {
      const rolled: ReportResult[] = []
      const live: ReportResult[] = []
      // Each sample: a fresh process runs the report WARM_RUNS + 1 times; the first run is the
      // fresh-process figure, the median of the others the warm one (a server's later calls).
      const samples = await interleave(
        o.reps ?? 3,
        async () => {
          const r = await runReport(big.sim, w, defaultConcurrency(), {
            rollupDir: dir,
            report,
            warmRuns: WARM_RUNS,
          })
          rolled.push(r)
          return median(r.warmMs)
        },
        async () => {
          const r = await runReport(big.sim, w, defaultConcurrency(), { report, warmRuns: WARM_RUNS })
          live.push(r)
          return median(r.warmMs)
        },
        0
      )
      const first = { measured: rolled.map((r) => r.ms), reference: live.map((r) => r.ms) }
      const read = rolled[0]?.emSessionsRead ?? Number.NaN
      const all = live[0]?.sessionsScanned ?? Number.NaN
      figures.push(
        absoluteFigure({
          id: `rollup-${report}-em-share`,
          name: `30-day ${report} from rollups: EM sessions read / live walk's`,
          unit: '%',
          measured: (100 * read) / all,
          budget: '≤ 10%',
          ok: (v) => v <= 10,
          note: `${read} of ${all} sessions read from EM; ${rolled[0]?.rollupDays ?? '?'} whole days from rollups (rolled 48 h after the window, the simulator's data frozen); same rows as the walk (property test)`,
        }),
        ratioFigure({
          id: `rollup-${report}-wall`,
          name: `30-day ${report}: from rollups vs live walk`,
          unit: 'ms',
          samples,
          kind: 'max',
          limit: 0.15,
          note: `100 ms EM latency per page; as a server answers it (the report run before in the same process: its ${WARM_RUNS} later runs, median), ${o.reps ?? 3} processes each, interleaved; the first run of each fresh process: ${ratioOf(first).toFixed(2)}× (${median(first.measured).toFixed(0)} vs ${median(first.reference).toFixed(0)} ms, cold JIT; the cold start has its own figure)`,
        })
      )
    }
    const dayBytes = median(backfill.dayBytes) + median(backfill.hourBytes)
    figures.push(
      absoluteFigure({
        id: 'rollup-hourly-pages',
        name: 'hourly rollup run: EM pages read',
        unit: 'pages',
        measured: hourly.pages,
        budget: `≤ ${hourly.pendingPages} (pages its unsettled days hold)`,
        ok: (v) => v <= hourly.pendingPages,
        note: `${hourly.skipped} days skipped (settled, or rolled and not yet due), ${hourly.pending} rolled and still pending, ${hourly.settled} settled; backfill of 32 days read ${backfill.pages} pages (${backfill.sessions} sessions) in ${(backfill.ms / 1000).toFixed(1)} s without latency`,
      }),
      absoluteFigure({
        id: 'rollup-day-bytes',
        name: 'rollup storage per settled day (scale 11)',
        unit: 'bytes',
        measured: dayBytes,
        budget: '≤ 8 MiB (reported)',
        ok: (v) => v <= 8 * 1024 * 1024,
        note: `median of ${backfill.dayBytes.length} days: the day records ${kb(median(backfill.dayBytes))} (${kb(Math.min(...backfill.dayBytes))}–${kb(Math.max(...backfill.dayBytes))}) and its 24 hours ${kb(median(backfill.hourBytes))}, jobs and vms parts together; blocks of 2–16 days median ${kb(median(backfill.blockBytes))} each (every day is in 4 blocks and a month); JSON, uncompressed`,
      })
    )
    return figures
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The 366-day job summary from rollups of a year-long simulator, 100 ms EM latency per page. */
export const yearFigures = async (
  year: SimControl,
  now: Date,
  budgetMs: number,
  tasksInYear: number
): Promise<Figure[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rollups-year-'))
  try {
    await year.setLatency(0)
    const backfill = await runRollupChild(year.sim, {
      from: new Date(now.getTime() - 372 * DAY),
      to: now,
      now: new Date(now.getTime() + 48 * HOUR),
      mode: 'unsettled',
      dir,
    })
    await year.setLatency(100)
    const to = new Date(Math.floor(now.getTime() / DAY) * DAY)
    const w = { from: new Date(to.getTime() - 366 * DAY), to }
    const r = await runReport(year.sim, w, defaultConcurrency(), { rollupDir: dir, report: 'job-summary' })
    const months = backfill.monthJobBytes
    const yearRead = 12 * median(months)
    return [
      absoluteFigure({
        id: 'rollup-year-job-summary',
        name: '366-day job summary from rollups (scale 11)',
        unit: 'ms',
        measured: r.ms,
        budget: `complete, ≤ ${budgetMs} ms (route budget)`,
        ok: (v) => r.complete && v <= budgetMs,
        note: `${tasksInYear} task sessions in the year; ${r.rollupDays ?? '?'} days from rollups, ${r.emSessionsRead ?? '?'} sessions read from EM; complete: ${r.complete}; backfill ${backfill.pages} pages in ${(backfill.ms / 1000).toFixed(0)} s (no latency)`,
      }),
      absoluteFigure({
        id: 'rollup-year-read-bytes',
        name: "a year's job-summary rollup read size (12 months, jobs part)",
        unit: 'bytes',
        measured: yearRead,
        budget: '≤ 64 MiB (reported)',
        ok: (v) => Number.isFinite(v) && v <= 64 * 1024 * 1024,
        note: `${months.length} month records, jobs part median ${kb(median(months))} (both parts ${kb(median(backfill.monthBytes))}); days median ${kb(median(backfill.dayBytes))} (both parts)`,
      }),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

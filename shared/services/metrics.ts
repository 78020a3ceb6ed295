/**
 * @module The numbers behind `GET /v1/metrics`: computed from the report builders (`buildReports`
 * over the window ending now, so a reports change such as rollups reaches the metrics too; no walk
 * of its own), cached per process for `cacheSeconds`, one refresh shared by concurrent scrapes.
 *
 * EM down or read in part: that refresh sets `em_up 0` and its numbers are dropped; the scrape keeps
 * the series of the last refresh that read EM whole, with `em_metrics_refresh_timestamp_seconds`
 * (and duration) of that refresh, so the numbers are never presented as fresh. Before any whole
 * refresh there are no job or VM series at all. A failed refresh is cached like a good one, so a
 * down EM is asked once per `cacheSeconds`, not once per scrape.
 */
import type { ScrapeConfig } from '../config/env'
import { render, type ExpositionFormat } from '../metrics/exposition'
import { metricFamilies, type MetricsInput } from '../metrics/series'
import { jobRowKey } from '../reports/job-summary'
import type { EmReader } from './em-reader'
import { buildReports, type ReportRun } from './reports'

const HOUR_MS = 3_600_000

export interface MetricsSourceDeps {
  readonly reader: EmReader
  readonly settings: ScrapeConfig
  /** Concurrent EM requests of a refresh (config REPORT_CONCURRENCY). */
  readonly concurrency?: number | undefined
  /** How long a refresh may read EM (config REPORT_TIME_BUDGET_MS, default 20 s); past it, `em_up 0`. */
  readonly timeBudgetMs?: number | undefined
  /** Told why a refresh did not read EM whole (thrown error, or `'incomplete'`); for the log. */
  readonly onRefreshFailed?: ((reason: unknown) => void) | undefined
  readonly now?: (() => Date) | undefined
  /** The report run; tests replace it. Default `buildReports`. */
  readonly build?: typeof buildReports
}

export interface MetricsSource {
  /** The current numbers, refreshing first when the cache has expired (joining a refresh in flight). */
  snapshot(): Promise<MetricsInput>
  /** The exposition body of the current numbers (rendered once per refresh and format). */
  scrape(format: ExpositionFormat): Promise<string>
}

interface Refresh {
  readonly startedAtMs: number
  readonly done: Promise<MetricsInput>
  readonly bodies: Partial<Record<ExpositionFormat, string>>
}

/** The rows a scrape exports, from one report run. */
export const metricRows = (run: ReportRun): Pick<MetricsInput, 'jobs' | 'vms'> => ({
  jobs: run.jobSummary.rows.map((row) => ({
    row,
    lastDurationSeconds: run.jobLastDurations.get(jobRowKey(row)) ?? null,
  })),
  vms: run.vmProtection.rows,
})

/**
 * @example
 * const source = createMetricsSource({ reader, settings: config.scrape })
 * const body = await source.scrape('text')
 */
export const createMetricsSource = (deps: MetricsSourceDeps): MetricsSource => {
  const now = deps.now ?? (() => new Date())
  const build = deps.build ?? buildReports
  const cacheMs = deps.settings.cacheSeconds * 1000
  let lastGood: MetricsInput | null = null
  let current: Refresh | undefined
  const settled = new WeakSet<Refresh>()

  const refresh = async (): Promise<MetricsInput> => {
    const started = now()
    const to = started
    const from = new Date(to.getTime() - deps.settings.windowHours * HOUR_MS)
    const t0 = performance.now()
    try {
      const run = await build(deps.reader, {
        from,
        to,
        now: started,
        rpoHours: deps.settings.rpoHours,
        concurrency: deps.concurrency,
        signal: AbortSignal.timeout(deps.timeBudgetMs ?? 20_000),
      })
      if (run.jobSummary.complete && run.vmProtection.complete) {
        const durationMs = performance.now() - t0
        lastGood = { up: true, refresh: { atMs: started.getTime(), durationMs }, ...metricRows(run) }
        return lastGood
      }
      deps.onRefreshFailed?.('incomplete')
    } catch (error) {
      deps.onRefreshFailed?.(error)
    }
    return lastGood === null ? { up: false, refresh: null, jobs: [], vms: [] } : { ...lastGood, up: false }
  }

  const latest = (): Refresh => {
    const t = now().getTime()
    // A refresh in flight is joined whatever its age: one at a time per process.
    if (current === undefined || (settled.has(current) && t - current.startedAtMs >= cacheMs)) {
      const r: Refresh = { startedAtMs: t, done: refresh(), bodies: {} }
      void r.done.then(() => settled.add(r))
      current = r
    }
    return current
  }

  return {
    snapshot: () => latest().done,
    async scrape(format) {
      const r = latest()
      const input = await r.done
      return (r.bodies[format] ??= render(metricFamilies(input), format))
    },
  }
}

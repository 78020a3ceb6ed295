/**
 * @module What the report routes share at run time: their dependencies, the time budget, and the CSV
 * answer with its download file name.
 */
import type { Context } from 'hono'
import { EmTimeoutError } from '../../em/errors'
import { CONTENT_TYPES } from '../../reports/files'
import type { RollupStore } from '../../rollups/store'
import type { EmReader } from '../../services/em-reader'

/** What the report routes need from the app. */
export interface ReportRouteDeps {
  readonly reader: EmReader
  /** Settled daily rollups to serve whole days from; undefined: EM only. */
  readonly rollups?: RollupStore | undefined
  /** Concurrent EM requests per report (config REPORT_CONCURRENCY); default REPORT_CONCURRENCY's. */
  readonly concurrency?: number | undefined
  /** The clock, for the default window and generatedAt; tests pin it. */
  readonly now?: (() => Date) | undefined
  /**
   * How long a report may read EM (config REPORT_TIME_BUDGET_MS; default 20 s, under API Gateway's
   * 29 s). Past it the pages still unread make the report `complete: false`; with nothing read, a 504.
   */
  readonly timeBudgetMs?: number | undefined
}

/**
 * Runs `build` with a signal that aborts when the caller goes away or the time budget is spent.
 * A budget spent before anything could be read is EM not answering in time (504).
 */
export const withTimeBudget = async <T>(
  c: Context,
  deps: ReportRouteDeps,
  build: (signal: AbortSignal) => Promise<T>
): Promise<T> => {
  const budgetMs = deps.timeBudgetMs ?? 20_000
  const deadline = AbortSignal.timeout(budgetMs)
  try {
    return await build(AbortSignal.any([c.req.raw.signal, deadline]))
  } catch (error) {
    if (deadline.aborted) throw new EmTimeoutError(budgetMs, { cause: error })
    throw error
  }
}

const compact = (iso: string) => iso.slice(0, 10).replaceAll('-', '')

/** Sends the CSV body with its type and a download name built from the window. */
export const csvResponse = (c: Context, name: string, window: { from: string; to: string }, body: string) =>
  c.body(body, 200, {
    'Content-Type': CONTENT_TYPES.csv,
    'Content-Disposition': `attachment; filename="${name}-${compact(window.from)}-${compact(window.to)}.csv"`,
  })

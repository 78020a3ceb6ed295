/**
 * @module The rollup Lambda: hourly (EventBridge) it rolls the due days of the last
 * ROLLUP_LOOKBACK_DAYS into `rollups/` of the report bucket; invoked with
 * `{ "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }` it backfills every unsettled day of the range
 * (`"rebuild": true`: every day). It stops starting days a minute before its timeout and answers
 * `resumeFrom`, the day to invoke again from. Config is read once per execution environment; the
 * EM client is made per run and logged off at the end.
 */
import type { Context } from 'aws-lambda'
import { ConfigError, loadConfig } from '../shared/config/env'
import { rollupRequest } from '../shared/jobs/rollup-event'
import { runRollup, type RollupRunSummary } from '../shared/jobs/rollup'
import { logger } from '../shared/observability/logger'
import { flushMetrics, recordColdStart, setMetricsEnabled } from '../shared/observability/metrics'
import { rollupStoreFrom } from '../shared/rollups/from-config'
import { createEmReader } from '../shared/services/em-reader'
import { credentialsFrom, emClientFrom } from '../shared/runtime'

const config = loadConfig()
setMetricsEnabled(config.metricsEnabled)

/** Time kept back from the Lambda timeout: no day is started later than this before it. */
const MARGIN_MS = 60_000

export const handler = async (event: unknown, context?: Context): Promise<RollupRunSummary> => {
  if (context !== undefined) {
    logger.addContext(context)
    recordColdStart(context.functionName)
  }
  const store = rollupStoreFrom(config.rollups)
  if (store === undefined) throw new ConfigError('ROLLUP_BUCKET (or REPORT_BUCKET) is not set')
  const request = rollupRequest(event, new Date(), config.rollups.lookbackDays)
  const em = emClientFrom(config, credentialsFrom(config))
  try {
    const summary = await runRollup({
      ...request,
      reader: createEmReader(em),
      store,
      settleHours: config.rollups.settleHours,
      concurrency: config.reportConcurrency,
      deadlineMs:
        context === undefined ? undefined : Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS,
    })
    const { days, ...totals } = summary
    const log = summary.complete ? logger.info : logger.warn
    log.call(logger, 'rollup done', {
      ...totals,
      settled: days.filter((d) => d.status === 'settled').map((d) => d.day),
      pending: days.filter((d) => d.status === 'pending').map((d) => d.day),
      failed: days.filter((d) => d.status === 'failed').map((d) => d.day),
    })
    return summary
  } catch (err) {
    if (err instanceof Error) logger.error('rollup failed', { error: err.name })
    else logger.error('rollup failed', { error: 'unknown' })
    throw err
  } finally {
    await em.close().catch(() => undefined)
    flushMetrics()
  }
}

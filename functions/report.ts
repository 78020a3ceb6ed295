/**
 * @module The scheduled report Lambda (EventBridge cron, daily, UTC): builds the job-summary and
 * vm-protection reports for the previous UTC day and writes five files to `REPORT_BUCKET` under
 * `reports/YYYY-MM-DD/`, then mails it through SES when `REPORT_EMAIL_TO`/`REPORT_EMAIL_FROM` are set
 * (a mail that SES refuses after a retry fails the invocation; the files stay). Config is read once per execution environment; the EM client is made per run
 * and logged off at the end. Invoke with `{ "day": "YYYY-MM-DD" }` to rerun or backfill a day.
 * A run that cannot read EM whole fails after writing beside the day (see `shared/reports/scheduled.ts`).
 */
import type { Context } from 'aws-lambda'
import { ConfigError, loadConfig } from '../shared/config/env'
import { logger } from '../shared/observability/logger'
import { flushMetrics, recordColdStart, configureMetrics } from '../shared/observability/metrics'
import type { EmailDelivery } from '../shared/reports/email/deliver'
import { baseUrlLink, presignedLink } from '../shared/reports/email/link'
import { ReportEmailError } from '../shared/reports/email/send'
import {
  IncompleteReportError,
  runScheduledReport,
  type ScheduledRunSummary,
} from '../shared/jobs/scheduled-report'
import { rollupStoreFrom } from '../shared/rollups/from-config'
import { createEmReader } from '../shared/services/em-reader'
import { credentialsFrom, emClientFrom } from '../shared/runtime'

const config = loadConfig()
configureMetrics(config.metricsEnabled)

/** The EventBridge scheduled event, reduced to what the job reads (`day` for manual invocations). */
export interface ReportEvent {
  readonly time?: string | undefined
  readonly day?: string | undefined
}

/** The mail settings of a run: the configured addresses, the link from REPORT_BASE_URL or presigned. */
const emailDelivery = (bucket: string): EmailDelivery | undefined => {
  const email = config.reportEmail
  if (email === undefined) return undefined
  const base = config.reportBaseUrl
  return {
    ...email,
    link: (day) =>
      Promise.resolve(base === undefined ? presignedLink(day, { bucket }) : baseUrlLink(base, day)),
  }
}

/** Runs one report; returns the keys written and whether each report is complete. */
export const handler = async (event: ReportEvent, context?: Context): Promise<ScheduledRunSummary> => {
  if (context !== undefined) {
    logger.addContext(context)
    recordColdStart(context.functionName)
  }
  const bucket = config.reportBucket
  if (bucket === undefined) throw new ConfigError('REPORT_BUCKET is not set')
  const eventTime = event.time === undefined ? new Date() : new Date(event.time)
  if (Number.isNaN(eventTime.getTime())) throw new RangeError('event.time is not a date')
  const em = emClientFrom(config, credentialsFrom(config))
  try {
    const summary = await runScheduledReport({
      reader: createEmReader(em),
      sink: { bucket },
      eventTime,
      day: event.day,
      concurrency: config.reportConcurrency,
      rollups: rollupStoreFrom(config.rollups),
      email: emailDelivery(bucket),
    })
    logger.info('report written', { ...summary })
    return summary
  } catch (err) {
    // Thrown on, so the invocation fails: Lambda retries it, then the failure destination and the alarm see it.
    if (err instanceof IncompleteReportError)
      logger.error('report incomplete: written beside the day, invocation failed', { ...err.summary })
    // The send's tries are logged already; no stack for a known failure.
    else if (err instanceof ReportEmailError) logger.error('report e-mail failed', { error: err.message })
    else if (err instanceof Error) logger.error('report failed', err)
    else logger.error('report failed', { error: String(err) })
    throw err
  } finally {
    await em.close().catch(() => undefined)
    flushMetrics()
  }
}

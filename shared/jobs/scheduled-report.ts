/**
 * @module The daily report run, independent of Lambda: pick the previous UTC day, build both reports
 * from one read of EM, write the five files to S3, then mail the report when e-mail is configured
 * (the files are written first and stay, whatever the mail does). `functions/report.ts` wires it to
 * config and the EventBridge event; tests call it with a simulator, s3rver and a local SES.
 *
 * It never loses a good report: a run that could not read EM whole writes its (marked, `complete:
 * false`) files beside the day's, under `reports/YYYY-MM-DD/incomplete/`, leaves any complete files of
 * that day untouched, mails nothing and fails (`IncompleteReportError`) so Lambda retries it and the
 * alarm sees it; a complete rerun overwrites the day's files and removes the incomplete ones.
 */
import { deliverReportEmail, type EmailDelivery, type EmailOutcome } from '../reports/email/deliver'
import { reportDay, reportFiles } from '../reports/files'
import {
  deleteReportsFromS3,
  INCOMPLETE_FOLDER,
  type S3SinkOptions,
  writeReportsToS3,
} from '../reports/s3-sink'
import type { EmReader } from '../services/em-reader'
import { buildReports, type ReportProgress } from '../services/reports'

const DAY_MS = 86_400_000

/** 00:00 to 24:00 UTC of the day before `eventTime`. */
export const previousUtcDay = (eventTime: Date): { from: Date; to: Date } => {
  const to = new Date(Math.floor(eventTime.getTime() / DAY_MS) * DAY_MS)
  return { from: new Date(to.getTime() - DAY_MS), to }
}

/** 00:00 to 24:00 UTC of a `YYYY-MM-DD` day (a manual rerun or backfill); throws on anything else. */
export const utcDay = (day: string): { from: Date; to: Date } => {
  const from = new Date(`${day}T00:00:00.000Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(from.getTime()) || reportDay(from) !== day) {
    throw new RangeError(`Not a YYYY-MM-DD day: ${day}`)
  }
  return { from, to: new Date(from.getTime() + DAY_MS) }
}

export interface ScheduledRunOptions {
  readonly reader: EmReader
  readonly sink: S3SinkOptions
  /** The event time; the report covers the UTC day before it. */
  readonly eventTime: Date
  /** Report this day instead (`YYYY-MM-DD`). */
  readonly day?: string | undefined
  readonly concurrency?: number | undefined
  /** Default 24. */
  readonly rpoHours?: number | undefined
  readonly onProgress?: ((p: ReportProgress) => void) | undefined
  /** generatedAt; default now. */
  readonly now?: Date | undefined
  /** Mail the report after writing it; undefined: no mail. */
  readonly email?: EmailDelivery | undefined
}

export interface ScheduledRunSummary {
  readonly day: string
  readonly window: { readonly from: string; readonly to: string }
  readonly bucket: string
  readonly keys: readonly string[]
  readonly complete: { readonly jobSummary: boolean; readonly vmProtection: boolean }
  readonly sessionsScanned: number
  readonly jobs: number
  readonly vms: number
  readonly email: EmailOutcome
}

/** EM could not be read whole: the run wrote its files beside the day's (`keys`) and must fail. */
export class IncompleteReportError extends Error {
  constructor(readonly summary: ScheduledRunSummary) {
    super(
      `The ${summary.day} report is incomplete (EM could not be read whole): written beside, under ` +
        `${INCOMPLETE_FOLDER}/; the day's complete files, if any, are untouched. A rerun completes it.`
    )
    this.name = 'IncompleteReportError'
  }
}

/**
 * Builds the previous day's reports and writes them; a complete rerun for the same day overwrites.
 * @throws IncompleteReportError after writing an incomplete run beside the day's files
 */
export const runScheduledReport = async (o: ScheduledRunOptions): Promise<ScheduledRunSummary> => {
  const window = o.day === undefined ? previousUtcDay(o.eventTime) : utcDay(o.day)
  const rpoHours = o.rpoHours ?? 24
  const bundle = await buildReports(o.reader, {
    ...window,
    rpoHours,
    concurrency: o.concurrency,
    onProgress: o.onProgress,
    now: o.now,
  })
  const day = reportDay(window.from)
  const files = reportFiles(bundle, rpoHours)
  const whole = bundle.jobSummary.complete && bundle.vmProtection.complete
  const keys = await writeReportsToS3(
    whole ? files : files.map((f) => ({ ...f, name: `${INCOMPLETE_FOLDER}/${f.name}` })),
    day,
    o.sink
  )
  if (whole) {
    await deleteReportsFromS3(
      files.map((f) => `${INCOMPLETE_FOLDER}/${f.name}`),
      day,
      o.sink
    )
  }
  // Mailed only when whole (an incomplete report is not sent); the files are written first and stay.
  const email: EmailOutcome = whole
    ? await deliverReportEmail({ bundle, files, day, rpoHours, date: new Date() }, o.email)
    : { sent: false, reason: 'incomplete' }
  const summary: ScheduledRunSummary = {
    day,
    window: bundle.jobSummary.window,
    bucket: o.sink.bucket,
    keys,
    complete: { jobSummary: bundle.jobSummary.complete, vmProtection: bundle.vmProtection.complete },
    sessionsScanned: bundle.jobSummary.sessionsScanned,
    jobs: bundle.jobSummary.rows.length,
    vms: bundle.vmProtection.rows.length,
    email,
  }
  if (!whole) throw new IncompleteReportError(summary)
  return summary
}

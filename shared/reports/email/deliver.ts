/**
 * @module The e-mail step of a report run, after its files are written: decide (off, or nothing to
 * report with `onlyOnIssues`), find the link, compose, send. A send that fails after its retry throws
 * (`ReportEmailError`): the files stay written, and the run fails so Lambda's retry and alarms see it.
 */
import type { ReportEmailConfig } from '../../config/env'
import { logger } from '../../observability/logger'
import type { ReportFile } from '../files'
import type { ReportBundle } from '../bundle'
import { composeReportEmail } from './compose'
import { reportFacts } from './facts'
import { sendRawEmail, type SesOptions } from './send'

export interface EmailDelivery extends ReportEmailConfig {
  readonly ses?: SesOptions | undefined
  /** The full report's URL for the day; undefined (or a failure) means no link in the mail. */
  readonly link?: ((day: string) => Promise<string | undefined>) | undefined
}

export type EmailOutcome =
  | { readonly sent: true; readonly messageId: string; readonly bytes: number; readonly subject: string }
  | { readonly sent: false; readonly reason: 'not-configured' | 'no-issues' | 'incomplete' }

export interface DeliverInput {
  readonly bundle: ReportBundle
  readonly files: readonly ReportFile[]
  readonly day: string
  readonly rpoHours: number
  readonly date: Date
}

const linkFor = async (d: EmailDelivery, day: string): Promise<string | undefined> => {
  if (d.link === undefined) return undefined
  try {
    return await d.link(day)
  } catch (err) {
    // A mail without the link beats no mail.
    logger.warn('report link not made', { error: err instanceof Error ? err.name : 'unknown' })
    return undefined
  }
}

export const deliverReportEmail = async (
  i: DeliverInput,
  d: EmailDelivery | undefined
): Promise<EmailOutcome> => {
  if (d === undefined) return { sent: false, reason: 'not-configured' }
  if (d.onlyOnIssues && !reportFacts(i.bundle, i.day, i.rpoHours).hasIssues) {
    logger.info('report e-mail not sent: no failed job and no VM at risk (REPORT_EMAIL_ONLY_ON_ISSUES)')
    return { sent: false, reason: 'no-issues' }
  }
  const mail = composeReportEmail({ ...i, link: await linkFor(d, i.day), from: d.from, to: d.to })
  const sent = await sendRawEmail({ from: d.from, to: d.to, raw: mail.raw }, d.ses)
  return { sent: true, messageId: sent.messageId, bytes: sent.bytes, subject: mail.subject }
}

/**
 * @module Puts the report e-mail together (pure): facts → subject, HTML, text, and the raw MIME
 * message with both CSV files attached exactly as they were written to S3.
 */
import type { ReportFile } from '../files'
import type { ReportBundle } from '../bundle'
import { reportFacts, type ReportFacts } from './facts'
import { renderMailHtml } from './html'
import { buildMimeMessage, type MimeAttachment } from './mime'
import { reportEmailSubject } from './subject'
import { renderMailText } from './text'

export interface ComposeInput {
  readonly bundle: ReportBundle
  readonly day: string
  readonly rpoHours: number
  /** The run's files; the CSVs among them are attached. */
  readonly files: readonly ReportFile[]
  readonly link: string | undefined
  readonly from: string
  readonly to: readonly string[]
  readonly date: Date
  readonly boundaryToken?: string | undefined
}

export interface ReportEmail {
  readonly facts: ReportFacts
  readonly subject: string
  readonly html: string
  readonly text: string
  /** The whole message, CRLF line breaks, ASCII only. */
  readonly raw: string
}

/** `job-summary.csv` of day 2024-03-01 is attached as `job-summary-2024-03-01.csv`. */
export const attachmentName = (file: string, day: string): string => file.replace(/(\.[^.]+)$/, `-${day}$1`)

export const composeReportEmail = (i: ComposeInput): ReportEmail => {
  const facts = reportFacts(i.bundle, i.day, i.rpoHours)
  const attachments: MimeAttachment[] = i.files
    .filter((f) => f.name.endsWith('.csv'))
    .map((f) => ({ filename: attachmentName(f.name, i.day), contentType: f.contentType, body: f.body }))
  const names = attachments.map((a) => a.filename)
  const subject = reportEmailSubject(facts)
  const html = renderMailHtml({ facts, link: i.link, attachmentNames: names })
  const text = renderMailText({ facts, link: i.link, attachmentNames: names })
  const raw = buildMimeMessage({
    from: i.from,
    to: i.to,
    subject,
    date: i.date,
    text,
    html,
    attachments,
    boundaryToken: i.boundaryToken,
  })
  return { facts, subject, html, text, raw }
}

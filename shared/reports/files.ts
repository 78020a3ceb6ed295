/**
 * @module The five report files of a run (two JSON, two CSV, one HTML page) with their names and
 * content types: what the S3 sink uploads and what the local command writes to a directory.
 */
import { jobSummaryCsv, vmProtectionCsv } from './csv'
import { renderHtmlReport } from './html'
import type { ReportBundle } from './bundle'

export interface ReportFile {
  /** File name within the run's folder, e.g. `job-summary.csv`. */
  readonly name: string
  readonly contentType: string
  readonly body: string
}

export const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const

/** The UTC day (`YYYY-MM-DD`) a report window starts on: the folder its files go to. */
export const reportDay = (from: Date): string => from.toISOString().slice(0, 10)

/** Renders both reports as JSON and CSV, plus the HTML page (named `index.html`). */
export const reportFiles = (bundle: ReportBundle, rpoHours: number): ReportFile[] => [
  {
    name: 'job-summary.json',
    contentType: CONTENT_TYPES.json,
    body: `${JSON.stringify(bundle.jobSummary, null, 2)}\n`,
  },
  { name: 'job-summary.csv', contentType: CONTENT_TYPES.csv, body: jobSummaryCsv(bundle.jobSummary) },
  {
    name: 'vm-protection.json',
    contentType: CONTENT_TYPES.json,
    body: `${JSON.stringify(bundle.vmProtection, null, 2)}\n`,
  },
  { name: 'vm-protection.csv', contentType: CONTENT_TYPES.csv, body: vmProtectionCsv(bundle.vmProtection) },
  { name: 'index.html', contentType: CONTENT_TYPES.html, body: renderHtmlReport({ ...bundle, rpoHours }) },
]

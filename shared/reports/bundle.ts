/**
 * @module What one report run produces: both reports plus the results-over-time series the HTML
 * page charts. Built by `services/reports.ts`, rendered by `files.ts`.
 */
import type { JobSummaryReport, VmProtectionReport } from '../model/report'
import type { TimelineBucket } from './timeline'

export interface ReportBundle {
  readonly jobSummary: JobSummaryReport
  readonly vmProtection: VmProtectionReport
  readonly timeline: { unit: 'hour' | 'day'; buckets: TimelineBucket[] }
}

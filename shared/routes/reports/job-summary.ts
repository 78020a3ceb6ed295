/**
 * @module `GET /v1/reports/job-summary` (and `.csv`): one row per job (or CDP policy) over a window.
 */
import { JobSummaryReportSchema } from '../../model/report'
import { JOB_SUMMARY_COLUMNS, jobSummaryCsv } from '../../reports/csv'
import { buildJobSummary } from '../../services/reports'
import { JobSummaryQuerySchema, MAX_WINDOW_DAYS } from './query'
import type { ReportDescriptor } from './report-route'

export const JOB_SUMMARY: ReportDescriptor<
  typeof JobSummaryQuerySchema,
  typeof JobSummaryReportSchema._zod.output
> = {
  name: 'job-summary',
  pascal: 'JobSummaryReport',
  summary: 'Job summary report',
  description:
    'One row per job (or CDP policy) with a session created in the window: counts by result, success rate over finished sessions, ' +
    'last result, last run, last success, average and maximum duration, and the bytes of its task sessions. ' +
    `Sessions belong to the window by creation time; retries count as sessions of their own. The window is at most ${MAX_WINDOW_DAYS} days; whole UTC days are served from settled daily rollups when present (\`basis\`), with the same rows as a full EM walk. ` +
    '`complete` is false when some EM pages could not be read.',
  query: JobSummaryQuerySchema,
  schema: JobSummaryReportSchema,
  columns: JOB_SUMMARY_COLUMNS,
  build: (deps, _q, window, now, signal) =>
    buildJobSummary(deps.reader, {
      ...window,
      now,
      concurrency: deps.concurrency,
      rollups: deps.rollups,
      signal,
    }),
  csv: jobSummaryCsv,
}

/**
 * @module `GET /v1/reports/job-summary`: one row per job (or CDP policy) over a window.
 */
import { createRoute } from '@hono/zod-openapi'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { JobSummaryReportSchema } from '../../model/report'
import { JOB_SUMMARY_COLUMNS, jobSummaryCsv } from '../../reports/csv'
import { buildJobSummary } from '../../services/reports'
import { bearerSecurity, reportResponses } from '../responses'
import { JobSummaryQuerySchema, MAX_WINDOW_DAYS, resolveWindow, wantsCsv } from './query'
import { csvResponse, reportOk, withTimeBudget, type ReportRouteDeps } from './respond'

export const jobSummaryRoute = createRoute({
  method: 'get',
  path: '/v1/reports/job-summary',
  operationId: 'getJobSummaryReport',
  tags: ['reports'],
  summary: 'Job summary report',
  description:
    'One row per job (or CDP policy) with a session created in the window: counts by result, success rate over finished sessions, ' +
    'last result, last run, last success, average and maximum duration, and the bytes of its task sessions. ' +
    `Sessions belong to the window by creation time; retries count as sessions of their own. The window is at most ${MAX_WINDOW_DAYS} days. ` +
    '`complete` is false when some EM pages could not be read after retries. JSON by default; CSV for `Accept: text/csv`.',
  security: bearerSecurity,
  request: { query: JobSummaryQuerySchema },
  responses: {
    200: reportOk('The report (JSON), or its rows (CSV)', JobSummaryReportSchema, JOB_SUMMARY_COLUMNS),
    ...reportResponses,
  },
})

export const registerJobSummaryRoute = (app: OpenAPIHono, deps: ReportRouteDeps): void => {
  app.openapi(jobSummaryRoute, async (c) => {
    const now = deps.now?.() ?? new Date()
    const window = resolveWindow(c.req.valid('query'), now)
    const report = await withTimeBudget(c, deps, (signal) =>
      buildJobSummary(deps.reader, {
        ...window,
        now,
        concurrency: deps.concurrency,
        signal,
      })
    )
    if (wantsCsv(c.req.header('accept')))
      return csvResponse(c, 'job-summary', report.window, jobSummaryCsv(report))
    return c.json(report, 200)
  })
}

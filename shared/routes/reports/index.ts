/**
 * @module The report routes (`/v1/reports/job-summary`, `/v1/reports/vm-protection`), registered on
 * the app like the session routes: behind the `/v1` bearer auth, errors rendered by `onError`.
 * @example registerReportRoutes(app, { reader, concurrency: deps.reportConcurrency, now: deps.now })
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { JOB_SUMMARY } from './job-summary'
import { registerReport } from './report-route'
import type { ReportRouteDeps } from './respond'
import { VM_PROTECTION } from './vm-protection'

export type { ReportRouteDeps } from './respond'

/** Registers both reports' routes on `app` (each: JSON/CSV by `Accept`, and a `.csv` path). */
export const registerReportRoutes = (app: OpenAPIHono, deps: ReportRouteDeps): void => {
  registerReport(app, deps, JOB_SUMMARY)
  registerReport(app, deps, VM_PROTECTION)
}

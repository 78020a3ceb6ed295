/**
 * @module The report routes (`/v1/reports/job-summary`, `/v1/reports/vm-protection`), registered on
 * the app like the session routes: behind the `/v1` bearer auth, errors rendered by `onError`.
 * @example registerReportRoutes(app, { reader, concurrency: deps.reportConcurrency, now: deps.now })
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { registerJobSummaryRoute } from './job-summary'
import type { ReportRouteDeps } from './respond'
import { registerVmProtectionRoute } from './vm-protection'

export type { ReportRouteDeps } from './respond'

/** Registers both report routes on `app`. */
export const registerReportRoutes = (app: OpenAPIHono, deps: ReportRouteDeps): void => {
  registerJobSummaryRoute(app, deps)
  registerVmProtectionRoute(app, deps)
}

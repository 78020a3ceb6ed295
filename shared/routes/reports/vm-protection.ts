/**
 * @module `GET /v1/reports/vm-protection`: one row per VM over a window, with its status against an RPO.
 */
import { createRoute } from '@hono/zod-openapi'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { VmProtectionReportSchema } from '../../model/report'
import { VM_PROTECTION_COLUMNS, vmProtectionCsv } from '../../reports/csv'
import { buildVmProtection } from '../../services/reports'
import { bearerSecurity, reportResponses } from '../responses'
import { MAX_WINDOW_DAYS, resolveWindow, VmProtectionQuerySchema, wantsCsv } from './query'
import { csvResponse, reportOk, withTimeBudget, type ReportRouteDeps } from './respond'

export const vmProtectionRoute = createRoute({
  method: 'get',
  path: '/v1/reports/vm-protection',
  operationId: 'getVmProtectionReport',
  tags: ['reports'],
  summary: 'VM protection report',
  description:
    'One row per VM (name and backup server) with a task session created in the window: last task, last result, last success, ' +
    'hours since it (measured at `to`), failed tasks and the three newest distinct failure reasons. Status: `protected` when the last ' +
    'successful task (Success or Warning) ended at most `rpoHours` before `to` and no task that ended later failed; `at-risk` when a ' +
    'success exists but is older, or a later task failed; `unprotected` when the window has no success. A CDP task still running with ' +
    `Success counts as protecting at \`to\`. The window is at most ${MAX_WINDOW_DAYS} days. JSON by default; CSV for \`Accept: text/csv\`.`,
  security: bearerSecurity,
  request: { query: VmProtectionQuerySchema },
  responses: {
    200: reportOk('The report (JSON), or its rows (CSV)', VmProtectionReportSchema, VM_PROTECTION_COLUMNS),
    ...reportResponses,
  },
})

export const registerVmProtectionRoute = (app: OpenAPIHono, deps: ReportRouteDeps): void => {
  app.openapi(vmProtectionRoute, async (c) => {
    const now = deps.now?.() ?? new Date()
    const query = c.req.valid('query')
    const window = resolveWindow(query, now)
    const report = await withTimeBudget(c, deps, (signal) =>
      buildVmProtection(deps.reader, {
        ...window,
        rpoHours: query.rpoHours,
        now,
        concurrency: deps.concurrency,
        signal,
      })
    )
    if (wantsCsv(c.req.header('accept'))) {
      return csvResponse(c, 'vm-protection', report.window, vmProtectionCsv(report))
    }
    return c.json(report, 200)
  })
}

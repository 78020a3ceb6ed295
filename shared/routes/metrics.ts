/**
 * @module `GET /v1/metrics`: the Prometheus scrape target. Text format 0.0.4 by default, OpenMetrics
 * 1.0 when the scrape accepts `application/openmetrics-text` at least as much as `text/plain`
 * (Prometheus asks for OpenMetrics first). The numbers come from the per-process metrics source
 * (`services/metrics.ts`); an EM failure is `em_up 0` in a 200 answer, as exporters do, so that
 * Prometheus keeps the scrape and alerts on it.
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { EXPOSITION_CONTENT_TYPES, type ExpositionFormat } from '../metrics/exposition'
import type { MetricsSource } from '../services/metrics'
import { quality } from './reports/query'
import { bearerSecurity, okResponse, v1Responses } from './responses'

const OPENMETRICS = 'application/openmetrics-text'

/** OpenMetrics when `Accept` ranks it at least as high as `text/plain` (and above 0). */
export const negotiateFormat = (accept: string | undefined): ExpositionFormat => {
  if (accept === undefined || !accept.toLowerCase().includes(OPENMETRICS)) return 'text'
  const om = quality(accept, OPENMETRICS)
  return om > 0 && om >= quality(accept, 'text/plain') ? 'openmetrics' : 'text'
}

const EXAMPLE_LINES = [
  '# HELP em_up 1 when the last refresh read Enterprise Manager whole, else 0.',
  '# TYPE em_up gauge',
  'em_up 1',
  '# HELP em_job_last_result Result of the job session that ended last in the window: 0 Success, 1 Warning, 2 Failed.',
  '# TYPE em_job_last_result gauge',
  'em_job_last_result{kind="backup",job_id="70073b98-098b-4046-a097-43cbda67d58a",job_name="Archive \\"Cold\\" VMs",backup_server="vbr01.corp.example.com"} 0',
]

export const metricsRoute = createRoute({
  method: 'get',
  path: '/v1/metrics',
  operationId: 'getMetrics',
  tags: ['metrics'],
  summary: 'Prometheus scrape target',
  description:
    'Job and VM numbers over the last `METRICS_WINDOW_HOURS` (default 24), VMs judged against `METRICS_RPO_HOURS` (default 24): ' +
    'em_up, em_metrics_refresh_timestamp_seconds, em_metrics_refresh_duration_seconds, em_job_last_result, ' +
    'em_job_last_success_timestamp_seconds, em_job_last_duration_seconds, em_job_running, em_job_sessions, ' +
    'em_vm_protection_status, em_vm_last_success_timestamp_seconds. Read from Enterprise Manager at most once per ' +
    '`METRICS_CACHE_SECONDS` (default 60) per process, concurrent scrapes sharing one refresh. When a refresh cannot read EM ' +
    'whole, the answer is still a 200 with `em_up 0` and the series of the last whole refresh, whose time ' +
    '`em_metrics_refresh_timestamp_seconds` keeps. Text format 0.0.4 by default; OpenMetrics 1.0 for `Accept: application/openmetrics-text`.',
  security: bearerSecurity,
  request: { query: z.strictObject({}) },
  responses: {
    200: okResponse('The metrics', {
      'text/plain': {
        schema: z.string().openapi({
          description:
            'Prometheus text exposition format 0.0.4 (`text/plain; version=0.0.4; charset=utf-8`).',
          example: `${EXAMPLE_LINES.join('\n')}\n`,
        }),
      },
      [OPENMETRICS]: {
        schema: z.string().openapi({
          description:
            'OpenMetrics 1.0 (`application/openmetrics-text; version=1.0.0; charset=utf-8`), ending with `# EOF`.',
          example: `${EXAMPLE_LINES.join('\n')}\n# EOF\n`,
        }),
      },
    }),
    ...v1Responses,
  },
})

export const registerMetricsRoute = (app: OpenAPIHono, deps: { readonly source: MetricsSource }): void => {
  app.openapi(metricsRoute, async (c) => {
    const format = negotiateFormat(c.req.header('accept'))
    const body = await deps.source.scrape(format)
    return c.body(body, 200, {
      'Content-Type': EXPOSITION_CONTENT_TYPES[format],
      'Cache-Control': 'no-store',
      Vary: 'Accept',
    })
  })
}

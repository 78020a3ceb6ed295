/** @module The metrics group: the Prometheus scrape, from a per-app cached refresh. */
import { DEFAULT_REPORT_CONCURRENCY } from '../../config/env'
import { EmError } from '../../em/errors'
import { createMetricsSource } from '../../services/metrics'
import { registerMetricsRoute } from '../metrics'
import type { RegisterRoutes } from './index'

export const registerMetrics: RegisterRoutes = (app, { reader, deps }) =>
  registerMetricsRoute(app, {
    source: createMetricsSource({
      reader,
      settings: deps.scrape ?? { windowHours: 24, rpoHours: 24, cacheSeconds: 60 },
      concurrency: deps.reportConcurrency ?? DEFAULT_REPORT_CONCURRENCY,
      timeBudgetMs: deps.reportTimeBudgetMs,
      now: deps.now,
      onRefreshFailed: (reason) =>
        deps.logger?.warn('metrics refresh did not read EM whole: em_up 0', {
          reason:
            reason instanceof EmError ? reason.kind : reason instanceof Error ? reason.name : String(reason),
        }),
    }),
  })

/** @module The reports group: job summary and VM protection, JSON and CSV. */
import { DEFAULT_REPORT_CONCURRENCY } from '../../config/env'
import { registerReportRoutes } from '../reports/index'
import type { RegisterRoutes } from './index'

export const registerReports: RegisterRoutes = (app, { reader, deps }) =>
  registerReportRoutes(app, {
    reader,
    concurrency: deps.reportConcurrency ?? DEFAULT_REPORT_CONCURRENCY,
    timeBudgetMs: deps.reportTimeBudgetMs,
    rollups: deps.rollups,
    ...(deps.now ? { now: deps.now } : {}),
  })

/**
 * @module One report, declared once: its query, its JSON schema, its CSV columns and how it is built.
 * From a descriptor come two operations: `GET /v1/reports/<name>` (JSON, or CSV for `Accept: text/csv`)
 * and `GET /v1/reports/<name>.csv` (CSV only, for clients generated from the document, which type a
 * body by its path). Both are declared in the document from the same zod schemas and served by plain
 * handlers that validate with them (the same 400 as every route).
 */
import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { parameterErrors } from '../../http/validation'
import { InvalidParametersError } from '../../model/errors'
import { bearerSecurity, csvBody, okResponse, reportResponses } from '../responses'
import { resolveWindow, wantsCsv, type ReportWindow } from './query'
import { csvResponse, withTimeBudget, type ReportRouteDeps } from './respond'

type ReportQuery = Parameters<typeof resolveWindow>[0]
type Report = { readonly window: { from: string; to: string } }
/** A strict query object whose output carries the window parameters. */
type QuerySchema = z.ZodObject & z.ZodType<ReportQuery>

export interface ReportDescriptor<S extends QuerySchema, R extends Report> {
  /** Path segment and download name: `job-summary`. */
  readonly name: string
  /** `JobSummaryReport`: operation ids are `get<Pascal>` and `get<Pascal>Csv`. */
  readonly pascal: string
  readonly summary: string
  readonly description: string
  readonly query: S
  readonly schema: z.ZodType<R>
  readonly columns: readonly string[]
  readonly build: (
    deps: ReportRouteDeps,
    q: z.output<S>,
    w: ReportWindow,
    now: Date,
    signal: AbortSignal
  ) => Promise<R>
  readonly csv: (report: R) => string
}

/** The query as Hono's validator hands it to zod: a repeated parameter as an array, others as a string. */
const queryOf = (c: Context): Record<string, string | string[]> =>
  Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? (v[0] ?? '') : v]))

const disposition = (name: string) => ({
  'Content-Disposition': {
    description: `CSV only: \`attachment; filename="${name}-<from>-<to>.csv"\` (dates as YYYYMMDD).`,
    schema: { type: 'string' as const },
  },
})

/** Registers the JSON/CSV operation and the CSV-only operation of one report. */
export const registerReport = <S extends QuerySchema, R extends Report>(
  app: OpenAPIHono,
  deps: ReportRouteDeps,
  d: ReportDescriptor<S, R>
): void => {
  const run = async (c: Context): Promise<R> => {
    const parsed = d.query.safeParse(queryOf(c))
    const errors = parameterErrors(c, parsed.success ? [] : parsed.error.issues)
    if (errors.length > 0 || !parsed.success) throw new InvalidParametersError(errors)
    const q = parsed.data
    const now = deps.now?.() ?? new Date()
    const window = resolveWindow(q, now)
    return withTimeBudget(c, deps, (signal) => d.build(deps, q, window, now, signal))
  }
  const main = createRoute({
    method: 'get',
    path: `/v1/reports/${d.name}`,
    operationId: `get${d.pascal}`,
    tags: ['reports'],
    summary: d.summary,
    description: `${d.description} JSON by default; CSV for \`Accept: text/csv\` (or use \`/v1/reports/${d.name}.csv\`).`,
    security: bearerSecurity,
    request: { query: d.query },
    responses: {
      200: okResponse(
        'The report (JSON), or its rows (CSV)',
        { 'application/json': { schema: d.schema }, 'text/csv': { schema: csvBody(d.columns) } },
        disposition(d.name)
      ),
      ...reportResponses,
    },
  })
  app.openAPIRegistry.registerPath(main)
  app.get(main.path, async (c) => {
    const report = await run(c)
    if (wantsCsv(c.req.header('accept'))) return csvResponse(c, d.name, report.window, d.csv(report))
    return c.json(report, 200)
  })
  const csv = createRoute({
    method: 'get',
    path: `/v1/reports/${d.name}.csv`,
    operationId: `get${d.pascal}Csv`,
    tags: ['reports'],
    summary: `${d.summary} (CSV)`,
    description: `The rows of \`/v1/reports/${d.name}\` as RFC 4180 CSV, whatever \`Accept\` says; the same parameters.`,
    security: bearerSecurity,
    request: { query: d.query },
    responses: {
      200: okResponse(
        'The report rows as CSV',
        { 'text/csv': { schema: csvBody(d.columns) } },
        disposition(d.name)
      ),
      ...reportResponses,
    },
  })
  app.openAPIRegistry.registerPath(csv)
  app.get(csv.path, async (c) => {
    const report = await run(c)
    return csvResponse(c, d.name, report.window, d.csv(report))
  })
}

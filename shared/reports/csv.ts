/**
 * @module CSV rendering of report rows (RFC 4180): a header row of the JSON row's scalar keys, nested
 * objects flattened with dots (`sessions.success`, `backupServer.name`), arrays joined with `;`, null as
 * an empty field. Columns come from the row schema, not the data, so a null `backupServer` in the first
 * row does not drop its columns.
 * @see https://www.rfc-editor.org/rfc/rfc4180
 */
import { z } from '@hono/zod-openapi'
import { JobSummaryRowSchema, VmProtectionRowSchema } from '../model/report'
import type { JobSummaryReport, VmProtectionReport } from '../model/report'

type Shape = Readonly<Record<string, unknown>>

/** `X.nullable()` and `z.union([X, z.null()])` both stand for X (null is an empty field). */
const unwrap = (schema: unknown): unknown => {
  if (schema instanceof z.ZodNullable) return unwrap(schema.unwrap())
  if (schema instanceof z.ZodUnion) {
    const options = (schema.options as readonly unknown[]).filter((o) => !(o instanceof z.ZodNull))
    if (options.length === 1) return unwrap(options[0])
  }
  return schema
}

/** Dotted column paths of an object schema, in key order (nested objects expand, arrays stay one column). */
export const columnsOf = (shape: Shape, prefix = ''): string[] =>
  Object.entries(shape).flatMap(([key, schema]) => {
    const inner = unwrap(schema)
    return inner instanceof z.ZodObject ? columnsOf(inner.shape, `${prefix}${key}.`) : [`${prefix}${key}`]
  })

export const JOB_SUMMARY_COLUMNS: readonly string[] = columnsOf(JobSummaryRowSchema.shape)
export const VM_PROTECTION_COLUMNS: readonly string[] = columnsOf(VmProtectionRowSchema.shape)

const valueAt = (row: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : null),
      row
    )

/**
 * A text cell a spreadsheet would run as a formula is prefixed with `'` (OWASP "CSV injection"): one
 * that starts with `=`, `+`, `-`, `@`, a tab, CR or LF, or with any whitespace before `=`, `+`, `-`,
 * `@` (spreadsheets trim it and run the rest). A VM or job name from EM must not become a formula.
 * Numbers are written as they are.
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@])/

const text = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(text).join(';')
  if (typeof value === 'string') return FORMULA_START.test(value) ? `'${value}` : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** Quotes a field when it holds `"`, `,`, CR or LF; inner quotes are doubled. */
export const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value

/** Header plus one CRLF-terminated line per row. */
export const toCsv = (columns: readonly string[], rows: readonly unknown[]): string =>
  [
    columns.map(csvField).join(','),
    ...rows.map((row) => columns.map((c) => csvField(text(valueAt(row, c)))).join(',')),
  ]
    .map((line) => `${line}\r\n`)
    .join('')

export const jobSummaryCsv = (report: JobSummaryReport): string => toCsv(JOB_SUMMARY_COLUMNS, report.rows)
export const vmProtectionCsv = (report: VmProtectionReport): string =>
  toCsv(VM_PROTECTION_COLUMNS, report.rows)

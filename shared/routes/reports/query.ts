/**
 * @module Query parameters of the report routes (validation and OpenAPI from one zod schema) and the
 * checks that span parameters: the window defaults to the last 24 hours, `to` must follow `from`, and
 * a window is at most 366 days. Also the `Accept` negotiation between JSON and CSV.
 */
import { z } from '@hono/zod-openapi'
import { InvalidParametersError } from '../../model/errors'
import { listOf } from '../../families/filters'
import { ReportKindSchema, type ReportKind } from '../../model/report'

export const MAX_WINDOW_DAYS = 366
const DAY_MS = 86_400_000

/** Repeated (`?kind=a&kind=b`) or comma-separated (`?kind=a,b`) kinds. */
const kindSchema = listOf(ReportKindSchema).openapi({
  param: {
    name: 'kind',
    in: 'query',
    style: 'form',
    explode: true,
    description:
      'Kinds to include: backup, replica, cdp; repeat the parameter or separate with commas. Default: all.',
  },
  example: ['backup', 'replica'],
})

const time = (name: 'from' | 'to', description: string, example?: string) =>
  z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ param: { name, in: 'query', description }, ...(example === undefined ? {} : { example }) })

const windowShape = {
  // No example: any fixed instant falls out of the longest window from "now" as time passes.
  from: time('from', 'Window start, inclusive (RFC 3339 with an offset). Default: 24 hours before `to`.'),
  to: time('to', 'Window end, exclusive (RFC 3339 with an offset). Default: now.', '2026-11-01T00:00:00Z'),
  kind: kindSchema,
}

export const JobSummaryQuerySchema = z.strictObject(windowShape)

export const VmProtectionQuerySchema = z.strictObject({
  ...windowShape,
  rpoHours: z.coerce
    .number()
    .positive()
    .max(24 * 366)
    .default(24)
    .openapi({
      param: {
        name: 'rpoHours',
        in: 'query',
        description:
          'Recovery point objective in hours (positive). A VM is protected when its last successful task ended at most this long before `to`. Default 24.',
      },
      example: 24,
    }),
})

export interface ReportWindow {
  readonly from: Date
  readonly to: Date
  readonly kinds: readonly ReportKind[] | undefined
}

/** Applies the defaults and the cross-parameter rules; each broken rule names its parameter. */
export const resolveWindow = (
  q: { from?: string | undefined; to?: string | undefined; kind?: ReportKind[] | undefined },
  now: Date
): ReportWindow => {
  const to = q.to === undefined ? now : new Date(q.to)
  const from = q.from === undefined ? new Date(to.getTime() - DAY_MS) : new Date(q.from)
  if (to.getTime() <= from.getTime()) {
    throw new InvalidParametersError([{ parameter: 'to', message: 'must be after from' }])
  }
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new InvalidParametersError([
      {
        parameter: q.from === undefined ? 'to' : 'from',
        message: `the window is at most ${MAX_WINDOW_DAYS} days`,
      },
    ])
  }
  return { from, to, kinds: q.kind }
}

/** The quality a media range in `Accept` gives to a media type (0 when none matches). */
export const quality = (accept: string, type: string): number => {
  let best = 0
  let bestSpecificity = -1
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';')
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2) ?? '1'
    )
    const [main, sub] = range.trim().split('/')
    const [tMain, tSub] = type.split('/')
    const specificity =
      main === tMain && sub === tSub ? 2 : main === tMain && sub === '*' ? 1 : range === '*/*' ? 0 : -1
    if (specificity > bestSpecificity) {
      bestSpecificity = specificity
      best = Number.isFinite(q) ? q : 0
    }
  }
  return best
}

/** CSV when the client asks for `text/csv` at least as strongly as for JSON; JSON otherwise. */
export const wantsCsv = (accept: string | undefined): boolean => {
  if (accept === undefined || !accept.toLowerCase().includes('text/csv')) return false
  const csv = quality(accept, 'text/csv')
  return csv > 0 && csv >= quality(accept, 'application/json')
}

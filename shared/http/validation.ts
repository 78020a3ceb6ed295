/**
 * @module zod-openapi's validation hook: every failed parameter becomes one `{ parameter, message }`
 * entry of a 400 problem (unknown parameters named too), rendered by `onError`.
 */
import type { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { InvalidParametersError, type ParameterError } from '../model/errors'
import { takeQueryNameErrors } from './protocol'

const friendly = (issue: z.core.$ZodIssue): string => {
  if (issue.code === 'invalid_format' && issue.format === 'datetime') {
    return 'must be an RFC 3339 date-time with an offset (Z or ±hh:mm), e.g. 2026-11-01T00:00:00Z'
  }
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'must be an integer'
  return issue.message
}

export const toParameterErrors = (issues: readonly z.core.$ZodIssue[]): ParameterError[] => {
  const out: ParameterError[] = []
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ parameter: key, message: 'is not a known parameter' })
    } else {
      out.push({ parameter: String(issue.path[0] ?? 'request'), message: friendly(issue) })
    }
  }
  // One entry per parameter (zod can report several issues for one value).
  const merged = new Map<string, string>()
  for (const e of out)
    merged.set(e.parameter, merged.has(e.parameter) ? `${merged.get(e.parameter)}; ${e.message}` : e.message)
  return [...merged].map(([parameter, message]) => ({ parameter, message }))
}

/** Every bad parameter of a request: the schema's, and empty or repeated names (`protocol.ts`). */
export const parameterErrors = (c: Context, issues: readonly z.core.$ZodIssue[]): ParameterError[] => {
  const names = takeQueryNameErrors(c)
  const schema = toParameterErrors(issues)
  return [...names, ...schema.filter((e) => !names.some((n) => n.parameter === e.parameter))]
}

/** `defaultHook` for OpenAPIHono: throw, so that `onError` renders the problem in one place. */
export const validationHook = (result: { success: boolean; error?: z.ZodError }, c: Context): void => {
  const errors = parameterErrors(c, result.success || !result.error ? [] : result.error.issues)
  if (errors.length > 0) throw new InvalidParametersError(errors)
}

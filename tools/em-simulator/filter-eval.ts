/**
 * @module Turns a parsed filter into a predicate over sessions, and a sort field into a
 * comparator, with EM's comparison rules (see `fields.ts`). Unknown fields and values that do
 * not fit the field's kind raise `QueryError` (→ HTTP 400, as EM answers).
 */
import type { SimQueryType } from './em-api'
import type { SimSession } from './dataset-types'
import { fieldOf } from './fields'
import type { FieldDef } from './fields'
import type { FilterAst, FilterOp } from './filter-parser'

/** A query EM would reject with 400. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'QueryError'
  }
}

export type Predicate = (s: SimSession) => boolean

/** `2025-08-15`, `2025-08-15T06:00:00`, `…Z`, fractions: all UTC. */
const DATE_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(Z|[+-]\d{2}:\d{2})?)?$/

/** Parses a filter time value as an instant (UTC unless an offset is given). */
export const parseFilterTime = (value: string): number | undefined => {
  const m = DATE_RE.exec(value.trim())
  if (m === null) return undefined
  const [, date, time, zone] = m
  const fraction = time?.split('.')[1]
  const base = `${date ?? ''}T${(time ?? '00:00:00').split('.')[0] ?? ''}${time?.length === 5 ? ':00' : ''}`
  const ms = Date.parse(`${base}${zone === undefined || zone === 'Z' ? 'Z' : zone}`)
  if (Number.isNaN(ms)) return undefined
  return ms + (fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000)
}

const guidOf = (value: string): string => (value.split(':').pop() ?? '').trim().toLowerCase()

const test = (op: FilterOp, c: number): boolean =>
  op === '=='
    ? c === 0
    : op === '!='
      ? c !== 0
      : op === '<'
        ? c < 0
        : op === '<='
          ? c <= 0
          : op === '>'
            ? c > 0
            : c >= 0

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Builds `(fieldValue) => number` (comparison of the session's value against the filter value). */
const comparer = (def: FieldDef, op: FilterOp, raw: string): ((v: unknown) => number) => {
  switch (def.kind) {
    case 'string': {
      const want = raw.toLowerCase()
      return (v) => cmpStr(String(v).toLowerCase(), want)
    }
    case 'uid': {
      if (op !== '==' && op !== '!=') throw new QueryError(`Operator ${op} is not supported for ${def.name}`)
      const want = guidOf(raw)
      return (v) => (String(v).toLowerCase() === want ? 0 : 1)
    }
    case 'time': {
      const want = parseFilterTime(raw)
      if (want === undefined) throw new QueryError(`String '${raw}' was not recognized as a valid DateTime.`)
      return (v) => (v as Date).getTime() - want
    }
    case 'number': {
      const want = Number(raw)
      if (raw.trim() === '' || !Number.isFinite(want))
        throw new QueryError(`Invalid number '${raw}' for ${def.name}`)
      return (v) => (v as number) - want
    }
    case 'bool': {
      const lower = raw.toLowerCase()
      if (lower !== 'true' && lower !== 'false')
        throw new QueryError(`Invalid boolean '${raw}' for ${def.name}`)
      const want = lower === 'true'
      return (v) => (v === want ? 0 : v ? 1 : -1)
    }
    case 'enum': {
      const values = (def.values ?? []).map((x) => x.toLowerCase())
      const want = values.indexOf(raw.toLowerCase())
      if (want < 0) throw new QueryError(`Requested value '${raw}' was not found for ${def.name}`)
      return (v) => {
        const i = values.indexOf(String(v).toLowerCase())
        return (i < 0 ? values.length : i) - want
      }
    }
  }
}

const fieldFor = (type: SimQueryType, field: string): FieldDef => {
  const def = fieldOf(type, field)
  if (def === undefined) throw new QueryError(`Field '${field}' is not supported by query type ${type}`)
  return def
}

/** Compiles a filter AST for `type` into a predicate. */
export const compileFilter = (type: SimQueryType, ast: FilterAst): Predicate => {
  if (ast.kind === 'and') {
    const items = ast.items.map((i) => compileFilter(type, i))
    return (s) => items.every((p) => p(s))
  }
  if (ast.kind === 'or') {
    const items = ast.items.map((i) => compileFilter(type, i))
    return (s) => items.some((p) => p(s))
  }
  const def = fieldFor(type, ast.field)
  const compare = comparer(def, ast.op, ast.value)
  const { op } = ast
  return (s) => {
    const v = def.get(s)
    // A missing value (e.g. EndTime of a running session) matches only `!=`.
    if (v === null) return op === '!='
    return test(op, compare(v))
  }
}

/** A comparator for `sortAsc`/`sortDesc`: nulls first ascending, ties by id (stable). */
export const compileSort = (type: SimQueryType, field: string, desc: boolean) => {
  const def = fieldFor(type, field)
  const order = def.values?.map((x) => x.toLowerCase())
  const key = (s: SimSession): number | string => {
    const v = def.get(s)
    if (v === null) return def.kind === 'string' ? '' : -Infinity
    if (v instanceof Date) return v.getTime()
    if (typeof v === 'boolean') return v ? 1 : 0
    if (order !== undefined) {
      const i = order.indexOf(String(v).toLowerCase())
      return i < 0 ? order.length : i
    }
    return typeof v === 'number' ? v : v.toLowerCase()
  }
  return { key, desc }
}

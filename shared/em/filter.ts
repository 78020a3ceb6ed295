/**
 * @module Typed filter conditions: what callers of the EM client build instead of filter strings.
 * `shared/em/query-builder.ts` is the only place that turns them into EM's grammar.
 */
import type { EmField, EmQueryType } from './query-types'

export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>='

/** A value is always quoted and escaped by the builder; a Date is written as UTC `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export type FilterValue = string | Date

export type FilterExpr<T extends EmQueryType = EmQueryType> =
  | { readonly field: EmField<T>; readonly op: Comparison; readonly value: FilterValue }
  | { readonly and: readonly FilterExpr<T>[] }
  | { readonly or: readonly FilterExpr<T>[] }

export interface EmQuery<T extends EmQueryType = EmQueryType> {
  readonly type: T
  readonly filter?: FilterExpr<T> | undefined
  readonly sort: { readonly field: EmField<T>; readonly direction: 'asc' | 'desc' }
  readonly pageSize: number
  /** 1-based EM page number. */
  readonly page: number
}

/**
 * @module The shape of a session family descriptor, typed by its item: the route's schemas, the EM
 * type and time fields, the mapper and every filter binding are checked against the same item type,
 * so route, service, reader and mapper agree without casts.
 */
import type { z } from '@hono/zod-openapi'
import type { EmField, EmQueryType } from '../em/query-types'
import type { RawSession } from '../em/raw'
import type { Timed } from '../model/timed'
import { FILTER_PARAMS, type Actual, type FilterParam } from './filter-ops'
import type { FamilyKey } from './keys'

export type { FamilyKey } from './keys'

/** What every session item carries (the filters every family shares read it). */
export interface SessionItem {
  readonly id: string
  readonly state: string
  readonly result: string | null
  readonly backupServer: { readonly id: string; readonly name: string } | null
}

/**
 * How one family applies one filter: the EM field its condition uses (null: EM cannot filter on it,
 * the re-check alone applies) and what the re-check compares (absent: the item does not carry it,
 * EM's condition alone applies). At least one of the two.
 */
export interface Binding<I> {
  readonly field: EmField | null
  /** Prefix EM's UID fields need before a GUID (`urn:veeam:Job:`). */
  readonly urn?: string
  read?(entry: Timed<I>): Actual
}

export interface Family<I extends SessionItem> {
  readonly key: FamilyKey
  readonly emType: EmQueryType
  readonly tag: 'backup' | 'replica' | 'cdp'
  /** Singular and plural words for operation ids and summaries. */
  readonly noun: { readonly one: string; readonly many: string; readonly pascal: string }
  readonly itemSchema: z.ZodType<I>
  map(raw: RawSession): Timed<I>
  /** The fields EM filters and sorts this type's two instants on (CDP types: `…UTC`). */
  readonly timeFields: { readonly created: EmField; readonly ended: EmField }
  readonly states: readonly [string, ...string[]]
  readonly filters: { readonly [P in FilterParam]?: Binding<I> }
  /** The task family whose items are this family's children (`/{id}/task-sessions`) and the filter that links them. */
  readonly children?: { readonly family: FamilyKey; readonly via: 'jobSessionId' | 'policySessionId' }
}

/** The bindings every family has: times on its time fields, state, and the backup server. */
export const commonBindings = <I extends SessionItem>(t: Family<I>['timeFields']): Family<I>['filters'] => ({
  createdAfter: { field: t.created, read: (e) => e.createdMs },
  createdBefore: { field: t.created, read: (e) => e.createdMs },
  endedAfter: { field: t.ended, read: (e) => e.endedMs },
  endedBefore: { field: t.ended, read: (e) => e.endedMs },
  state: { field: 'State', read: (e) => e.item.state },
  backupServerId: {
    field: 'BackupServerUid',
    urn: 'urn:veeam:BackupServer:',
    read: (e) => e.item.backupServer?.id ?? null,
  },
  backupServerName: { field: 'BackupServerName', read: (e) => e.item.backupServer?.name ?? null },
})

/** The filters `family` applies, in declaration order. */
export const filtersOf = (family: Family<SessionItem>): FilterParam[] =>
  FILTER_PARAMS.filter((p) => family.filters[p] !== undefined)

/**
 * @module Every list filter, declared once, without its schema: what the parameter means (kind,
 * description, example) and the two operations it adds: the EM condition it becomes (written in EM's
 * grammar only by the EM client's escaping builder) and the re-check of what EM returned. The EM
 * reader applies filters from these alone, so a cold start builds no filter schema until a list
 * route validates its query (`filters.ts` makes each parameter's zod schema from its declaration).
 * Adding a filter is one entry here, its schema there, and its bindings in `families.ts`.
 */
import type { FilterExpr } from '../em/filter'
import type { EmField } from '../em/query-types'

/** What an entry shows the re-check: an instant (epoch ms) for time filters, text otherwise. */
export type Actual = string | number | null

/** How a filter compares: instants, one-of values, GUIDs (case-insensitive) or exact text. */
export type FilterKind = 'time' | 'enum' | 'guid' | 'string'

/** The two operations a filter adds to its parameter schema. */
export interface FilterOps<V> {
  readonly kind: FilterKind
  /** The EM condition for `value` on `field` (`urn` prefixes a GUID for EM's UID fields). */
  readonly condition: (field: EmField, value: V, urn: string) => FilterExpr
  /** True when an entry whose filtered value is `actual` satisfies `value`. */
  readonly accepts: (actual: Actual, value: V) => boolean
  /** What the re-check compares, for documentation and tests. */
  readonly rule: string
}

/** A filter's declaration: its operations and what its parameter's documentation says. */
export interface FilterDecl<V> extends FilterOps<V> {
  readonly description: string
  readonly example?: string
}

/** A time filter's declaration also names its comparison. */
export interface TimeDecl extends FilterDecl<string> {
  readonly kind: 'time'
  readonly op: '>=' | '<'
}

/** EM may compare whole seconds only: time bounds reach EM widened to whole seconds; the re-check is exact. */
const floorSecond = (ms: number): Date => new Date(Math.floor(ms / 1000) * 1000)
const ceilSecond = (ms: number): Date => new Date(Math.ceil(ms / 1000) * 1000)

const time = (op: '>=' | '<', description: string): TimeDecl => ({
  kind: 'time',
  op,
  description: `${description}. RFC 3339 with an offset (\`Z\` or \`±hh:mm\`).`,
  example: op === '>=' ? '2026-11-01T00:00:00Z' : '2026-11-02T00:00:00Z',
  condition: (field, value, _urn) => {
    const ms = Date.parse(value)
    return { field, op, value: op === '<' ? ceilSecond(ms) : floorSecond(ms) }
  },
  accepts: (actual, value) =>
    typeof actual === 'number' && (op === '>=' ? actual >= Date.parse(value) : actual < Date.parse(value)),
  rule: `the session's instant ${op} the value, to the millisecond (a running session has no end)`,
})

/** Repeated (`?a=x&a=y`) or comma-separated (`?a=x,y`) values: any of them. */
export const anyOf = (description: string): FilterDecl<string[]> => ({
  kind: 'enum',
  description,
  condition: (field, value, _urn): FilterExpr => {
    const conds = value.map((v): FilterExpr => ({ field, op: '==', value: v }))
    return conds.length === 1 && conds[0] !== undefined ? conds[0] : { or: conds }
  },
  accepts: (actual, value) => typeof actual === 'string' && value.includes(actual),
  rule: 'the value is one of those given, exactly',
})

const guid = (description: string, example: string): FilterDecl<string> => ({
  kind: 'guid',
  description,
  example,
  condition: (field, value, urn) => ({ field, op: '==', value: `${urn}${value.toLowerCase()}` }),
  accepts: (actual, value) => typeof actual === 'string' && actual.toLowerCase() === value.toLowerCase(),
  rule: 'the GUID, case-insensitively',
})

const text = (description: string, example: string): FilterDecl<string> => ({
  kind: 'string',
  description,
  example,
  condition: (field, value, _urn) => ({ field, op: '==', value }),
  accepts: (actual, value) => actual === value,
  rule: 'the text, exactly (case-sensitive)',
})

export const STATE_DESCRIPTION = 'EM state; repeat the parameter or separate values with commas.'

/** Every list filter, in the order list operations declare them. */
export const FILTER_DECLS = {
  createdAfter: time('>=', 'Sessions created (started) at or after this time'),
  createdBefore: time('<', 'Sessions created (started) before this time'),
  endedAfter: time('>=', 'Sessions that ended at or after this time (running sessions never match)'),
  endedBefore: time('<', 'Sessions that ended before this time (running sessions never match)'),
  state: anyOf(STATE_DESCRIPTION),
  backupServerId: guid('Backup server id (GUID).', 'ce15a8c7-aa49-495e-b05b-ee3398c91018'),
  backupServerName: text('Backup server name, exact match.', 'vbr01.tech.local'),
  result: anyOf('Result; repeat the parameter or separate values with commas.'),
  jobId: guid('Job id (GUID).', '70073b98-098b-4046-a097-43cbda67d58a'),
  jobName: text('Job name, exact match.', 'Fileserver Backup'),
  jobType: text('EM job type, exact match (e.g. Backup, BackupCopy, NasBackup, Replica).', 'Backup'),
  vmName: text('VM name, exact match.', 'srv04'),
  jobSessionId: guid('Parent job session id (GUID).', 'd46e39e0-1131-4585-91a7-e828ce7eafae'),
  policyId: guid('CDP policy id (GUID).', '145f3365-6ec0-44e9-9538-8c8c34ebdcce'),
  policyName: text('CDP policy name, exact match.', 'CDP Policy 1'),
  policySessionId: guid('Parent CDP policy session id (GUID).', '6b872a71-51e8-437a-8d45-5c6494b92f3f'),
}

export type FilterParam = keyof typeof FILTER_DECLS
export const FILTER_PARAMS = Object.keys(FILTER_DECLS).filter((k): k is FilterParam =>
  Object.hasOwn(FILTER_DECLS, k)
)

/** The value each validated filter parameter holds (what its operations take). */
type FilterValues = { [P in FilterParam]: (typeof FILTER_DECLS)[P] extends FilterOps<infer V> ? V : never }

/** The value a validated filter parameter holds. */
export type FilterValue<P extends FilterParam> = FilterValues[P]

/** Filter values as the services pass them on (any subset; absent means not filtered). */
export type ListFilters = { readonly [P in FilterParam]?: FilterValue<P> | undefined }

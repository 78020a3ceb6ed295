/**
 * @module Every list filter, declared once. A declaration is the parameter's zod schema (validation
 * and its OpenAPI declaration in one) with two operations attached: the EM condition it becomes
 * (written in EM's grammar only by the EM client's escaping builder) and the re-check of what EM
 * returned. Families bind a declaration to their EM field and to what their item carries
 * (`family.ts`); adding a filter is one entry here plus its bindings.
 */
import { z } from '@hono/zod-openapi'
import type { FilterExpr } from '../em/filter'
import type { EmField } from '../em/query-types'
import { enumComponent, JOB_STATES, RESULTS, TASK_STATES } from '../model/common'

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

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** EM may compare whole seconds only: time bounds reach EM widened to whole seconds; the re-check is exact. */
const floorSecond = (ms: number): Date => new Date(Math.floor(ms / 1000) * 1000)
const ceilSecond = (ms: number): Date => new Date(Math.ceil(ms / 1000) * 1000)

const withOps = <S extends z.ZodType, V>(schema: S, ops: FilterOps<V>): S & FilterOps<V> =>
  Object.assign(schema, ops)

const time = (name: string, op: '>=' | '<', description: string) =>
  withOps(
    z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({
        param: {
          name,
          in: 'query',
          description: `${description}. RFC 3339 with an offset (\`Z\` or \`±hh:mm\`).`,
        },
        example: op === '>=' ? '2026-11-01T00:00:00Z' : '2026-11-02T00:00:00Z',
      }),
    {
      kind: 'time',
      condition: (field, value: string, _urn) => {
        const ms = Date.parse(value)
        return { field, op, value: op === '<' ? ceilSecond(ms) : floorSecond(ms) }
      },
      accepts: (actual, value: string) =>
        typeof actual === 'number' &&
        (op === '>=' ? actual >= Date.parse(value) : actual < Date.parse(value)),
      rule: `the session's instant ${op} the value, to the millisecond (a running session has no end)`,
    }
  )

/** A zod enum of strings. */
type StringEnum = z.ZodEnum<Readonly<Record<string, string>>>

/** Repeated (`?a=x&a=y`) or comma-separated (`?a=x,y`) values, each one of `values` (at most each once). */
/** Splits repeated (`?a=x&a=y`) and comma-separated (`?a=x,y`) values into one list, blanks dropped. */
const splitList = (v: unknown): string[] | undefined =>
  v === undefined
    ? undefined
    : (Array.isArray(v) ? v : [v]).flatMap((s) =>
        String(s)
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p !== '')
      )

/** An optional list parameter of `item`'s values (repeated or comma-separated), at most as long as the enum. */
export const listOf = <E extends StringEnum>(item: E) =>
  z.preprocess(splitList, z.array(item).min(1).max(item.options.length).optional())

export const multiEnum = (name: string, item: StringEnum, description: string) => {
  const values = item.options
  return withOps(
    listOf(item).openapi({
      param: { name, in: 'query', description, style: 'form', explode: true },
      example: [values[values.length - 1] ?? ''],
    }),
    {
      kind: 'enum',
      condition: (field, value: string[], _urn): FilterExpr => {
        const conds = value.map((v): FilterExpr => ({ field, op: '==', value: v }))
        return conds.length === 1 && conds[0] !== undefined ? conds[0] : { or: conds }
      },
      accepts: (actual, value: string[]) => typeof actual === 'string' && value.includes(actual),
      rule: 'the value is one of those given, exactly',
    }
  )
}

const guid = (name: string, description: string, example: string) =>
  withOps(
    z
      .string()
      .regex(GUID, 'must be a GUID')
      .openapi({ format: 'uuid' })
      .optional()
      .openapi({ param: { name, in: 'query', description }, example }),
    {
      kind: 'guid',
      condition: (field, value: string, urn) => ({ field, op: '==', value: `${urn}${value.toLowerCase()}` }),
      accepts: (actual, value: string) =>
        typeof actual === 'string' && actual.toLowerCase() === value.toLowerCase(),
      rule: 'the GUID, case-insensitively',
    }
  )

const text = (name: string, description: string, example: string) =>
  withOps(
    z
      .string()
      .min(1)
      .max(512)
      // CR, LF, NUL and the other control characters never reach EM (nor a log line).
      .regex(NO_CONTROL, 'must not contain control characters')
      .optional()
      .openapi({ param: { name, in: 'query', description }, example }),
    {
      kind: 'string',
      condition: (field, value: string, _urn) => ({ field, op: '==', value }),
      accepts: (actual, value: string) => actual === value,
      rule: 'the text, exactly (case-sensitive)',
    }
  )

/** The enums list operations share, one component each (client generators make one type of each). */
const SESSION_RESULT = enumComponent('SessionResult', RESULTS)
const STATE_ENUMS = new Map<readonly string[], StringEnum>([
  [JOB_STATES, enumComponent('JobSessionState', JOB_STATES)],
  [TASK_STATES, enumComponent('TaskSessionState', TASK_STATES)],
])
const STATE_DESCRIPTION = 'EM state; repeat the parameter or separate values with commas.'

const stateFilters = new Map<readonly string[], ReturnType<typeof multiEnum>>()
/** The state filter with a family's own states (`JOB_STATES` or `TASK_STATES`: its enum component). */
export const stateFilter = (states: readonly [string, ...string[]]) => {
  let filter = stateFilters.get(states)
  if (filter === undefined) {
    filter = multiEnum('state', STATE_ENUMS.get(states) ?? z.enum(states), STATE_DESCRIPTION)
    stateFilters.set(states, filter)
  }
  return filter
}

/**
 * Every list filter, in the order list operations declare them. `state` here admits any EM state;
 * each family narrows it to its own (`stateFilter`).
 */
export const FILTERS = {
  createdAfter: time('createdAfter', '>=', 'Sessions created (started) at or after this time'),
  createdBefore: time('createdBefore', '<', 'Sessions created (started) before this time'),
  endedAfter: time(
    'endedAfter',
    '>=',
    'Sessions that ended at or after this time (running sessions never match)'
  ),
  endedBefore: time(
    'endedBefore',
    '<',
    'Sessions that ended before this time (running sessions never match)'
  ),
  state: multiEnum('state', z.enum([...JOB_STATES, ...TASK_STATES]), STATE_DESCRIPTION),
  backupServerId: guid('backupServerId', 'Backup server id (GUID).', 'ce15a8c7-aa49-495e-b05b-ee3398c91018'),
  backupServerName: text('backupServerName', 'Backup server name, exact match.', 'vbr01.tech.local'),
  result: multiEnum('result', SESSION_RESULT, 'Result; repeat the parameter or separate values with commas.'),
  jobId: guid('jobId', 'Job id (GUID).', '70073b98-098b-4046-a097-43cbda67d58a'),
  jobName: text('jobName', 'Job name, exact match.', 'Fileserver Backup'),
  jobType: text(
    'jobType',
    'EM job type, exact match (e.g. Backup, BackupCopy, NasBackup, Replica).',
    'Backup'
  ),
  vmName: text('vmName', 'VM name, exact match.', 'srv04'),
  jobSessionId: guid('jobSessionId', 'Parent job session id (GUID).', 'd46e39e0-1131-4585-91a7-e828ce7eafae'),
  policyId: guid('policyId', 'CDP policy id (GUID).', '145f3365-6ec0-44e9-9538-8c8c34ebdcce'),
  policyName: text('policyName', 'CDP policy name, exact match.', 'CDP Policy 1'),
  policySessionId: guid(
    'policySessionId',
    'Parent CDP policy session id (GUID).',
    '6b872a71-51e8-437a-8d45-5c6494b92f3f'
  ),
}

export type FilterParam = keyof typeof FILTERS
export const FILTER_PARAMS = Object.keys(FILTERS).filter((k): k is FilterParam => Object.hasOwn(FILTERS, k))

/** The value a validated filter parameter holds. */
export type FilterValue<P extends FilterParam> = NonNullable<z.output<(typeof FILTERS)[P]>>

/** Filter values as the services pass them on (any subset; absent means not filtered). */
export type ListFilters = { readonly [P in FilterParam]?: FilterValue<P> | undefined }

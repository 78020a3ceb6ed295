/**
 * @module Every list filter's parameter schema, made from its declaration (`filter-ops.ts`): zod
 * validation and its OpenAPI declaration in one, with the declaration's operations attached (the EM
 * condition and the re-check). Only routes build these, on first use; the EM reader needs the
 * declarations alone.
 */
import { z } from '@hono/zod-openapi'
import { enumComponent, JOB_STATES, RESULTS, TASK_STATES } from '../model/common'
import { FILTER_DECLS, type FilterDecl, type FilterOps, type TimeDecl } from './filter-ops'

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/**
 * The declaration's operations, on the schema (so one object is both); the schema yields their value
 * type. Only the operations: the declaration's `description` would shadow zod's own.
 */
const withOps = <V, S extends z.ZodType<V | undefined>>(schema: S, decl: FilterOps<V>): S & FilterOps<V> =>
  Object.assign(schema, {
    kind: decl.kind,
    condition: decl.condition,
    accepts: decl.accepts,
    rule: decl.rule,
  })

const time = (name: string, decl: TimeDecl) =>
  withOps(
    z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ param: { name, in: 'query', description: decl.description }, example: decl.example }),
    decl
  )

/** A zod enum of strings. */
type StringEnum = z.ZodEnum<Readonly<Record<string, string>>>

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

/** A list parameter of `item`'s values with the operations of `decl` (`anyOf`). */
export const multiEnum = (name: string, item: StringEnum, decl: FilterDecl<string[]>) => {
  const values = item.options
  return withOps(
    listOf(item).openapi({
      param: { name, in: 'query', description: decl.description, style: 'form', explode: true },
      example: [values[values.length - 1] ?? ''],
    }),
    decl
  )
}

const guid = (name: string, decl: FilterDecl<string>) =>
  withOps(
    z
      .string()
      .regex(GUID, 'must be a GUID')
      .openapi({ format: 'uuid' })
      .optional()
      .openapi({ param: { name, in: 'query', description: decl.description }, example: decl.example }),
    decl
  )

const text = (name: string, decl: FilterDecl<string>) =>
  withOps(
    z
      .string()
      .min(1)
      .max(512)
      // CR, LF, NUL and the other control characters never reach EM (nor a log line).
      .regex(NO_CONTROL, 'must not contain control characters')
      .optional()
      .openapi({ param: { name, in: 'query', description: decl.description }, example: decl.example }),
    decl
  )

/** The enums list operations share, one component each (client generators make one type of each). */
const SESSION_RESULT = enumComponent('SessionResult', RESULTS)
const STATE_ENUMS = new Map<readonly string[], StringEnum>([
  [JOB_STATES, enumComponent('JobSessionState', JOB_STATES)],
  [TASK_STATES, enumComponent('TaskSessionState', TASK_STATES)],
])

const stateFilters = new Map<readonly string[], ReturnType<typeof multiEnum>>()
/** The state filter with a family's own states (`JOB_STATES` or `TASK_STATES`: its enum component). */
export const stateFilter = (states: readonly [string, ...string[]]) => {
  let filter = stateFilters.get(states)
  if (filter === undefined) {
    filter = multiEnum('state', STATE_ENUMS.get(states) ?? z.enum(states), FILTER_DECLS.state)
    stateFilters.set(states, filter)
  }
  return filter
}

/**
 * Every list filter, in the order list operations declare them. `state` here admits any EM state;
 * each family narrows it to its own (`stateFilter`).
 */
export const FILTERS = {
  createdAfter: time('createdAfter', FILTER_DECLS.createdAfter),
  createdBefore: time('createdBefore', FILTER_DECLS.createdBefore),
  endedAfter: time('endedAfter', FILTER_DECLS.endedAfter),
  endedBefore: time('endedBefore', FILTER_DECLS.endedBefore),
  state: multiEnum('state', z.enum([...JOB_STATES, ...TASK_STATES]), FILTER_DECLS.state),
  backupServerId: guid('backupServerId', FILTER_DECLS.backupServerId),
  backupServerName: text('backupServerName', FILTER_DECLS.backupServerName),
  result: multiEnum('result', SESSION_RESULT, FILTER_DECLS.result),
  jobId: guid('jobId', FILTER_DECLS.jobId),
  jobName: text('jobName', FILTER_DECLS.jobName),
  jobType: text('jobType', FILTER_DECLS.jobType),
  vmName: text('vmName', FILTER_DECLS.vmName),
  jobSessionId: guid('jobSessionId', FILTER_DECLS.jobSessionId),
  policyId: guid('policyId', FILTER_DECLS.policyId),
  policyName: text('policyName', FILTER_DECLS.policyName),
  policySessionId: guid('policySessionId', FILTER_DECLS.policySessionId),
} satisfies { readonly [P in keyof typeof FILTER_DECLS]: z.ZodType }

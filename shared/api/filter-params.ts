/**
 * @module The catalog of list filter parameters: their zod schemas (validation and OpenAPI in one),
 * how each becomes an EM condition, and how each is checked again on the items EM returns, so that
 * even an EM that misread a quoted value could not widen a result.
 */
import { z } from '@hono/zod-openapi'
import { RESULTS } from '../model/common'

export type FilterParam =
  | 'createdAfter'
  | 'createdBefore'
  | 'endedAfter'
  | 'endedBefore'
  | 'state'
  | 'result'
  | 'backupServerId'
  | 'backupServerName'
  | 'jobId'
  | 'jobName'
  | 'jobType'
  | 'vmName'
  | 'jobSessionId'
  | 'policySessionId'
  | 'policyId'
  | 'policyName'

export type ParamKind = 'time' | 'enum' | 'guid' | 'string'

export interface ParamSpec {
  readonly kind: ParamKind
  /** Comparison EM and the post-filter apply (`==` for all but times). */
  readonly op: '==' | '>=' | '<'
  /** The item key it is checked against (`backupServer.id` style paths allowed). */
  readonly itemKey: string
  readonly description: string
  readonly example: string
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

const time = (op: '>=' | '<', itemKey: string, what: string): ParamSpec => ({
  kind: 'time',
  op,
  itemKey,
  description: `${what}. RFC 3339 with an offset (\`Z\` or \`±hh:mm\`).`,
  example: op === '>=' ? '2026-11-01T00:00:00Z' : '2026-11-02T00:00:00Z',
})
const exact = (
  kind: 'guid' | 'string',
  itemKey: string,
  description: string,
  example: string
): ParamSpec => ({
  kind,
  op: '==',
  itemKey,
  description,
  example,
})

export const PARAM_SPECS: Record<FilterParam, ParamSpec> = {
  createdAfter: time('>=', 'creationTime', 'Sessions created (started) at or after this time'),
  createdBefore: time('<', 'creationTime', 'Sessions created (started) before this time'),
  endedAfter: time(
    '>=',
    'endTime',
    'Sessions that ended at or after this time (running sessions never match)'
  ),
  endedBefore: time('<', 'endTime', 'Sessions that ended before this time (running sessions never match)'),
  state: {
    kind: 'enum',
    op: '==',
    itemKey: 'state',
    description: 'EM state; repeat the parameter or separate values with commas.',
    example: '',
  },
  result: {
    kind: 'enum',
    op: '==',
    itemKey: 'result',
    description: 'Result; repeat the parameter or separate values with commas.',
    example: 'Failed',
  },
  backupServerId: exact(
    'guid',
    'backupServer.id',
    'Backup server id (GUID).',
    'ce15a8c7-aa49-495e-b05b-ee3398c91018'
  ),
  backupServerName: exact(
    'string',
    'backupServer.name',
    'Backup server name, exact match.',
    'vbr01.tech.local'
  ),
  jobId: exact('guid', 'jobId', 'Job id (GUID).', '70073b98-098b-4046-a097-43cbda67d58a'),
  jobName: exact('string', 'jobName', 'Job name, exact match.', 'Fileserver Backup'),
  jobType: exact(
    'string',
    'jobType',
    'EM job type, exact match (e.g. Backup, BackupCopy, NasBackup, Replica).',
    'Backup'
  ),
  vmName: exact('string', 'vmName', 'VM name, exact match.', 'srv04'),
  jobSessionId: exact(
    'guid',
    'jobSessionId',
    'Parent job session id (GUID).',
    'd46e39e0-1131-4585-91a7-e828ce7eafae'
  ),
  policySessionId: exact(
    'guid',
    'policySessionId',
    'Parent CDP policy session id (GUID).',
    '6b872a71-51e8-437a-8d45-5c6494b92f3f'
  ),
  policyId: exact('guid', 'policyId', 'CDP policy id (GUID).', '145f3365-6ec0-44e9-9538-8c8c34ebdcce'),
  policyName: exact('string', 'policyName', 'CDP policy name, exact match.', 'CDP Policy 1'),
}

/** Repeated (`?a=x&a=y`) or comma-separated (`?a=x,y`) values, validated against an enum. */
const multiEnum = (values: readonly string[]) =>
  z.preprocess(
    (v) =>
      v === undefined
        ? undefined
        : (Array.isArray(v) ? v : [v]).flatMap((s) =>
            String(s)
              .split(',')
              .map((p) => p.trim())
              .filter((p) => p !== '')
          ),
    z
      .array(z.enum(values as [string, ...string[]]))
      .min(1)
      .optional()
  )

/** The zod schema of one filter parameter, with its OpenAPI parameter declaration. */
export const paramSchema = (name: FilterParam, states: readonly string[]): z.ZodType => {
  const spec = PARAM_SPECS[name]
  const param = { name, in: 'query' as const, description: spec.description }
  switch (spec.kind) {
    case 'time':
      return z.iso.datetime({ offset: true }).optional().openapi({ param, example: spec.example })
    case 'enum': {
      const values = name === 'state' ? states : RESULTS
      return multiEnum(values).openapi({
        param: { ...param, style: 'form', explode: true },
        example: [values[values.length - 1] ?? ''],
      })
    }
    case 'guid':
      return z.string().regex(GUID, 'must be a GUID').optional().openapi({ param, example: spec.example })
    case 'string':
      return z.string().min(1).max(512).optional().openapi({ param, example: spec.example })
  }
}

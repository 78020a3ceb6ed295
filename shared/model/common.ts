/**
 * @module Building blocks shared by every public item schema.
 */
import { z } from '@hono/zod-openapi'

/** A bare GUID (the part after the last `:` of EM's UID), lower-case in responses. */
export const GuidSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)
  .openapi({ format: 'uuid', example: '88767486-89d6-4340-92f0-2ad615a8f21b' })

export const BackupServerSchema = z
  .object({
    id: GuidSchema.openapi({ example: 'ce15a8c7-aa49-495e-b05b-ee3398c91018' }),
    name: z.string().openapi({ example: 'vbr01.tech.local' }),
  })
  .openapi('BackupServer', {
    description: "The backup server (VBR) that ran the session, from EM's Up link.",
  })

/** RFC 3339 UTC time with milliseconds. */
export const TimeSchema = z.string().openapi({ format: 'date-time', example: '2021-06-17T20:00:18.060Z' })

export const JOB_STATES = ['Starting', 'Stopping', 'Working', 'Pausing', 'Resuming', 'Stopped'] as const
export const TASK_STATES = ['InProgress', 'Pending', 'Completed'] as const
export const RESULTS = ['Success', 'Warning', 'Failed', 'None'] as const

/** EM enums are open: values EM adds later pass through as strings instead of failing the request. */
export const openEnum = (known: readonly string[], example: string) =>
  z.string().openapi({
    example,
    description: `Known values: ${known.join(', ')}. Values EM adds later pass through unchanged.`,
  })

export const StateJobSchema = openEnum(JOB_STATES, 'Stopped')
export const StateTaskSchema = openEnum(TASK_STATES, 'Completed')
export const ResultSchema = openEnum(RESULTS, 'Success')

/**
 * The backup server or null. A union, not `.nullable()`: on a named component `.nullable()` would
 * make the shared `BackupServer` schema itself nullable in the OpenAPI document.
 */
export const BackupServerOrNullSchema = z.union([BackupServerSchema, z.null()])

/** `InProgress` → `IN_PROGRESS`: the name a generated client gives an enum value (`x-enum-varnames`). */
export const enumVarName = (value: string): string =>
  value
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/^_|_$/g, '')
    .toUpperCase()

/**
 * A closed enum shared by several operations, as one named component with `x-enum-varnames`, so
 * client generators make one type for it (not one per operation) with readable member names.
 */
export const enumComponent = <const V extends readonly [string, ...string[]]>(
  name: string,
  values: V,
  varnames: readonly string[] = values.map(enumVarName)
) => z.enum(values).openapi(name, { 'x-enum-varnames': [...varnames] })

/**
 * @module RFC 9457 problem details, the body of every error response.
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
import { z } from '@hono/zod-openapi'
import { PROBLEM_TYPES } from './problem-types'

export const ProblemSchema = z
  .object({
    type: z.string().openapi({
      example: PROBLEM_TYPES.invalidParameters,
      description: `A stable URI naming the kind of problem: ${Object.values(PROBLEM_TYPES)
        .map((t) => `\`${t}\``)
        .join(', ')}.`,
    }),
    title: z.string().openapi({
      example: 'Invalid parameters',
      description: 'Short, the same for every problem of a type.',
    }),
    status: z.number().int().openapi({ example: 400, description: 'The HTTP status, repeated.' }),
    detail: z.string().openapi({
      example: 'pageSize: must be between 1 and 1000',
      description: "What went wrong for this request (for 502, EM's own message, never a stack trace).",
    }),
    instance: z
      .string()
      .optional()
      .openapi({ example: '/v1/backup-job-sessions', description: 'The request path.' }),
    errors: z
      .array(
        z
          .object({
            parameter: z
              .string()
              .openapi({ example: 'pageSize', description: 'The query or path parameter.' }),
            message: z.string().openapi({ example: 'must be between 1 and 1000' }),
          })
          .openapi('ParameterError')
      )
      .optional()
      .openapi({ description: 'Present on 400: one entry per bad parameter.' }),
  })
  .openapi('Problem')
export type Problem = z.infer<typeof ProblemSchema>

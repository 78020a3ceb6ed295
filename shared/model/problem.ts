/**
 * @module RFC 9457 problem details, the body of every error response.
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
import { z } from '@hono/zod-openapi'

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://em-sessions-api.dev/problems/invalid-parameters' }),
    title: z.string().openapi({ example: 'Invalid parameters' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().openapi({ example: 'pageSize: must be between 1 and 1000' }),
    instance: z.string().optional().openapi({ example: '/v1/backup-job-sessions' }),
    errors: z
      .array(z.object({ parameter: z.string(), message: z.string() }).openapi('ParameterError'))
      .optional()
      .openapi({ description: 'Present on 400: one entry per bad parameter.' }),
  })
  .openapi('Problem')
export type Problem = z.infer<typeof ProblemSchema>

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
})

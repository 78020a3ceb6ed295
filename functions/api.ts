/**
 * @module The Lambda entry of the API (API Gateway HTTP API, payload v2). Config is read and the app
 * built once per execution environment, at import, so a bad configuration fails the cold start
 * rather than every request. Deployed, API keys come only from the Secrets Manager secret.
 */
import type { Context } from 'aws-lambda'
import { handle } from 'hono/aws-lambda'
import type { APIGatewayProxyResult, LambdaEvent } from 'hono/aws-lambda'
import { loadConfig } from '../shared/config/env'
import { logger } from '../shared/observability/logger'
import { flushMetrics, recordColdStart } from '../shared/observability/metrics'
import { createRuntime } from '../shared/runtime'

const runtime = createRuntime(loadConfig(), { deployed: true })
const honoHandler = handle(runtime.app)

/**
 * Serves one API Gateway request: the request id goes on every log line of the invocation, and the
 * metrics recorded while serving are flushed (one EMF line) before returning.
 */
export const handler = async (event: LambdaEvent, context: Context): Promise<APIGatewayProxyResult> => {
  logger.addContext(context)
  recordColdStart(context.functionName)
  try {
    return await honoHandler(event, context)
  } finally {
    flushMetrics()
  }
}

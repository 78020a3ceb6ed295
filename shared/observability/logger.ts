/**
 * @module The one Powertools logger of the service (as in Powertools' examples/app: a shared
 * singleton with central configuration). JSON lines on stdout; level from `POWERTOOLS_LOG_LEVEL` or
 * `LOG_LEVEL` (read by Powertools itself), default INFO. Every line passes through `redactKeys`.
 *
 * Tests capture its output with `vi.spyOn(process.stdout, 'write')`: outside `POWERTOOLS_DEV` the
 * logger writes through its own `node:console` `Console` bound to `process.stdout`/`stderr` (not the
 * global console that vitest intercepts), and that Console looks `write` up on the stream at each call.
 */
import { Logger } from '@aws-lambda-powertools/logger'
import { redactKeys } from './redact'

/** The service name on every log line and metric. */
export const SERVICE_NAME = 'em-sessions-api'

/** Builds a logger with the service's settings (the singleton below; tests may build their own). */
export const createLogger = (): Logger =>
  new Logger({ serviceName: SERVICE_NAME, jsonReplacerFn: redactKeys })

/**
 * The shared logger. Add the Lambda context with `logger.addContext(context)` in the handler; log
 * failures as `logger.error('what failed', error)` or with attributes (credentials are dropped by key).
 */
export const logger: Logger = createLogger()

/**
 * @module The domain's own errors: a request the API cannot serve as asked (a bad parameter, a page
 * token of another walk: 400; an events cursor past its age limit: 410). Services and routes throw
 * them; the HTTP layer renders them as problems.
 */
import { PROBLEM_TYPES } from './problem-types'

/** One bad query or path parameter and why. */
export interface ParameterError {
  parameter: string
  message: string
}

export class InvalidParametersError extends Error {
  readonly status = 400
  readonly type = PROBLEM_TYPES.invalidParameters
  readonly title = 'Invalid parameters'
  constructor(readonly errors: readonly ParameterError[]) {
    super(errors.map((e) => `${e.parameter}: ${e.message}`).join('; '))
    this.name = 'InvalidParametersError'
  }
}

/** An events cursor older than `EVENTS_MAX_AGE_DAYS`: the consumer starts again with `since`. */
export class CursorExpiredError extends Error {
  readonly status = 410
  readonly type = PROBLEM_TYPES.cursorExpired
  readonly title = 'Cursor expired'
  constructor(maxAgeDays: number) {
    super(
      `The cursor is older than ${maxAgeDays} day(s): start again with \`since\` (events at or after a time you choose).`
    )
    this.name = 'CursorExpiredError'
  }
}

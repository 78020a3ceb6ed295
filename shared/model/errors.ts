/**
 * @module The domain's own error: a request the API cannot serve as asked (a bad parameter, a page
 * token of another walk). Services and routes throw it; the HTTP layer renders it as a 400 problem.
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

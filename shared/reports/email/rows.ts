/**
 * @module How many rows of each list the e-mail shows: at most `limit` (default 100) in all, failed jobs
 * first. A list that needs fewer leaves the rest to the other; the remainder is counted in a note.
 */

export interface RowBudget {
  readonly jobs: number
  readonly vms: number
}

export const MAIL_ROW_LIMIT = 100

export const rowBudget = (failedJobs: number, vms: number, limit = MAIL_ROW_LIMIT): RowBudget => {
  const half = Math.floor(limit / 2)
  const jobs = Math.min(failedJobs, Math.max(half, limit - vms))
  return { jobs, vms: Math.min(vms, limit - jobs) }
}

/** `12 more jobs with failures`: the note under a cut list (empty when nothing was cut). */
export const moreNote = (shown: number, total: number, what: string): string =>
  total > shown ? `${total - shown} more ${what} not shown` : ''

/**
 * @module Small pure helpers the report aggregators share: time formatting, result classes, and a
 * "newest wins" comparison that gives the same answer whatever order pages arrive in.
 */

/** A point in time with a tie-breaker, so "newest" is a total order (ids break equal times). */
export interface Stamp {
  readonly ms: number
  readonly id: string
}

/** RFC 3339 UTC with milliseconds, the contract's time format. */
export const toIso = (ms: number): string => new Date(ms).toISOString()

/** True when `a` is strictly newer than `b` (or `b` is absent). */
export const isNewer = (a: Stamp, b: Stamp | null): boolean =>
  b === null || a.ms > b.ms || (a.ms === b.ms && a.id > b.id)

/** Success and Warning both leave a usable restore point. */
export const isSuccessful = (result: string | null): boolean => result === 'Success' || result === 'Warning'

/** The three result classes counted by the reports; anything else (None, values EM adds later) is 'other'. */
export const resultClass = (result: string | null): 'success' | 'warning' | 'failed' | 'other' =>
  result === 'Success'
    ? 'success'
    : result === 'Warning'
      ? 'warning'
      : result === 'Failed'
        ? 'failed'
        : 'other'

/** Rounds to `digits` decimals (report numbers are for people; JSON keeps them short). */
export const round = (value: number, digits: number): number => {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

/** Key of a backup server for grouping (servers are GUIDs compared case-insensitively). */
export const serverKey = (server: { readonly id: string } | null): string => server?.id.toLowerCase() ?? ''

/** A plain string comparator (code-point order, locale-independent, so output is deterministic). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

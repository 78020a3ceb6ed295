/**
 * @module The shared EM check behind `/health?deep=true`: at most one EM logon per interval (30 s) per
 * process, concurrent callers joining the one in flight, and its outcome (success or the EM error)
 * answered to every caller until the interval has passed. A caller that goes away does not cancel
 * the check the others wait for.
 */

export interface DeepCheckResult {
  /** How long the EM logon took, ms (one decimal). */
  readonly logonMs: number
  /** When the check started (ISO 8601). */
  readonly checkedAt: string
}

export const DEEP_HEALTH_INTERVAL_MS = 30_000

/**
 * @param check a fresh EM logon (the EM client's `checkLogon`)
 * @example const deep = sharedDeepCheck(() => em.checkLogon()); const { logonMs } = await deep()
 */
export const sharedDeepCheck = (
  check: () => Promise<{ durationMs: number }>,
  opts: { intervalMs?: number; now?: () => number } = {}
): (() => Promise<DeepCheckResult>) => {
  const intervalMs = opts.intervalMs ?? DEEP_HEALTH_INTERVAL_MS
  const now = opts.now ?? Date.now
  let last: { readonly startedAt: number; readonly outcome: Promise<DeepCheckResult> } | undefined
  return () => {
    if (last === undefined || now() - last.startedAt >= intervalMs) {
      const startedAt = now()
      const outcome = check().then(({ durationMs }) => ({
        logonMs: Math.round(durationMs * 10) / 10,
        checkedAt: new Date(startedAt).toISOString(),
      }))
      // A failure is shared like a success; not an unhandled rejection when nobody waits any more.
      outcome.catch(() => undefined)
      last = { startedAt, outcome }
    }
    return last.outcome
  }
}

/**
 * @module UTC days and months as the rollups cut time: names (`YYYY-MM-DD`, `YYYY-MM`), the whole
 * days and months inside a window, and what of a window is left once some periods are covered.
 * Pure; instants are epoch milliseconds, ranges `[fromMs, toMs)`.
 */

export const DAY_MS = 86_400_000

export interface Range {
  readonly fromMs: number
  readonly toMs: number
}

export const dayStart = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS
export const dayName = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
export const monthName = (ms: number): string => new Date(ms).toISOString().slice(0, 7)

/** `[start, end)` of a `YYYY-MM-DD` day, or undefined for anything else. */
export const dayRange = (day: string): Range | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined
  const fromMs = Date.parse(`${day}T00:00:00.000Z`)
  if (Number.isNaN(fromMs) || dayName(fromMs) !== day) return undefined
  return { fromMs, toMs: fromMs + DAY_MS }
}

/** `[start, end)` of a `YYYY-MM` month, or undefined for anything else. */
export const monthRange = (month: string): Range | undefined => {
  if (!/^\d{4}-\d{2}$/.test(month)) return undefined
  const fromMs = Date.parse(`${month}-01T00:00:00.000Z`)
  if (Number.isNaN(fromMs) || monthName(fromMs) !== month) return undefined
  const d = new Date(fromMs)
  return { fromMs, toMs: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) }
}

/** Start of every UTC day lying wholly inside `[fromMs, toMs)`, ascending. */
export const wholeDays = (r: Range): number[] => {
  const out: number[] = []
  for (let d = Math.ceil(r.fromMs / DAY_MS) * DAY_MS; d + DAY_MS <= r.toMs; d += DAY_MS) out.push(d)
  return out
}

/** Every month lying wholly inside `r`, ascending. */
export const wholeMonths = (r: Range): string[] => {
  const out: string[] = []
  for (const d of wholeDays(r)) {
    const m = monthRange(monthName(d))
    if (m !== undefined && m.fromMs === d && m.toMs <= r.toMs) out.push(monthName(d))
  }
  return out
}

/** `window` minus the (disjoint) `covered` ranges: what is left, ascending, adjacent parts joined. */
export const uncovered = (window: Range, covered: readonly Range[]): Range[] => {
  const out: Range[] = []
  let at = window.fromMs
  for (const c of [...covered].sort((a, b) => a.fromMs - b.fromMs)) {
    const from = Math.max(c.fromMs, window.fromMs)
    const to = Math.min(c.toMs, window.toMs)
    if (to <= from) continue
    if (from > at) out.push({ fromMs: at, toMs: from })
    at = Math.max(at, to)
  }
  if (at < window.toMs) out.push({ fromMs: at, toMs: window.toMs })
  return out
}

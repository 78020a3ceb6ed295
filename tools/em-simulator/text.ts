/**
 * @module Text helpers shared by the renderers: XML escaping and .NET-style time formatting,
 * so the simulator's bodies read exactly like EM's. The time formatting is hand-rolled because
 * `Date#toISOString` dominated data-set generation on slow machines.
 */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }
const NEEDS_ESCAPE = /[&<>"]/

/** Escapes text for an XML attribute or element (EM escapes `&`, `<`, `>` and `"`). */
export const escXml = (s: string): string =>
  NEEDS_ESCAPE.test(s) ? s.replace(/[&<>"]/g, (c) => XML_ESCAPES[c] ?? c) : s

const P2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))
const p2 = (n: number): string => P2[n] ?? String(n)
const DAY_MS = 86_400_000

/** `YYYY-MM-DD`, `HH:MM:SS` and milliseconds of a UTC instant (civil-from-days, H. Hinnant). */
const parts = (ms: number): { date: string; time: string; millis: number } => {
  const days = Math.floor(ms / DAY_MS)
  const rem = ms - days * DAY_MS
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  const secs = Math.floor(rem / 1000)
  const time = `${p2(Math.floor(secs / 3600))}:${p2(Math.floor(secs / 60) % 60)}:${p2(secs % 60)}`
  return { date: `${y}-${p2(m)}-${p2(d)}`, time, millis: rem % 1000 }
}

/**
 * A UTC time as .NET renders it: fraction trimmed of trailing zeros and omitted when zero,
 * e.g. `2025-06-17T20:00:18.06Z`, `2014-10-19T05:22:52Z`.
 */
export const dotNetTime = (t: Date): string => {
  const { date, time, millis } = parts(t.getTime())
  if (millis === 0) return `${date}T${time}Z`
  const fraction = String(millis).padStart(3, '0').replace(/0+$/, '')
  return `${date}T${time}.${fraction}Z`
}

/** The timestamp EM puts in session names: `2025-09-24 20:00:09` (UTC here). */
export const nameTime = (t: Date): string => {
  const { date, time } = parts(t.getTime())
  return `${date} ${time}`
}

/**
 * EM 13.0's JSON: every key of a PascalCase body in camelCase by .NET's rule (the leading run of
 * capitals lower-cased, except the last one when a lower-case letter follows: `UID` → `uid`,
 * `CreationTimeUTC` → `creationTimeUTC`). Only keys change: a key is a string right after `{` or `,`
 * and before `:`, and inside a string value every `"` is escaped, so values never match.
 */
export const camelJsonKeys = (json: string): string =>
  json.replace(/([{,])"([A-Z]+)([^"]*)":/g, (_, lead: string, caps: string, rest: string) => {
    const keep = caps.length > 1 && /^[a-z]/.test(rest) ? 1 : 0
    return `${lead}"${caps.slice(0, caps.length - keep).toLowerCase()}${caps.slice(caps.length - keep)}${rest}":`
  })

/**
 * @module Pure helpers shared by the session mappers: ids from UIDs, links, times, empties.
 * No I/O, no logging; a value EM sends that cannot be read throws `MappingError`.
 */
import type { RawLink, RawSession } from '../em/raw'
import { MappingError } from './errors'

export interface BackupServerRef {
  id: string
  name: string
}

/** A GUID's length: EM's UIDs and Hrefs end in one, right after a `:` or `/`. */
const GUID_LENGTH = 36
/** A character `toLowerCase` may change: a capital or anything non-ASCII. */
const CASED = /[A-Z\u0080-\uffff]/

/**
 * The index of the last `separator` in `s` before `end` (-1 without one). EM's texts end in a GUID:
 * the separator is looked for right before it first (one compare and a native search of the rest),
 * then from the end (`lastIndexOf` is a call into the runtime; a loop over character codes is slower).
 */
const lastBefore = (s: string, separator: string, end: number, tail = GUID_LENGTH): number => {
  const at = end - tail - 1
  if (at >= 0 && s[at] === separator) {
    const later = s.indexOf(separator, at + 1)
    if (later === -1 || later >= end) return at
  }
  return s.lastIndexOf(separator, end - 1)
}

/** `s` lower-cased; `s` itself when nothing in it would change (EM's GUIDs are lower case). */
const lower = (s: string): string => (CASED.test(s) ? s.toLowerCase() : s)

/** `urn:veeam:BackupJobSession:<guid>` (or a bare GUID) → lower-case `<guid>`; null when absent. */
export const guidOf = (uid: string | null | undefined): string | null => {
  if (!uid) return null
  return lower(uid.slice(lastBefore(uid, ':', uid.length) + 1))
}

/** The last path segment of an Href, without query string, lower-cased (`…/backupServers/<guid>`). */
const lastSegment = (href: string): string => {
  const q = href.indexOf('?')
  const end = q === -1 ? href.length : q
  return lower(href.slice(lastBefore(href, '/', end) + 1, end))
}

/** `Up` in any case, without making a lower-cased copy. */
const isUp = (rel: string): boolean =>
  rel.length === 2 && (rel.charCodeAt(0) | 32) === 117 && (rel.charCodeAt(1) | 32) === 112

/** The first link with this Rel and Type, or undefined. Types are compared exactly, Rel case-insensitively. */
export const findLink = (links: readonly RawLink[] | null | undefined, type: string): RawLink | undefined => {
  if (!links) return undefined
  for (let i = 0; i < links.length; i++) {
    const l = links[i]
    if (l !== undefined && l.Type === type && isUp(l.Rel)) return l
  }
  return undefined
}

export const backupServerOf = (raw: RawSession): BackupServerRef | null => {
  const link = findLink(raw.Links, 'BackupServerReference')
  if (!link) return null
  return { id: lastSegment(link.Href), name: link.Name ?? '' }
}

/** Empty EM strings (`<Reason />`, `""`) and absent values become null. */
export const textOrNull = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v === '' ? null : v

const HAS_ZONE = /(?:Z|[+-]\d\d:?\d\d)$/i

/** EM UTC date-time (any number of fractional digits, `Z` optional) → epoch ms. */
export const parseEmTime = (v: string, field: string): number => {
  const ms = Date.parse(HAS_ZONE.test(v) ? v : `${v}Z`)
  if (Number.isNaN(ms)) throw new MappingError(`EM sent an unreadable ${field}`)
  return ms
}

const d2 = (s: string, i: number): number => {
  const a = s.charCodeAt(i) - 48
  const b = s.charCodeAt(i + 1) - 48
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/** The milliseconds of a fraction `.f…` starting at `i` and ending before `end` (sub-ms digits dropped); -1 if not digits. */
const fractionMs = (s: string, i: number, end: number): number => {
  if (i === end) return 0 // no fraction
  if (s.charCodeAt(i) !== 46 || end - i < 2 || end - i > 10) return -1
  let ms = 0
  for (let j = i + 1; j < end; j++) {
    const c = s.charCodeAt(j) - 48
    if (c < 0 || c > 9) return -1
    if (j <= i + 3) ms = ms * 10 + c
  }
  for (let j = end - i - 1; j < 3; j++) ms *= 10
  return ms
}

/**
 * Epoch ms of the UTC form EM sends, `YYYY-MM-DDTHH:MM:SS[.f…]Z` with 0 to 9 fractional digits (EM 12
 * sends 3, EM 13 up to 7 with trailing zeros trimmed), read by character codes; sub-millisecond digits
 * are dropped, never rounded. NaN for any other text or an impossible date (those take the
 * `Date.parse` path). Hot path: `Date.parse` and `toISOString` interleaved over different days cost
 * ~10 µs per session in V8, and even `Date.UTC` is a call into the runtime.
 */
export const canonicalMs = (s: string): number => {
  const n = s.length
  if (n < 20 || n > 30 || s.charCodeAt(n - 1) !== 90) return Number.NaN
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return Number.NaN
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN
  const hi = d2(s, 0)
  const lo = d2(s, 2)
  const mo = d2(s, 5)
  const d = d2(s, 8)
  const h = d2(s, 11)
  const mi = d2(s, 14)
  const sec = d2(s, 17)
  const ms = fractionMs(s, 19, n - 1)
  if (hi < 1 || lo < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59)
    return Number.NaN
  if (sec < 0 || sec > 59 || ms < 0) return Number.NaN
  const y = hi * 100 + lo
  // Date.UTC would roll an impossible day (Feb 30) into the next month: refuse it here.
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  if (d > (mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31))
    return Number.NaN
  return (((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60 + sec) * 1000 + ms
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (year ≥ 1, month 1–12), as `Date.UTC` counts
 * them, in integer arithmetic (H. Hinnant's `days_from_civil`): no call into the Date builtins.
 */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The canonical RFC 3339 text of a canonical EM time: kept as it is when it already has 3 digits. */
const isMsText = (s: string): boolean => s.length === 24 && s.charCodeAt(19) === 46

/** Epoch ms of an EM time, from its fast reading `fast` when there is one. */
const msOf = (v: string, fast: number, field: string): number =>
  Number.isNaN(fast) ? parseEmTime(v, field) : fast

/** RFC 3339 text of an EM time: canonical text is kept as it is (no Date round trip). */
const textOf = (v: string, fast: number, ms: number): string =>
  !Number.isNaN(fast) && isMsText(v) ? v : new Date(ms).toISOString()

export interface Times {
  readonly creationTime: string
  readonly endTime: string | null
  readonly durationSeconds: number | null
  readonly createdMs: number
  readonly endedMs: number | null
}

/** Creation/end times as RFC 3339 UTC with milliseconds and as epoch ms, and the duration in fractional seconds. */
export const timesOf = (raw: RawSession): Times => {
  const created = raw.CreationTimeUTC
  const createdFast = canonicalMs(created)
  const createdMs = msOf(created, createdFast, 'CreationTimeUTC')
  const creationTime = textOf(created, createdFast, createdMs)
  const ended = textOrNull(raw.EndTimeUTC)
  if (ended === null) return { creationTime, endTime: null, durationSeconds: null, createdMs, endedMs: null }
  const endedFast = canonicalMs(ended)
  const endedMs = msOf(ended, endedFast, 'EndTimeUTC')
  return {
    creationTime,
    endTime: textOf(ended, endedFast, endedMs),
    durationSeconds: (endedMs - createdMs) / 1000,
    createdMs,
    endedMs,
  }
}

const SESSION_STAMP_LENGTH = 19

/** A job session's name is `<JobName>@<timestamp>`: the job name is everything before the last `@`. */
export const jobNameFromSessionName = (sessionName: string | null): string | null => {
  if (sessionName === null) return null
  // `@` and a `YYYY-MM-DD HH:MM:SS` timestamp (EM 13 adds fractional seconds: then a search).
  const at = lastBefore(sessionName, '@', sessionName.length, SESSION_STAMP_LENGTH)
  return at <= 0 ? sessionName : sessionName.slice(0, at)
}

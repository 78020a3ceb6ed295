/**
 * @module Pure helpers shared by the session mappers: ids from UIDs, links, times, empties.
 * No I/O, no logging; a value EM sends that cannot be read throws `EmBadResponseError`.
 */
import { EmBadResponseError } from '../em/errors'
import type { RawLink, RawSession } from '../em/raw'

export interface BackupServerRef {
  id: string
  name: string
}

/** `urn:veeam:BackupJobSession:<guid>` (or a bare GUID) → lower-case `<guid>`; null when absent. */
export const guidOf = (uid: string | null | undefined): string | null => {
  if (!uid) return null
  return uid.slice(uid.lastIndexOf(':') + 1).toLowerCase()
}

/** The last path segment of an Href, without query string, lower-cased (`…/backupServers/<guid>`). */
const lastSegment = (href: string): string => {
  const q = href.indexOf('?')
  const path = q === -1 ? href : href.slice(0, q)
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase()
}

/** The first link with this Rel and Type, or undefined. Types are compared exactly, Rel case-insensitively. */
export const findLink = (links: readonly RawLink[] | null | undefined, type: string): RawLink | undefined => {
  if (!links) return undefined
  for (let i = 0; i < links.length; i++) {
    const l = links[i]
    if (l !== undefined && l.Type === type && l.Rel.toLowerCase() === 'up') return l
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
  if (Number.isNaN(ms)) throw new EmBadResponseError(`EM sent an unreadable ${field}`)
  return ms
}

export interface Times {
  creationTime: string
  endTime: string | null
  durationSeconds: number | null
}

/** Creation/end times as RFC 3339 UTC with milliseconds, and the duration in fractional seconds. */
export const timesOf = (raw: RawSession): Times => {
  const start = parseEmTime(raw.CreationTimeUTC, 'CreationTimeUTC')
  const endText = textOrNull(raw.EndTimeUTC)
  if (endText === null)
    return { creationTime: new Date(start).toISOString(), endTime: null, durationSeconds: null }
  const end = parseEmTime(endText, 'EndTimeUTC')
  return {
    creationTime: new Date(start).toISOString(),
    endTime: new Date(end).toISOString(),
    durationSeconds: (end - start) / 1000,
  }
}

/** A job session's name is `<JobName>@<timestamp>`: the job name is everything before the last `@`. */
export const jobNameFromSessionName = (sessionName: string | null): string | null => {
  if (sessionName === null) return null
  const at = sessionName.lastIndexOf('@')
  return at <= 0 ? sessionName : sessionName.slice(0, at)
}

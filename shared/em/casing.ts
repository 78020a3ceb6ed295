/**
 * @module The two key casings of EM's JSON. EM 12 and earlier answer PascalCase (`UID`,
 * `CreationTimeUTC`, `PagingInfo`); EM 13.0 answers camelCase (`uid`, `creationTimeUTC`, `pagingInfo`)
 * for the same API versions, so the casing is decided from each body, never from a version.
 * The JSON decoders look keys up through a `Keys` table of the casing they found.
 * @see em-reference §4 "JSON representation"; the v12/v13 captures in test/fixtures/em
 */

/**
 * .NET's camelCase rule (Newtonsoft and System.Text.Json alike): lower-case the leading run of
 * capitals, except the last one when a lower-case letter follows it.
 * @example camelKey('UID') === 'uid'; camelKey('NASJobs') === 'nasJobs'; camelKey('CreationTimeUTC') === 'creationTimeUTC'
 */
export const camelKey = (name: string): string => {
  let i = 0
  while (i < name.length && isUpper(name.charCodeAt(i))) {
    if (i > 0 && i + 1 < name.length && !isUpper(name.charCodeAt(i + 1))) break
    i++
  }
  return name.slice(0, i).toLowerCase() + name.slice(i)
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90

/** The keys of a session entity the decoders read, by their PascalCase (EM ≤ 12) names. */
export const ENTITY_KEY_NAMES = [
  'Type',
  'Href',
  'Name',
  'UID',
  'Links',
  'VmDisplayName',
  'JobUid',
  'JobName',
  'JobType',
  'Progress',
  'IsRetry',
  'FailureMessage',
  'PolicyUid',
  'PolicyName',
  'PolicyType',
  'JobSessionUid',
  'PolicySessionUid',
  'Reason',
  'TotalSize',
  'VmUid',
  'CreationTimeUTC',
  'EndTimeUTC',
  'State',
  'Result',
] as const

/** Every JSON key the decoders read, by its PascalCase (EM ≤ 12) name. */
const KEY_NAMES = [
  // QueryResult
  'PagingInfo',
  'PageNum',
  'PageSize',
  'PagesCount',
  'Entities',
  'Refs',
  ...ENTITY_KEY_NAMES,
  // links
  'Rel',
  // Error, LogonSession
  'Message',
  'StatusCode',
  'SessionId',
] as const

export type KeyName = (typeof KEY_NAMES)[number]

/** PascalCase name → the key to read in a body of one casing. */
export type Keys = Readonly<Record<KeyName, string>>

const table = (name: (k: KeyName) => string): Keys => {
  const out: Partial<Record<KeyName, string>> = {}
  for (const k of KEY_NAMES) out[k] = name(k)
  return out as Keys
}

export const PASCAL: Keys = table((k) => k)
export const CAMEL: Keys = table(camelKey)

/**
 * The table for an object that should hold `probe` (a key every such object has): PascalCase when
 * that key is there, camelCase when its camelCase form is; null when neither is (not that object).
 */
export const keysOf = (o: Readonly<Record<string, unknown>>, probe: KeyName): Keys | null => {
  if (o[PASCAL[probe]] !== undefined) return PASCAL
  if (o[CAMEL[probe]] !== undefined) return CAMEL
  return null
}

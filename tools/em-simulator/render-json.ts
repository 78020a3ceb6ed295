/**
 * @module JSON representations of sessions, shaped as EM shapes them (em-reference §4): subclass
 * fields first, then Name, UID, Links, Href, Type; links as `{Rel,Href,Name,Type}` with nulls;
 * `EndTimeUTC` absent while running; `FailureMessage` null when empty.
 */
import type { SimSession } from './dataset-types'
import { entityFields, entityLinks, refLinks, sessionHref } from './links'
import type { Link } from './links'

const q = (s: string): string => JSON.stringify(s)

/** A JSON `Links` array. */
export const linksJson = (links: readonly Link[]): string =>
  `[${links
    .map(
      (l) =>
        `{"Rel":${q(l.rel)},"Href":${q(l.href)},"Name":${l.name === null ? 'null' : q(l.name)},"Type":${l.type === null ? 'null' : q(l.type)}}`
    )
    .join(',')}]`

const isJobSession = (s: SimSession): boolean => !s.type.endsWith('TaskSession')

/** The entity object (`?format=Entity`). */
export const entityJson = (base: string, s: SimSession): string => {
  const parts: string[] = []
  for (const [name, value] of entityFields(s)) {
    if (value === undefined) {
      if (name === 'FailureMessage' && isJobSession(s)) parts.push('"FailureMessage":null')
      continue
    }
    parts.push(`${q(name)}:${typeof value === 'string' ? q(value) : String(value)}`)
  }
  if ('vmName' in s) parts.push(`"VmDisplayName":${q(s.vmName)}`)
  const href = sessionHref(base, s)
  parts.push(`"Name":${q(s.name)}`, `"UID":${q(s.uid)}`, `"Links":${linksJson(entityLinks(base, s))}`)
  parts.push(`"Href":${q(`${href}?format=Entity`)}`, `"Type":${q(s.type)}`)
  return `{${parts.join(',')}}`
}

/** The reference object (EntityRef / element of `Refs`). */
export const refJson = (base: string, s: SimSession): string =>
  `{"Links":${linksJson(refLinks(base, s))},"UID":${q(s.uid)},"Name":${q(s.name)},"Href":${q(sessionHref(base, s))},"Type":${q(`${s.type}Reference`)}}`

/** EM's JSON Error body. */
export const errorJson = (status: number, message: string, stackTrace?: string): string =>
  JSON.stringify({
    FirstChanceExceptionMessage: stackTrace === undefined ? null : message,
    Message: message,
    StackTrace: stackTrace ?? null,
    Status: null,
    StatusCode: status,
  })

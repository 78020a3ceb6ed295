/**
 * @module XML representations of sessions, laid out as EM lays them out (13.x style: 4-space
 * indentation, `Href Type Name UID [VmDisplayName]` on entities, `UID Name Href Type` on refs,
 * `Href Name Type Rel` on links, xmlns:xsd/xsi on roots, `&amp;` in hrefs).
 */
import type { SimSession } from './dataset-types'
import { entityFields, entityLinks, refLinks, sessionHref } from './links'
import type { Link } from './links'
import { escXml } from './text'

export const NS = 'http://www.veeam.com/ent/v1.0'
export const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>\n'
export const XSD_XSI =
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'

const indent = (depth: number): string => '    '.repeat(depth)

const linkXml = (l: Link, pad: string): string => {
  let attrs = `Href="${escXml(l.href)}"`
  if (l.name !== null) attrs += ` Name="${escXml(l.name)}"`
  if (l.type !== null) attrs += ` Type="${escXml(l.type)}"`
  return `${pad}<Link ${attrs} Rel="${l.rel}" />\n`
}

const linksXml = (links: readonly Link[], depth: number): string => {
  const pad = indent(depth)
  let out = `${pad}<Links>\n`
  for (const l of links) out += linkXml(l, indent(depth + 1))
  return `${out}${pad}</Links>\n`
}

/** Root attributes: namespaces around the element's own attributes, as EM writes them. */
const rootAttrs = (own: string, root: boolean): string => (root ? `${XSD_XSI} ${own} xmlns="${NS}"` : own)

/** The entity (`?format=Entity`) at `depth`; `root` adds the XML declaration and namespaces. */
export const entityXml = (base: string, s: SimSession, depth: number, root: boolean): string => {
  const pad = indent(depth)
  let own = `Href="${escXml(sessionHref(base, s))}?format=Entity" Type="${s.type}" Name="${escXml(s.name)}" UID="${s.uid}"`
  if ('vmName' in s) own += ` VmDisplayName="${escXml(s.vmName)}"`
  let out = `${root ? XML_DECL : ''}${pad}<${s.type} ${rootAttrs(own, root)}>\n${linksXml(entityLinks(base, s), depth + 1)}`
  const inner = indent(depth + 1)
  for (const [name, value] of entityFields(s)) {
    if (value === undefined) continue
    out += value === '' ? `${inner}<${name} />\n` : `${inner}<${name}>${escXml(String(value))}</${name}>\n`
  }
  return `${out}${pad}</${s.type}>\n`
}

/** A reference: `<Ref>` inside lists, `<EntityRef>` (with `root`) on its own. */
export const refXml = (base: string, s: SimSession, depth: number, root: boolean): string => {
  const pad = indent(depth)
  const tag = root ? 'EntityRef' : 'Ref'
  const own = `UID="${s.uid}" Name="${escXml(s.name)}" Href="${escXml(sessionHref(base, s))}" Type="${s.type}Reference"`
  return `${root ? XML_DECL : ''}${pad}<${tag} ${rootAttrs(own, root)}>\n${linksXml(refLinks(base, s), depth + 1)}${pad}</${tag}>\n`
}

/** `<Error Message StatusCode>` with optional FirstChanceExceptionMessage / StackTrace children. */
export const errorXml = (status: number, message: string, stackTrace?: string): string => {
  const attrs = `Message="${escXml(message)}" StatusCode="${status}" xmlns="${NS}" ${XSD_XSI}`
  if (stackTrace === undefined) return `${XML_DECL}<Error ${attrs} />`
  return (
    `${XML_DECL}<Error ${attrs}>\n    <FirstChanceExceptionMessage>${escXml(message)}</FirstChanceExceptionMessage>\n` +
    `    <StackTrace>${escXml(stackTrace)}</StackTrace>\n</Error>`
  )
}

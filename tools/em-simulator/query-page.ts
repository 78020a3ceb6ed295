/**
 * @module Renders one page of a `/api/query` selection as EM's `QueryResult` (XML or JSON), with
 * `PagingInfo` (PageNum, PageSize, PagesCount) and First/Next/Last links that echo the query
 * (the filter URL-encoded; `&amp;` in XML). Next is absent on the last page.
 */
import { SIM_ENTITY_LIST_NAMES } from './em-api'
import type { SimQueryType } from './em-api'
import type { SimSession } from './dataset-types'
import type { FragmentCache } from './fragment-cache'
import { NS, XML_DECL, XSD_XSI } from './render-xml'
import { escXml } from './text'

export interface PageRequest {
  readonly type: SimQueryType
  readonly format: 'Entities' | 'References'
  readonly filter: string | undefined
  readonly sort: { readonly field: string; readonly desc: boolean } | undefined
  readonly pageSize: number
  readonly page: number
}

/** Every list key of `Entities` in EM 12's JSON (all but one are null in a response; EM's typos kept). */
const JSON_ENTITY_KEYS = [
  'BackupJobSessions',
  'BackupTaskSessions',
  'ReplicaJobSessions',
  'ReplicaTaskSessions',
  'RestoreSessions',
  'CdpReplicaSessions',
  'CdpReplicaTaskSessions',
  'Jobs',
  'BackupServers',
  'ManagedServers',
  'Repositories',
  'Backups',
  'RestorePoints',
  'VmRestorePoints',
  'Replicas',
  'VmReplicaPoints',
  'FailoverPlans',
  'CloudTenants',
  'EnterpiseRoles',
  'EnterpiseAccounts',
  'AgentBackupJobs',
  'NasJobs',
  'FileServers',
] as const

const pageHref = (base: string, r: PageRequest, page: number): string => {
  let href = `${base}/api/query?type=${r.type}&format=${r.format}`
  if (r.sort !== undefined)
    href += `&${r.sort.desc ? 'sortDesc' : 'sortAsc'}=${encodeURIComponent(r.sort.field)}`
  if (r.filter !== undefined) href += `&filter=${encodeURIComponent(r.filter)}`
  return `${href}&pageSize=${r.pageSize}&page=${page}`
}

const pagingLinks = (base: string, r: PageRequest, pagesCount: number): { rel: string; href: string }[] => {
  const last = Math.max(1, pagesCount)
  const links = [{ rel: 'First', href: pageHref(base, r, 1) }]
  if (r.page < pagesCount) links.push({ rel: 'Next', href: pageHref(base, r, r.page + 1) })
  links.push({ rel: 'Last', href: pageHref(base, r, last) })
  return links
}

const COMMA = Buffer.from(',')

/** Renders the page; `all` is the whole selection. A JSON page of entities is UTF-8 bytes. */
export const renderQueryPage = (
  base: string,
  cache: FragmentCache,
  r: PageRequest,
  all: readonly SimSession[],
  json: boolean
): string | Buffer => {
  const pagesCount = Math.ceil(all.length / r.pageSize)
  const items = all.slice((r.page - 1) * r.pageSize, r.page * r.pageSize)
  const links = pagingLinks(base, r, pagesCount)
  const listName = SIM_ENTITY_LIST_NAMES[r.type]
  const entities = r.format === 'Entities'
  if (json) {
    const paging = `{"Links":[${links.map((l) => `{"Rel":"${l.rel}","Href":${JSON.stringify(l.href)},"Name":null,"Type":null}`).join(',')}],"PageNum":${r.page},"PageSize":${r.pageSize},"PagesCount":${pagesCount}}`
    if (!entities) {
      const refs = items.map((s) => cache.refJson(s)).join(',')
      return `{"Refs":{"Refs":[${refs}]},"Entities":null,"Resources":null,"Links":null,"PagingInfo":${paging}}`
    }
    // Around the list: the other entity keys (null) and the paging info, as text.
    const LIST = '\u0000'
    const keys = JSON_ENTITY_KEYS.map((k) => `"${k}":${k === listName ? LIST : 'null'}`).join(',')
    const [head = '', tail = ''] =
      `{"Refs":null,"Entities":{${keys}},"Resources":null,"Links":null,"PagingInfo":${paging}}`.split(LIST)
    const parts: Buffer[] = [Buffer.from(`${head}{${JSON.stringify(listName)}:[`, 'utf8')]
    items.forEach((s, i) => {
      if (i > 0) parts.push(COMMA)
      parts.push(cache.entityJsonBytes(s))
    })
    parts.push(Buffer.from(`]}${tail}`, 'utf8'))
    return Buffer.concat(parts)
  }
  let body = `${XML_DECL}<QueryResult ${XSD_XSI} xmlns="${NS}">\n`
  if (entities) {
    body += `    <Entities>\n`
    body += items.length === 0 ? `        <${listName} />\n` : `        <${listName}>\n`
    for (const s of items) body += cache.entityXml(s, 3)
    if (items.length > 0) body += `        </${listName}>\n`
    body += `    </Entities>\n`
  } else {
    body += items.length === 0 ? `    <Refs />\n` : `    <Refs>\n`
    for (const s of items) body += cache.refXml(s, 2)
    if (items.length > 0) body += `    </Refs>\n`
  }
  body += `    <PagingInfo PageNum="${r.page}" PageSize="${r.pageSize}" PagesCount="${pagesCount}">\n        <Links>\n`
  for (const l of links) body += `            <Link Href="${escXml(l.href)}" Rel="${l.rel}" />\n`
  return `${body}        </Links>\n    </PagingInfo>\n</QueryResult>`
}

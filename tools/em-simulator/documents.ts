/**
 * @module EM's non-session documents: the `/api/` entry point, the `LogonSession` body, and the
 * session collections (`EntityReferences`, plural entity lists) in XML and JSON.
 */
import type { SimSession } from './dataset-types'
import type { FragmentCache } from './fragment-cache'
import type { LogonSession } from './logon-store'
import { linksJson } from './render-json'
import { NS, XML_DECL, XSD_XSI } from './render-xml'
import { escXml } from './text'

const VERSIONS = ['v1_5', 'v1_6', 'v1_7'] as const

/** `GET /api/`: the EnterpriseManager root (no authentication). */
export const entryPoint = (base: string, json: boolean): string => {
  const api = `${base}/api`
  if (json) {
    const link = (href: string, type: string, rel: string) => ({ rel, href, name: null, type })
    const versions = VERSIONS.map(
      (v) =>
        `{"Links":${linksJson([link(`${api}/sessionMngr/?v=${v}`, 'LogonSession', 'Create')])},"Name":"${v}"}`
    )
    const links = linksJson([
      link(`${api}/logonSessions`, 'LogonSessionList', 'Down'),
      link(`${api}/sessionMngr/?v=latest`, 'LogonSession', 'Create'),
    ])
    return `{"SupportedVersions":{"SupportedVersions":[${versions.join(',')}]},"Links":${links},"Href":"${api}/","Type":"EnterpriseManager"}`
  }
  let out = `${XML_DECL}<EnterpriseManager ${XSD_XSI} xmlns="${NS}">\n <Links>\n`
  out += `   <Link Href="${api}/logonSessions" Type="LogonSessionList" Rel="Down"/>\n`
  out += `   <Link Href="${api}/sessionMngr/?v=latest" Type="LogonSession" Rel="Create"/>\n </Links>\n <SupportedVersions>\n`
  for (const v of VERSIONS) {
    out += `   <SupportedVersion Name="${v}">\n     <Links>\n       <Link Href="${api}/sessionMngr/?v=${v}" Type="LogonSession" Rel="Create"/>\n     </Links>\n   </SupportedVersion>\n`
  }
  return `${out} </SupportedVersions>\n</EnterpriseManager>`
}

const LOGON_DOWN = [
  ['BackupServerReferenceList', 'backupServers'],
  ['JobReferenceList', 'jobs'],
  ['BackupJobSessionReferenceList', 'backupSessions'],
  ['ReplicaJobSessionReferenceList', 'replicaSessions'],
  ['BackupTaskSessionReferenceList', 'backupTaskSessions'],
  ['ReplicaTaskSessionReferenceList', 'replicaTaskSessions'],
  ['CdpReplicaSessionReferenceList', 'cdpReplicaSessions'],
  ['CdpReplicaTaskSessionReferenceList', 'cdpReplicaTaskSessions'],
  ['QueryService', 'querySvc'],
  ['BackupJobSessionList', 'backupSessions?format=Entity'],
  ['ReplicaJobSessionList', 'replicaSessions?format=Entity'],
  ['BackupTaskSessionList', 'backupTaskSessions?format=Entity'],
  ['ReplicaTaskSessionList', 'replicaTaskSessions?format=Entity'],
] as const

/** The `LogonSession` body of a successful logon. */
export const logonSessionBody = (base: string, s: LogonSession, json: boolean): string => {
  const api = `${base}/api`
  const href = `${api}/logonSessions/${s.sessionId}`
  const links = [
    { rel: 'Up', href: `${api}/`, name: null, type: 'EnterpriseManager' },
    ...LOGON_DOWN.map(([type, path]) => ({ rel: 'Down', href: `${api}/${path}`, name: null, type })),
    { rel: 'Delete', href, name: null, type: null },
  ]
  if (json) {
    return `{"UserName":${JSON.stringify(s.userName)},"SessionId":"${s.sessionId}","Links":${linksJson(links)},"Href":"${href}","Type":"LogonSession"}`
  }
  let out = `${XML_DECL}<LogonSession ${XSD_XSI} Href="${href}" Type="LogonSession" xmlns="${NS}">\n    <Links>\n`
  for (const l of links) {
    out += `        <Link Href="${escXml(l.href)}"${l.type === null ? '' : ` Type="${l.type}"`} Rel="${l.rel}" />\n`
  }
  return `${out}    </Links>\n    <UserName>${escXml(s.userName)}</UserName>\n    <SessionId>${s.sessionId}</SessionId>\n</LogonSession>`
}

/** A session collection: `EntityReferences` of refs, or (`entities`) the plural root list. */
export const collectionBody = (
  cache: FragmentCache,
  listName: string,
  items: readonly SimSession[],
  entities: boolean,
  json: boolean
): string => {
  if (json) {
    const parts = items.map((s) => (entities ? cache.entityJson(s) : cache.refJson(s)))
    return entities ? `{${JSON.stringify(listName)}:[${parts.join(',')}]}` : `{"Refs":[${parts.join(',')}]}`
  }
  const root = entities ? listName : 'EntityReferences'
  if (items.length === 0) return `${XML_DECL}<${root} ${XSD_XSI} xmlns="${NS}" />`
  let out = `${XML_DECL}<${root} ${XSD_XSI} xmlns="${NS}">\n`
  for (const s of items) out += entities ? cache.entityXml(s, 1) : cache.refXml(s, 1)
  return `${out}</${root}>`
}

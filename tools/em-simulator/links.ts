/**
 * @module The links and element values of each session representation, shared by the XML and
 * JSON renderers so both say the same thing (em-reference §3: Up server, Up job / parent session /
 * CDP policy, Alternate, Down children, Stop, Related restore point).
 */
import { SIM_COLLECTIONS } from './em-api'
import type { SimJobSession, SimSession, SimTaskSession } from './dataset-types'
import { dotNetTime, nameTime } from './text'

export interface Link {
  readonly rel: string
  readonly href: string
  readonly name: string | null
  readonly type: string | null
}

/** An element of an entity: `undefined` = omitted, `''` = empty element (`<Reason />`). */
export type Field = readonly [name: string, value: string | number | boolean | undefined]

const PARENT: Record<SimTaskSession['type'], SimJobSession['type']> = {
  BackupTaskSession: 'BackupJobSession',
  ReplicaTaskSession: 'ReplicaJobSession',
  CdpReplicaTaskSession: 'CdpReplicaSession',
}

/** Children paths as EM's own links spell them (`repicaTaskSessions` is EM's typo). */
const CHILDREN: Record<SimJobSession['type'], string> = {
  BackupJobSession: 'taskSessions',
  ReplicaJobSession: 'repicaTaskSessions',
  CdpReplicaSession: 'cdpReplicaTaskSessions',
}

const isTask = (s: SimSession): s is SimTaskSession => s.type.endsWith('TaskSession')

/** `{base}/api/{collection}/{id}`. */
export const sessionHref = (base: string, s: SimSession): string =>
  `${base}/api/${SIM_COLLECTIONS[s.type]}/${s.id}`

const upLinks = (base: string, s: SimSession): Link[] => {
  const server: Link = {
    rel: 'Up',
    href: `${base}/api/backupServers/${s.serverId}`,
    name: s.serverName,
    type: 'BackupServerReference',
  }
  if (isTask(s)) {
    const parentType = PARENT[s.type]
    const href = `${base}/api/${SIM_COLLECTIONS[parentType]}/${s.jobSessionId}`
    return [server, { rel: 'Up', href, name: s.jobSessionName, type: `${parentType}Reference` }]
  }
  if (s.type === 'CdpReplicaSession') {
    return [
      server,
      { rel: 'Up', href: `${base}/api/cdpPolicies/${s.jobId}`, name: s.jobName, type: 'CdpPolicyReference' },
    ]
  }
  return [server, { rel: 'Up', href: `${base}/api/jobs/${s.jobId}`, name: s.jobName, type: 'JobReference' }]
}

const downLink = (base: string, s: SimJobSession): Link => ({
  rel: 'Down',
  href: `${sessionHref(base, s)}/${CHILDREN[s.type]}`,
  name: null,
  type: `${PARENT_OF_CHILD[s.type]}ReferenceList`,
})
const PARENT_OF_CHILD: Record<SimJobSession['type'], SimTaskSession['type']> = {
  BackupJobSession: 'BackupTaskSession',
  ReplicaJobSession: 'ReplicaTaskSession',
  CdpReplicaSession: 'CdpReplicaTaskSession',
}

/** Links of the entity representation (`?format=Entity`). */
export const entityLinks = (base: string, s: SimSession): Link[] => {
  const links = upLinks(base, s)
  const href = sessionHref(base, s)
  links.push({ rel: 'Alternate', href, name: s.name, type: `${s.type}Reference` })
  if (isTask(s)) {
    if (s.restorePointId !== null && s.endTime !== null) {
      const replica = s.type === 'ReplicaTaskSession'
      const path = replica ? 'vmReplicaPoints' : 'vmRestorePoints'
      const name = `${s.vmName}@${nameTime(s.endTime)}`
      links.push({
        rel: 'Related',
        href: `${base}/api/${path}/${s.restorePointId}?format=Entity`,
        name,
        type: replica ? 'VmReplicaPoint' : 'VmRestorePoint',
      })
    }
    return links
  }
  links.push(downLink(base, s))
  if (s.type === 'BackupJobSession') {
    links.push({ rel: 'Stop', href: `${href}?action=stop`, name: null, type: null })
    if (s.restorePointId !== null) {
      links.push({
        rel: 'Related',
        href: `${base}/api/restorePoints/${s.restorePointId}`,
        name: '',
        type: 'RestorePointReference',
      })
    }
  }
  return links
}

/** Links of the reference representation (EntityRef, `<Ref>`). */
export const refLinks = (base: string, s: SimSession): Link[] => {
  const links = upLinks(base, s)
  links.push({ rel: 'Alternate', href: `${sessionHref(base, s)}?format=Entity`, name: s.name, type: s.type })
  if (!isTask(s)) links.push(downLink(base, s))
  return links
}

const endTime = (s: SimSession) => (s.endTime === null ? undefined : dotNetTime(s.endTime))

/** The entity's elements after `<Links>`, in EM's order. */
export const entityFields = (s: SimSession): Field[] => {
  switch (s.type) {
    case 'BackupJobSession':
    case 'ReplicaJobSession':
      return [
        ['JobUid', `urn:veeam:Job:${s.jobId}`],
        ['JobName', s.jobName],
        ['JobType', s.jobType],
        ['CreationTimeUTC', dotNetTime(s.creationTime)],
        ['EndTimeUTC', endTime(s)],
        ['State', s.state],
        ['Result', s.result],
        ['Progress', s.progress],
        ['FailureMessage', s.failureMessage || undefined],
        ['IsRetry', s.isRetry],
      ]
    case 'CdpReplicaSession':
      return [
        ['PolicyUid', `urn:veeam:CdpPolicy:${s.jobId}`],
        ['PolicyName', s.jobName],
        ['PolicyType', s.jobType],
        ['CreationTimeUTC', dotNetTime(s.creationTime)],
        ['EndTimeUTC', endTime(s)],
        ['State', s.state],
        ['Result', s.result],
        ['Progress', s.progress],
        ['FailureMessage', s.failureMessage],
        ['IsRetry', s.isRetry],
      ]
    case 'BackupTaskSession':
    case 'ReplicaTaskSession':
      return [
        ['JobSessionUid', `urn:veeam:${PARENT[s.type]}:${s.jobSessionId}`],
        ['CreationTimeUTC', dotNetTime(s.creationTime)],
        ['EndTimeUTC', endTime(s)],
        ['State', s.state],
        ['Result', s.result],
        ['Reason', s.reason],
        ['TotalSize', s.totalSize],
        ['VmUid', s.vmUid ?? undefined],
      ]
    case 'CdpReplicaTaskSession':
      return [
        ['PolicySessionUid', `urn:veeam:CdpReplicaSession:${s.jobSessionId}`],
        ['CreationTimeUTC', dotNetTime(s.creationTime)],
        ['EndTimeUTC', endTime(s)],
        ['State', s.state],
        ['Result', s.result],
        ['Reason', s.reason || undefined],
        ['TotalSize', s.totalSize],
      ]
  }
}

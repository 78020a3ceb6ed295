/**
 * @module Entity GETs (EntityRef / `?format=Entity`, 404), collections with the 30-day window,
 * children (both spellings of EM's replica path), and the XML layout against real fixtures.
 */
import { readFileSync } from 'node:fs'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator } from '../../tools/em-simulator/index'
import type { Simulator, SimSession } from '../../tools/em-simulator/index'
import { get, logon, NOW, parseXml } from './sim-client'

let sim: Simulator
let token: string
beforeAll(async () => {
  sim = await startSimulator({ now: NOW, scale: 0.2 })
  token = (await logon(sim)).token
})
afterAll(async () => {
  await sim.close()
})

type Node = Record<string, unknown>
const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' })

/** Element order and attribute names of an entity document (namespace declarations ignored). */
const shapeOf = (text: string) => {
  const nodes = ordered.parse(text) as Node[]
  const root = nodes.find((n) => !('?xml' in n)) ?? {}
  const tag = Object.keys(root).find((k) => k !== ':@') ?? ''
  const attrNames = (n: Node) =>
    Object.keys((n[':@'] as Record<string, string> | undefined) ?? {})
      .filter((a) => !a.startsWith('xmlns'))
      .sort()
  const children = (root[tag] as Node[]).filter((c) => !('#text' in c))
  const linksNode = children.find((c) => 'Links' in c) ?? {}
  const links = (linksNode.Links as Node[])
    .filter((c) => 'Link' in c)
    .map((l) => ({ rel: (l[':@'] as Record<string, string>).Rel, attrs: attrNames(l) }))
  const fields = children.map((c) => Object.keys(c).find((k) => k !== ':@'))
  return { tag, attrs: attrNames(root), links, fields }
}

const fixture = (name: string) => readFileSync(new URL(`../fixtures/em/${name}`, import.meta.url), 'utf8')

describe('EM simulator: entities, collections, children', () => {
  it.each([
    [
      'backuptasksession-entity-2.xml',
      'backupTaskSessions',
      (s: SimSession) =>
        s.type === 'BackupTaskSession' &&
        s.state === 'Completed' &&
        s.result === 'Success' &&
        s.vmUid !== null,
    ],
    [
      'backupjobsession-entity-2.xml',
      'backupSessions',
      (s: SimSession) =>
        s.type === 'BackupJobSession' &&
        s.result === 'Success' &&
        s.failureMessage === '' &&
        s.restorePointId !== null,
    ],
    [
      'cdpreplicasession-entity-1.xml',
      'cdpReplicaSessions',
      (s: SimSession) => s.type === 'CdpReplicaSession' && s.state === 'Working',
    ],
    [
      'cdpreplicatasksession-entity-1.xml',
      'cdpReplicaTaskSessions',
      (s: SimSession) => s.type === 'CdpReplicaTaskSession' && s.state === 'InProgress',
    ],
    [
      'replicasession-entity-1.xml',
      'replicaSessions',
      (s: SimSession) => s.type === 'ReplicaJobSession' && s.result === 'Success' && s.failureMessage === '',
    ],
    [
      'replicatasksession-entity-1.xml',
      'replicaTaskSessions',
      (s: SimSession) =>
        s.type === 'ReplicaTaskSession' && s.result === 'Success' && s.restorePointId !== null,
    ],
  ] as const)('Should lay out an entity like the fixture %s', async (file, collection, pick) => {
    const types = [
      'BackupTaskSession',
      'BackupJobSession',
      'CdpReplicaSession',
      'CdpReplicaTaskSession',
      'ReplicaJobSession',
      'ReplicaTaskSession',
    ] as const
    const session = types.flatMap((t) => [...sim.dataset.sessions(t)] as SimSession[]).find(pick)
    expect(session).toBeDefined()
    const res = await get(sim, token, `/api/${collection}/${session?.id ?? ''}?format=Entity`)
    expect(res.status).toBe(200)
    const got = shapeOf(await res.text())
    expect(got).toStrictEqual(shapeOf(fixture(file)))
  })

  it.each(['&', '"', '<'])(
    'Should escape %s in attributes and text and keep the entity parseable',
    async (ch) => {
      const s = sim.dataset.sessions('BackupTaskSession').find((t) => t.vmName.includes(ch))
      expect(s).toBeDefined()
      const res = await get(sim, token, `/api/backupTaskSessions/${s?.id ?? ''}?format=Entity`)
      const text = await res.text()
      expect(text).toContain({ '&': '&amp;', '"': '&quot;', '<': '&lt;' }[ch])
      const [e] = parseXml(text).BackupTaskSession as Record<string, string>[]
      expect(e?.['@_VmDisplayName']).toBe(s?.vmName)
    }
  )

  it('Should render times like .NET and omit EndTimeUTC while running', async () => {
    const running = sim.dataset.sessions('BackupJobSession').find((s) => s.endTime === null)
    const res = await get(sim, token, `/api/backupSessions/${running?.id ?? ''}?format=Entity`, true)
    const body = (await res.json()) as Record<string, unknown>
    expect('EndTimeUTC' in body).toBe(false)
    expect(body.Result).toBe('None')
    expect(body.FailureMessage).toBeNull()
    expect(body.CreationTimeUTC).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$/)
    expect(Date.parse(String(body.CreationTimeUTC))).toBe(running?.creationTime.getTime())
  })

  it('Should return an EntityRef by default and 404 for an unknown id', async () => {
    const s = sim.dataset.sessions('ReplicaJobSession')[3]
    const ref = parseXml(await (await get(sim, token, `/api/replicaSessions/${s?.id ?? ''}`)).text())
      .EntityRef as Record<string, unknown>
    expect(ref['@_UID']).toBe(s?.uid)
    expect(ref['@_Type']).toBe('ReplicaJobSessionReference')
    const links = (ref.Links as { Link: { '@_Rel': string; '@_Href': string }[] }).Link
    expect(links.find((l) => l['@_Rel'] === 'Down')?.['@_Href']).toBe(
      `${sim.url}/api/replicaSessions/${s?.id ?? ''}/repicaTaskSessions`
    )
    const missing = await get(
      sim,
      token,
      '/api/replicaSessions/00000000-0000-4000-8000-000000000000?format=Entity',
      true
    )
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ StatusCode: 404 })
  })

  it('Should serve children under both the documented and the misspelled replica path', async () => {
    const from = NOW.getTime() - 30 * 86_400_000
    const parent = sim.dataset
      .sessions('ReplicaJobSession')
      .find((s) => s.creationTime.getTime() > from + 86_400_000)
    const want = sim.dataset.tasksOf(parent?.id ?? '').map((t) => t.uid)
    expect(want.length).toBeGreaterThan(0)
    for (const child of ['replicaTaskSessions', 'repicaTaskSessions']) {
      const body = (await (
        await get(sim, token, `/api/replicaSessions/${parent?.id ?? ''}/${child}`, true)
      ).json()) as { Refs: { UID: string }[] }
      expect(body.Refs.map((r) => r.UID)).toStrictEqual(want)
    }
    const list = parseXml(
      await (
        await get(sim, token, `/api/replicaSessions/${parent?.id ?? ''}/replicaTaskSessions?format=Entity`)
      ).text()
    )
    expect(
      ((list.ReplicaTaskSessions as Record<string, { '@_UID': string }[]>).ReplicaTaskSession ?? []).map(
        (e) => e['@_UID']
      )
    ).toStrictEqual(want)
  })

  it('Should serve backup and CDP children', async () => {
    const backup = sim.dataset.sessions('BackupJobSession').at(-20)
    const cdp = sim.dataset.sessions('CdpReplicaSession').at(-2)
    const b = (await (
      await get(sim, token, `/api/backupSessions/${backup?.id ?? ''}/taskSessions`, true)
    ).json()) as { Refs: { UID: string }[] }
    expect(b.Refs.map((r) => r.UID)).toStrictEqual(sim.dataset.tasksOf(backup?.id ?? '').map((t) => t.uid))
    const c = (await (
      await get(sim, token, `/api/cdpReplicaSessions/${cdp?.id ?? ''}/cdpReplicaTaskSessions`, true)
    ).json()) as { Refs: { UID: string }[] }
    expect(c.Refs.map((r) => r.UID)).toStrictEqual(sim.dataset.tasksOf(cdp?.id ?? '').map((t) => t.uid))
  })

  it('Should limit collections to sessions created in the last 30 days', async () => {
    const from = NOW.getTime() - 30 * 86_400_000
    const all = sim.dataset.sessions('BackupJobSession')
    const want = all.filter((s) => s.creationTime.getTime() >= from).map((s) => s.uid)
    expect(want.length).toBeLessThan(all.length)
    const refs = (await (await get(sim, token, '/api/backupSessions', true)).json()) as {
      Refs: { UID: string }[]
    }
    expect(refs.Refs.map((r) => r.UID)).toStrictEqual(want)
    const list = (await (await get(sim, token, '/api/backupSessions?format=Entity', true)).json()) as {
      BackupJobSessions: { UID: string }[]
    }
    expect(list.BackupJobSessions.map((r) => r.UID)).toStrictEqual(want)
    const xmlRefs = parseXml(await (await get(sim, token, '/api/cdpReplicaTaskSessions')).text())
      .EntityReferences as { Ref: unknown[] }
    expect(xmlRefs.Ref.length).toBe(
      sim.dataset.sessions('CdpReplicaTaskSession').filter((s) => s.creationTime.getTime() >= from).length
    )
  })

  it('Should answer 404 for unknown routes and 405 for wrong methods', async () => {
    expect((await get(sim, token, '/api/nothingHere')).status).toBe(404)
    const res = await fetch(`${sim.url}/api/query?type=BackupJobSession`, {
      method: 'POST',
      headers: { 'X-RestSvcSessionId': token },
    })
    expect(res.status).toBe(405)
  })
})

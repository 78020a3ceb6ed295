/**
 * @module `/api/query`: every session type in XML and JSON, paging and its links, and the filter
 * semantics (operators, AND/OR, quoting, case-insensitive fields, times, enum order, UIDs),
 * checked against expectations computed from `sim.dataset`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EM_ENTITY_LIST_NAMES, EM_QUERY_FIELDS } from '../../shared/em/query-types'
import type { EmQueryType } from '../../shared/em/query-types'
import { startSimulator } from '../../tools/em-simulator/index'
import type { Simulator, SimSession } from '../../tools/em-simulator/index'
import { allUids, get, jsonQuery, logon, NOW, parseXml, queryPath } from './sim-client'

let sim: Simulator
let token: string
beforeAll(async () => {
  sim = await startSimulator({ now: NOW, scale: 0.3 })
  token = (await logon(sim)).token
})
afterAll(async () => {
  await sim.close()
})

const TYPES = Object.keys(EM_QUERY_FIELDS) as EmQueryType[]
const uids = (list: readonly SimSession[]) => list.map((s) => s.uid)
const byTimeDesc = (list: readonly SimSession[]) =>
  [...list].sort((a, b) => b.creationTime.getTime() - a.creationTime.getTime() || (a.id < b.id ? -1 : 1))

describe('EM simulator: /api/query', () => {
  it.each(TYPES)('Should page %s entities in XML with PagingInfo and First/Next/Last links', async (type) => {
    const all = sim.dataset.sessions(type)
    const res = await get(sim, token, queryPath({ type, format: 'Entities', pageSize: 7, page: 2 }))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    const text = await res.text()
    const qr = parseXml(text).QueryResult as Record<string, Record<string, unknown>>
    const list =
      (qr.Entities?.[EM_ENTITY_LIST_NAMES[type]] as Record<string, { '@_UID': string }[]>)[type] ?? []
    expect(list.map((e) => e['@_UID'])).toStrictEqual(uids(all.slice(7, 14)))
    const paging = qr.PagingInfo as {
      '@_PageNum': string
      '@_PageSize': string
      '@_PagesCount': string
      Links: { Link: { '@_Rel': string; '@_Href': string }[] }
    }
    expect([paging['@_PageNum'], paging['@_PageSize'], paging['@_PagesCount']]).toStrictEqual([
      '2',
      '7',
      String(Math.ceil(all.length / 7)),
    ])
    expect(paging.Links.Link.map((l) => l['@_Rel'])).toStrictEqual(['First', 'Next', 'Last'])
    expect(paging.Links.Link[1]?.['@_Href']).toBe(
      `${sim.url}/api/query?type=${type}&format=Entities&pageSize=7&page=3`
    )
    expect(text).toContain('&amp;pageSize=7&amp;page=3')
    expect(text).not.toMatch(/&(?!amp;|quot;|lt;|gt;)/)
  })

  it.each(TYPES)('Should return %s in JSON as EM shapes it', async (type) => {
    const res = await get(sim, token, queryPath({ type, format: 'Entities', pageSize: 3 }), true)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const body = (await res.json()) as Record<string, unknown> & { Entities: Record<string, unknown> }
    expect(body.Refs).toBeNull()
    expect(body.Resources).toBeNull()
    expect(body.Links).toBeNull()
    const listName = EM_ENTITY_LIST_NAMES[type]
    for (const [k, v] of Object.entries(body.Entities)) if (k !== listName) expect(v).toBeNull()
    const items = (body.Entities[listName] as Record<string, Record<string, unknown>[]>)[listName] ?? []
    expect(items.map((i) => i.UID)).toStrictEqual(uids(sim.dataset.sessions(type).slice(0, 3)))
    const first = items[0] ?? {}
    expect(Object.keys(first).slice(-5)).toStrictEqual(['Name', 'UID', 'Links', 'Href', 'Type'])
    expect(first.Type).toBe(type)
    expect(
      (first.Links as unknown[]).every((l) => Object.keys(l as object).join() === 'Rel,Href,Name,Type')
    ).toBe(true)
  })

  it('Should return references by default (XML Refs, JSON Refs.Refs)', async () => {
    const xmlRes = await get(sim, token, queryPath({ type: 'backupjobsession', pageSize: 2 }))
    const refs = (
      (parseXml(await xmlRes.text()).QueryResult as Record<string, unknown>).Refs as {
        Ref: { '@_Type': string }[]
      }
    ).Ref
    expect(refs.map((r) => r['@_Type'])).toStrictEqual([
      'BackupJobSessionReference',
      'BackupJobSessionReference',
    ])
    const json = await jsonQuery(sim, token, { type: 'BackupJobSession', pageSize: 2 })
    expect(json.uids).toStrictEqual(uids(sim.dataset.sessions('BackupJobSession').slice(0, 2)))
  })

  it('Should default pageSize to 100, omit Next on the last page, and return an empty page beyond it', async () => {
    const n = sim.dataset.sessions('ReplicaJobSession').length
    const first = await jsonQuery(sim, token, { type: 'ReplicaJobSession' })
    expect(first.paging?.PageSize).toBe(100)
    const last = Math.ceil(n / 100)
    const lastPage = await jsonQuery(sim, token, { type: 'ReplicaJobSession', page: last })
    expect(lastPage.paging?.Links.map((l) => l.Rel)).toStrictEqual(['First', 'Last'])
    expect(lastPage.uids.length).toBe(n - (last - 1) * 100)
    const beyond = await jsonQuery(sim, token, { type: 'ReplicaJobSession', page: last + 1 })
    expect(beyond.uids).toStrictEqual([])
  })

  it('Should sort descending with ties by id and echo the sort and the encoded filter in links', async () => {
    const filter = 'Result=="Failed"'
    const r = await jsonQuery(sim, token, {
      type: 'BackupTaskSession',
      format: 'Entities',
      sortDesc: 'creationtime',
      filter,
      pageSize: 5,
    })
    const want = byTimeDesc(sim.dataset.sessions('BackupTaskSession').filter((s) => s.result === 'Failed'))
    expect(r.uids).toStrictEqual(uids(want.slice(0, 5)))
    expect(r.paging?.Links[0]?.Href).toBe(
      `${sim.url}/api/query?type=BackupTaskSession&format=Entities&sortDesc=creationtime&filter=${encodeURIComponent(filter)}&pageSize=5&page=1`
    )
  })

  describe('filters', () => {
    const tasks = () => sim.dataset.sessions('BackupTaskSession')
    const jobs = () => sim.dataset.sessions('BackupJobSession')
    const t0 = new Date(NOW.getTime() - 5 * 86_400_000)

    it.each([
      ['==', (s: SimSession) => s.creationTime.getTime() === t0.getTime()],
      ['!=', (s: SimSession) => s.creationTime.getTime() !== t0.getTime()],
      ['<', (s: SimSession) => s.creationTime < t0],
      ['<=', (s: SimSession) => s.creationTime <= t0],
      ['>', (s: SimSession) => s.creationTime > t0],
      ['>=', (s: SimSession) => s.creationTime >= t0],
    ])('Should compare times as instants with %s', async (op, want) => {
      const got = await allUids(sim, token, {
        type: 'BackupJobSession',
        filter: `CreationTime${op}"${t0.toISOString()}"`,
      })
      expect(got).toStrictEqual(uids(jobs().filter(want)))
    })

    it('Should accept date-only, unquoted and fractional times', async () => {
      const day = '2025-10-18'
      const want = uids(jobs().filter((s) => s.creationTime >= new Date(`${day}T00:00:00Z`)))
      expect(
        await allUids(sim, token, { type: 'BackupJobSession', filter: `CreationTime>="${day}"` })
      ).toStrictEqual(want)
      expect(
        await allUids(sim, token, { type: 'BackupJobSession', filter: `CreationTime>=${day}T00:00:00` })
      ).toStrictEqual(want)
      const s = jobs()[20]
      const exact = await allUids(sim, token, {
        type: 'BackupJobSession',
        filter: `CreationTime=="${s?.creationTime.toISOString() ?? ''}"`,
      })
      expect(exact).toContain(s?.uid)
    })

    it('Should compare CDP times on CreationTimeUTC and refuse CreationTime there', async () => {
      const want = uids(sim.dataset.sessions('CdpReplicaSession').filter((s) => s.creationTime > t0))
      expect(
        await allUids(sim, token, {
          type: 'CdpReplicaSession',
          filter: `creationtimeutc>"${t0.toISOString()}"`,
        })
      ).toStrictEqual(want)
      const bad = await jsonQuery(sim, token, {
        type: 'CdpReplicaSession',
        filter: `CreationTime>"${t0.toISOString()}"`,
      })
      expect(bad.status).toBe(400)
    })

    it('Should order Result by index: Success < Warning < Failed', async () => {
      const got = await allUids(sim, token, { type: 'BackupTaskSession', filter: 'Result>Success' })
      expect(got).toStrictEqual(uids(tasks().filter((s) => s.result === 'Warning' || s.result === 'Failed')))
      const le = await allUids(sim, token, { type: 'BackupTaskSession', filter: 'result<=warning' })
      expect(le).toStrictEqual(uids(tasks().filter((s) => ['None', 'Success', 'Warning'].includes(s.result))))
    })

    it('Should combine AND/OR with ; binding tighter, and parentheses', async () => {
      const vm = tasks().find((s) => s.result === 'Failed')?.vmName ?? ''
      const q = (filter: string) => allUids(sim, token, { type: 'BackupTaskSession', filter })
      const name = `VmDisplayName=="${vm.replace(/"/g, '""')}"`
      expect(await q(`${name};Result==Failed,Result==Warning`)).toStrictEqual(
        uids(tasks().filter((s) => (s.vmName === vm && s.result === 'Failed') || s.result === 'Warning'))
      )
      expect(await q(`${name};(Result==Failed,Result==Warning)`)).toStrictEqual(
        uids(tasks().filter((s) => s.vmName === vm && (s.result === 'Failed' || s.result === 'Warning')))
      )
    })

    it('Should match quoted names with ; , ( ) "" and non-ASCII literally, case-insensitively', async () => {
      const tricky = [...new Set(tasks().map((s) => s.vmName))].filter((n) => /[;,()"&]|[^\x20-\x7e]/.test(n))
      expect(tricky.length).toBeGreaterThan(2)
      for (const vm of tricky) {
        const got = await allUids(sim, token, {
          type: 'BackupTaskSession',
          filter: `vmdisplayname=="${vm.toUpperCase().replace(/"/g, '""')}"`,
        })
        expect(got).toStrictEqual(uids(tasks().filter((s) => s.vmName.toLowerCase() === vm.toLowerCase())))
      }
    })

    it('Should drop spaces from unquoted values as EM does', async () => {
      const job = jobs().find((s) => s.jobName.includes(' '))
      const name = job?.jobName ?? ''
      const unquoted = await allUids(sim, token, { type: 'BackupJobSession', filter: `JobName==${name}` })
      expect(unquoted).toStrictEqual(
        uids(jobs().filter((s) => s.jobName.toLowerCase() === name.replace(/ /g, '').toLowerCase()))
      )
      const quoted = await allUids(sim, token, { type: 'BackupJobSession', filter: `JobName=="${name}"` })
      expect(quoted).toStrictEqual(uids(jobs().filter((s) => s.jobName.toLowerCase() === name.toLowerCase())))
    })

    it('Should accept a bare GUID or the URN for UID fields', async () => {
      const parent = jobs()[30]
      const want = uids(tasks().filter((s) => s.jobSessionId === parent?.id))
      expect(want.length).toBeGreaterThan(0)
      expect(
        await allUids(sim, token, {
          type: 'BackupTaskSession',
          filter: `JobSessionUid==${parent?.id.toUpperCase() ?? ''}`,
        })
      ).toStrictEqual(want)
      expect(
        await allUids(sim, token, {
          type: 'BackupTaskSession',
          filter: `JobSessionUid=="${parent?.uid ?? ''}"`,
        })
      ).toStrictEqual(want)
    })

    it('Should compare numbers and booleans', async () => {
      const big = 1024 ** 4
      expect(
        await allUids(sim, token, { type: 'BackupTaskSession', filter: `TotalSize>=${big}` })
      ).toStrictEqual(uids(tasks().filter((s) => s.totalSize >= big)))
      expect(await allUids(sim, token, { type: 'BackupJobSession', filter: 'IsRetry==true' })).toStrictEqual(
        uids(jobs().filter((s) => s.isRetry))
      )
    })

    it('Should match only != against a missing EndTime (running sessions)', async () => {
      const running = uids(jobs().filter((s) => s.endTime === null))
      const ended = await allUids(sim, token, { type: 'BackupJobSession', filter: 'EndTime>"2000-01-01"' })
      expect(ended.some((u) => running.includes(u))).toBe(false)
      expect(ended.length).toBe(jobs().length - running.length)
    })

    it.each([
      ['bad grammar', { type: 'BackupJobSession', filter: 'Name=="abc' }],
      ['an unknown field', { type: 'BackupJobSession', filter: 'VmDisplayName=="x"' }],
      ['a bad time', { type: 'BackupJobSession', filter: 'CreationTime>"yesterday"' }],
      ['a bad enum value', { type: 'BackupJobSession', filter: 'Result==Great' }],
      ['an unknown type', { type: 'RestoreSessionX' }],
      ['a bad pageSize', { type: 'BackupJobSession', pageSize: 0 }],
      ['an unknown sort field', { type: 'BackupJobSession', sortAsc: 'Nope' }],
    ])('Should answer 400 with an Error body for %s', async (_name, params) => {
      const r = await jsonQuery(sim, token, params)
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject({ StatusCode: 400, StackTrace: null })
    })
  })

  it('Should include sessions added later (addSessions) in new queries', async () => {
    const count = () =>
      sim.dataset.sessions('BackupJobSession').length + sim.dataset.sessions('ReplicaJobSession').length
    const before = count()
    const added = sim.addSessions({ count: 4, at: new Date(NOW.getTime() + 60_000) })
    expect(added.jobSessions.length).toBe(4)
    expect(count()).toBe(before + 4)
    // Same creation time for all: EM's order is then by id.
    const newBackups = added.jobSessions
      .filter((s) => s.type === 'BackupJobSession')
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((s) => s.uid)
    const got = await allUids(sim, token, {
      type: 'BackupJobSession',
      filter: `CreationTime>"${NOW.toISOString()}"`,
    })
    expect(got).toStrictEqual(newBackups)
    expect(added.jobSessions.every((s) => s.endTime === null && s.state === 'Working')).toBe(true)
    expect(added.taskSessions.length).toBeGreaterThan(0)
  })
})

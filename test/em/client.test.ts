/**
 * @module The real client against the simulator over real HTTP: one shared logon, re-logon after
 * expiry, no cookies, one Accept type, identical raw pages for XML and JSON, entity GETs, health
 * logon, logoff, and one `onCall` event per exchange.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmNotFoundError } from '../../shared/em/errors'
import type { EmQuery } from '../../shared/em/filter'
import type { Simulator } from '../../tools/em-simulator/index'
import { client, requests, start, TASKS, JSON_CASES } from './sim-harness'

describe.each(JSON_CASES)('EM JSON keys in %s case (XML alike)', (jsonCase) => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await start({ jsonCase })
  })
  afterAll(async () => {
    await sim.close()
  })

  describe('logon sessions', () => {
    it('Should log on once for N sequential calls', async () => {
      const { em } = client(sim)
      const before = sim.logonCount
      for (let i = 0; i < 5; i++)
        expect((await em.query({ ...TASKS, page: i + 1 })).entities).toHaveLength(20)
      expect(sim.logonCount - before).toBe(1)
      await em.close()
    })

    it('Should log on once for N parallel calls on a cold client', async () => {
      const { em, calls } = client(sim)
      const before = sim.logonCount
      const pages = await Promise.all(
        Array.from({ length: 8 }, (_, i) => em.query({ ...TASKS, page: i + 1 }))
      )
      expect(pages.every((p) => p.entities.length === 20)).toBe(true)
      expect(sim.logonCount - before).toBe(1)
      expect(calls.filter((c) => c.operation === 'logon')).toHaveLength(1)
      await em.close()
    })

    it('Should log on again after EM expired the session, and the call should succeed', async () => {
      const { em, calls } = client(sim)
      await em.query(TASKS)
      const before = sim.logonCount
      sim.expireSessions()
      calls.length = 0
      expect((await em.query(TASKS)).entities).toHaveLength(20)
      expect(sim.logonCount - before).toBe(1)
      expect(calls.map((c) => `${c.operation}:${c.status ?? '-'}`)).toStrictEqual([
        'query:401',
        'logon:201',
        'query:200',
      ])
      await em.close()
    })

    it('Should send exactly one Accept type per format', async () => {
      for (const format of ['json', 'xml'] as const) {
        const { em } = client(sim, { format })
        sim.clearLog()
        await em.query(TASKS)
        await em.close()
        const want = format === 'json' ? 'application/json' : 'application/xml'
        expect(sim.log.length).toBeGreaterThanOrEqual(3)
        expect(sim.log.every((e) => e.accept === want)).toBe(true)
      }
    })

    it('Should log on afresh on checkLogon without disturbing the current session', async () => {
      const { em } = client(sim)
      await em.query(TASKS)
      const before = sim.logonCount
      sim.clearLog()
      const r = await em.checkLogon()
      expect(r.durationMs).toBeGreaterThanOrEqual(0)
      expect(sim.logonCount - before).toBe(1)
      expect(requests(sim, '/api/logonSessions/').map((e) => [e.method, e.status])).toStrictEqual([
        ['DELETE', 204],
      ])
      expect((await em.query(TASKS)).entities).toHaveLength(20)
      expect(sim.logonCount - before).toBe(1)
      expect(requests(sim, '/api/query').map((e) => e.status)).toStrictEqual([200]) // the old token still works
      await em.close()
    })

    it('Should keep the fresh session of checkLogon on a cold client', async () => {
      const { em, calls } = client(sim)
      await em.checkLogon()
      await em.query(TASKS)
      await em.close()
      expect(calls.map((c) => c.operation)).toStrictEqual(['logon', 'query', 'logoff'])
    })

    it('Should log off on close with DELETE /api/logonSessions/{SessionId}', async () => {
      const { em } = client(sim)
      await em.query(TASKS)
      sim.clearLog()
      await em.close()
      const off = requests(sim, '/api/logonSessions/')
      expect(off.map((e) => [e.method, e.status])).toStrictEqual([['DELETE', 204]])
      expect(off[0]?.path).toMatch(/^\/api\/logonSessions\/[0-9a-f-]{36}$/i)
    })

    it('Should report one onCall event per HTTP exchange', async () => {
      const { em, calls } = client(sim)
      await em.query(TASKS)
      await em.query(TASKS)
      await em.close()
      expect(calls.map((c) => [c.operation, c.status, c.errorKind])).toStrictEqual([
        ['logon', 201, undefined],
        ['query', 200, undefined],
        ['query', 200, undefined],
        ['logoff', 204, undefined],
      ])
      expect(calls.every((c) => c.durationMs >= 0)).toBe(true)
    })
  })

  describe('cookies', () => {
    // A recording EM stand-in: sets the cookie EM sets, and remembers every Cookie header it receives.
    const seen: (string | undefined)[] = []
    let stub: http.Server
    let url = ''
    beforeAll(async () => {
      stub = http.createServer((req, res) => {
        seen.push(req.headers.cookie)
        if (req.method === 'POST') {
          res.writeHead(201, {
            'X-RestSvcSessionId': 'dG9rZW4=',
            'Set-Cookie': 'X-RestSvcSessionId=dG9rZW4=; Path=/api;',
            'Content-Type': 'application/json',
          })
          res.end('{"UserName":"u","SessionId":"15a3fc97-0325-4119-b789-5c0367c6c565"}')
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' })
          res.end('{"Entities":null,"PagingInfo":{"PageNum":1,"PageSize":20,"PagesCount":0}}')
        }
      })
      await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r))
      url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`
    })
    afterAll(async () => {
      stub.closeAllConnections()
      await new Promise((r) => stub.close(r))
    })

    it('Should never send a Cookie header, even after EM set one', async () => {
      const { em } = client(sim, { creds: { url } })
      await em.query(TASKS)
      await em.query(TASKS)
      await em.close()
      expect(seen.length).toBe(4)
      expect(seen.every((c) => c === undefined)).toBe(true)
    })
  })

  describe('formats and entities', () => {
    const queries: EmQuery[] = [
      TASKS,
      { type: 'BackupJobSession', sort: { field: 'CreationTime', direction: 'asc' }, pageSize: 50, page: 3 },
      {
        type: 'ReplicaTaskSession',
        sort: { field: 'CreationTime', direction: 'desc' },
        pageSize: 30,
        page: 1,
        filter: {
          or: [
            { field: 'Result', op: '==', value: 'Failed' },
            { field: 'Result', op: '==', value: 'Warning' },
          ],
        },
      },
      {
        type: 'CdpReplicaSession',
        sort: { field: 'CreationTimeUTC', direction: 'desc' },
        pageSize: 25,
        page: 2,
      },
      {
        type: 'CdpReplicaTaskSession',
        sort: { field: 'CreationTimeUTC', direction: 'desc' },
        pageSize: 25,
        page: 1,
      },
    ]

    it.each(queries.map((q) => [q.type, q] as const))(
      'Should decode identical raw pages from XML and JSON (%s)',
      async (_t, q) => {
        const xml = client(sim, { format: 'xml' })
        const json = client(sim, { format: 'json' })
        const [a, b] = await Promise.all([xml.em.query(q), json.em.query(q)])
        expect(a.entities.length).toBeGreaterThan(0)
        expect(a).toStrictEqual(b)
        await Promise.all([xml.em.close(), json.em.close()])
      }
    )

    it('Should GET one entity by id, and answer EmNotFoundError for an unknown id', async () => {
      const { em } = client(sim)
      const first = (await em.query(TASKS)).entities[0]
      const id = first?.UID.split(':').pop() ?? ''
      expect(await em.getEntity('BackupTaskSession', id)).toStrictEqual(first)
      await expect(
        em.getEntity('BackupTaskSession', '00000000-0000-4000-8000-000000000000')
      ).rejects.toBeInstanceOf(EmNotFoundError)
      await em.close()
    })
  })
})

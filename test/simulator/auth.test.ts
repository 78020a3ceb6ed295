/**
 * @module Logon, logoff, token expiry, cookie-wins, 401s, password rotation and the entry point,
 * over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator } from '../../tools/em-simulator/index'
import type { Simulator } from '../../tools/em-simulator/index'
import { basic, get, logon, NOW, parseXml } from './sim-client'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ now: NOW, scale: 0.1 })
})
afterAll(async () => {
  await sim.close()
})

const QUERY = '/api/query?type=BackupJobSession&pageSize=1'

describe('EM simulator: authentication', () => {
  it('Should serve the entry point without authentication', async () => {
    const res = await fetch(`${sim.url}/api/`)
    expect(res.status).toBe(200)
    const root = parseXml(await res.text()).EnterpriseManager as {
      SupportedVersions: { SupportedVersion: { '@_Name': string }[] }
    }
    expect(root.SupportedVersions.SupportedVersion.map((v) => v['@_Name'])).toStrictEqual([
      'v1_5',
      'v1_6',
      'v1_7',
    ])
  })

  it('Should log on with Basic auth: 201, token header, cookie and LogonSession body', async () => {
    const before = sim.logonCount
    const res = await fetch(`${sim.url}/api/sessionMngr/?v=v1_7`, {
      method: 'POST',
      headers: { Authorization: basic(sim.credentials.username, sim.credentials.password) },
    })
    expect(res.status).toBe(201)
    const token = res.headers.get('x-restsvcsessionid') ?? ''
    expect(token.length).toBeGreaterThan(10)
    expect(res.headers.get('set-cookie')).toBe(`X-RestSvcSessionId=${token}; Path=/api;`)
    const body = parseXml(await res.text()).LogonSession as {
      SessionId: string
      UserName: string
      '@_Href': string
    }
    expect(body.SessionId).toMatch(/^[0-9a-f-]{36}$/)
    expect(body.SessionId).not.toBe(token)
    expect(body.UserName).toBe(sim.credentials.username)
    expect(body['@_Href']).toBe(`${sim.url}/api/logonSessions/${body.SessionId}`)
    expect(sim.logonCount).toBe(before + 1)
    expect((await get(sim, token, QUERY)).status).toBe(200)
  })

  it.each([
    ['no Authorization header', undefined],
    ['a wrong password', basic('EM\\api', 'wrong')],
    ['an unknown user', basic('someone', 'Simulator-Dev-Passw0rd!')],
  ])('Should answer 401 with WWW-Authenticate and an Error body for %s', async (_name, authorization) => {
    const res = await fetch(`${sim.url}/api/sessionMngr/?v=latest`, {
      method: 'POST',
      headers: authorization === undefined ? {} : { Authorization: authorization },
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Basic Realm=RestSvc')
    const err = parseXml(await res.text()).Error as { '@_StatusCode': string; '@_Message': string }
    expect(err['@_StatusCode']).toBe('401')
    expect(err['@_Message'].length).toBeGreaterThan(0)
  })

  it('Should answer 401 (JSON Error body) without a token or with an unknown one', async () => {
    const variants: Record<string, string>[] = [{}, { 'X-RestSvcSessionId': 'bm90LWEtdG9rZW4=' }]
    for (const headers of variants) {
      const res = await fetch(`${sim.url}${QUERY}`, { headers: { ...headers, Accept: 'application/json' } })
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({
        StatusCode: 401,
        StackTrace: null,
        FirstChanceExceptionMessage: null,
      })
    }
  })

  it('Should let the cookie win over the header', async () => {
    const { token } = await logon(sim)
    const stale = await fetch(`${sim.url}${QUERY}`, {
      headers: { 'X-RestSvcSessionId': token, Cookie: 'X-RestSvcSessionId=stale-token' },
    })
    expect(stale.status).toBe(401)
    const good = await fetch(`${sim.url}${QUERY}`, {
      headers: { 'X-RestSvcSessionId': 'stale-token', Cookie: `X-RestSvcSessionId=${token}` },
    })
    expect(good.status).toBe(200)
  })

  it('Should log off with DELETE /api/logonSessions/{SessionId} → 204, after which the token is refused', async () => {
    const { token, sessionId } = await logon(sim)
    const res = await fetch(`${sim.url}/api/logonSessions/${sessionId}`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': token },
    })
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    expect((await get(sim, token, QUERY)).status).toBe(401)
  })

  it('Should list logon sessions and get one by SessionId', async () => {
    const { token, sessionId } = await logon(sim)
    const list = (await (await get(sim, token, '/api/logonSessions', true)).json()) as {
      LogonSessions: { SessionId: string }[]
    }
    expect(list.LogonSessions.map((s) => s.SessionId)).toContain(sessionId)
    const xmlList = parseXml(await (await get(sim, token, '/api/logonSessions')).text()).LogonSessions as {
      LogonSession: unknown
    }
    expect(xmlList.LogonSession).toBeDefined()
    const one = parseXml(await (await get(sim, token, `/api/logonSessions/${sessionId}`)).text())
      .LogonSession as { SessionId: string }
    expect(one.SessionId).toBe(sessionId)
    expect((await get(sim, token, '/api/logonSessions/00000000-0000-4000-8000-000000000000')).status).toBe(
      404
    )
  })

  it('Should expire every token on expireSessions()', async () => {
    const a = await logon(sim)
    const b = await logon(sim)
    sim.expireSessions()
    expect((await get(sim, a.token, QUERY)).status).toBe(401)
    expect((await get(sim, b.token, QUERY)).status).toBe(401)
    const c = await logon(sim)
    expect((await get(sim, c.token, QUERY)).status).toBe(200)
  })

  it('Should expire a token after the idle timeout', async () => {
    const short = await startSimulator({ now: NOW, scale: 0.05, idleTimeoutMs: 1 })
    try {
      const { token } = await logon(short)
      await new Promise((r) => setTimeout(r, 30)) // far beyond 1 ms: the order of events, not the timing, is tested
      expect((await get(short, token, QUERY)).status).toBe(401)
    } finally {
      await short.close()
    }
  })

  it('Should accept only the new password after setPassword()', async () => {
    const rotated = await startSimulator({ now: NOW, scale: 0.05, password: 'old-one' })
    try {
      rotated.setPassword('new-one')
      expect(rotated.credentials.password).toBe('new-one')
      const post = (p: string) =>
        fetch(`${rotated.url}/api/sessionMngr/?v=latest`, {
          method: 'POST',
          headers: { Authorization: basic('EM\\api', p) },
        })
      expect((await post('old-one')).status).toBe(401)
      expect((await post('new-one')).status).toBe(201)
      expect(rotated.logonCount).toBe(1)
    } finally {
      await rotated.close()
    }
  })
})

/**
 * @module Fault knobs (latency, errors, broken bodies and connections, token expiry), their
 * match/times limits, and the request log (complete, and free of secrets).
 */
import { XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSimulator } from '../../tools/em-simulator/index'
import type { Simulator } from '../../tools/em-simulator/index'
import { basic, get, logon, NOW, queryPath } from './sim-client'

let sim: Simulator
let token: string
beforeAll(async () => {
  sim = await startSimulator({ now: NOW, scale: 0.1 })
  token = (await logon(sim)).token
})
afterAll(async () => {
  await sim.close()
})
beforeEach(() => sim.clearFaults())

const Q = queryPath({ type: 'BackupJobSession', format: 'Entities', pageSize: 100 })
const T = queryPath({ type: 'BackupTaskSession', format: 'Entities', pageSize: 5 })

/** True when no answer came before the abort (the fault delays by far more than the abort time). */
const stillWaitingAfter = async (path: string, ms: number): Promise<boolean> => {
  try {
    await fetch(`${sim.url}${path}`, {
      headers: { 'X-RestSvcSessionId': token },
      signal: AbortSignal.timeout(ms),
    })
    return false
  } catch (err) {
    return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
  }
}

describe('EM simulator: faults', () => {
  it('Should delay answers with latencyMs and perEntityLatencyMs', async () => {
    sim.setFaults({ latencyMs: 60_000 })
    expect(await stillWaitingAfter(Q, 300)).toBe(true)
    sim.setFaults({ perEntityLatencyMs: 1_000 })
    expect(await stillWaitingAfter(Q, 300)).toBe(true)
    sim.clearFaults()
    expect((await get(sim, token, Q)).status).toBe(200)
  })

  it('Should answer errorStatus with a stack trace at errorRate', async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 503 })
    const res = await get(sim, token, Q, true)
    expect(res.status).toBe(503)
    const body = (await res.json()) as { StackTrace: string; StatusCode: number }
    expect(body.StatusCode).toBe(503)
    expect(body.StackTrace).toContain('   at Veeam.Backup')
    sim.setFaults({ errorRate: 0.5 })
    const statuses = new Set<number>()
    for (let i = 0; i < 30; i++) statuses.add((await get(sim, token, T)).status)
    expect([...statuses].sort()).toStrictEqual([200, 500])
  })

  it.each([400, 404, 500, 503])('Should force status %i with an Error body', async (status) => {
    sim.setFaults({ status })
    const res = await get(sim, token, Q)
    expect(res.status).toBe(status)
    const text = await res.text()
    expect(text).toContain(`StatusCode="${status}"`)
    expect(text.includes('<StackTrace>')).toBe(status >= 500)
  })

  it('Should send an unparseable body with 200 when malformed', async () => {
    sim.setFaults({ malformed: true })
    const json = await get(sim, token, T, true)
    expect(json.status).toBe(200)
    const jsonText = await json.text()
    expect(() => JSON.parse(jsonText) as unknown).toThrow()
    const xmlRes = await get(sim, token, T)
    expect(xmlRes.status).toBe(200)
    expect(XMLValidator.validate(await xmlRes.text())).not.toBe(true)
  })

  it('Should cut the body and the connection when truncate', async () => {
    sim.setFaults({ truncate: true })
    const res = await get(sim, token, Q)
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toThrow()
  })

  it('Should destroy the socket when reset', async () => {
    sim.setFaults({ reset: true })
    await expect(get(sim, token, Q)).rejects.toThrow()
  })

  it('Should never answer when hang, and still close', async () => {
    const hung = await startSimulator({ now: NOW, scale: 0.05 })
    const t = await logon(hung)
    hung.setFaults({ hang: true })
    const pending = fetch(`${hung.url}${Q}`, { headers: { 'X-RestSvcSessionId': t.token } }).then(
      () => 'answered',
      () => 'failed'
    )
    // The log shows the request arrived; it stays unanswered until close() destroys the socket.
    while (!hung.log.some((e) => e.path === '/api/query')) await new Promise((r) => setTimeout(r, 20))
    expect(hung.log.at(-1)?.status).toBe(0)
    await hung.close()
    expect(await pending).toBe('failed')
  })

  it('Should answer 401 and expire the token when expireToken', async () => {
    const own = await logon(sim)
    sim.setFaults({ expireToken: true, times: 1 })
    expect((await get(sim, own.token, Q)).status).toBe(401)
    expect((await get(sim, own.token, Q)).status).toBe(401)
    expect((await get(sim, token, Q)).status).toBe(200)
  })

  it('Should apply only to the next N matching requests, by path or type, sparing logon', async () => {
    sim.setFaults({ status: 500, times: 2, match: { type: 'backuptasksession' } })
    expect((await get(sim, token, Q)).status).toBe(200)
    expect((await logon(sim)).token.length).toBeGreaterThan(0)
    expect((await get(sim, token, T)).status).toBe(500)
    expect((await get(sim, token, T)).status).toBe(500)
    expect((await get(sim, token, T)).status).toBe(200)
    sim.setFaults({ status: 503, match: { path: /sessionMngr/ } })
    await expect(logon(sim)).rejects.toThrow('503')
    expect((await get(sim, token, Q)).status).toBe(200)
    sim.setFaults({ status: 404, match: { path: '/backupSessions/' } })
    const id = sim.dataset.sessions('BackupJobSession')[0]?.id ?? ''
    expect((await get(sim, token, `/api/backupSessions/${id}`)).status).toBe(404)
    expect(
      (
        await get(
          sim,
          token,
          `/api/backupTaskSessions/${sim.dataset.sessions('BackupTaskSession')[0]?.id ?? ''}`
        )
      ).status
    ).toBe(200)
  })
})

describe('EM simulator: request log', () => {
  it('Should log every request without the Authorization header, password or token', async () => {
    sim.clearLog()
    const own = await logon(sim)
    await get(
      sim,
      own.token,
      queryPath({ type: 'BackupTaskSession', filter: 'VmDisplayName=="a;b"', pageSize: 3 }),
      true
    )
    await fetch(`${sim.url}/api/sessionMngr/?v=latest`, {
      method: 'POST',
      headers: { Authorization: basic('EM\\api', 'wrong-password') },
    })
    expect(sim.log.map((e) => [e.method, e.path, e.status, e.authenticated])).toStrictEqual([
      ['POST', '/api/sessionMngr/', 201, false],
      ['GET', '/api/query', 200, true],
      ['POST', '/api/sessionMngr/', 401, false],
    ])
    expect(sim.log[1]?.query).toStrictEqual({
      type: 'BackupTaskSession',
      filter: 'VmDisplayName=="a;b"',
      pageSize: '3',
    })
    expect(sim.log[1]?.accept).toBe('application/json')
    expect(sim.log[1]?.at).toBeInstanceOf(Date)
    const text = JSON.stringify(sim.log)
    for (const secret of [own.token, sim.credentials.password, 'wrong-password', 'Basic '])
      expect(text).not.toContain(secret)
  })
})

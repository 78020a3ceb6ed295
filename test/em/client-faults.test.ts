/**
 * @module The client under EM failures (simulator fault knobs, real HTTP): each fault surfaces as the
 * right typed error, retries happen only where safe, the next call succeeds, credentials are re-read
 * when rejected, and no error message carries a secret.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  EmAuthError,
  EmBadResponseError,
  EmHttpError,
  EmTimeoutError,
  EmUnreachableError,
} from '../../shared/em/errors'
import type { Faults } from '../../tools/em-simulator/index'
import type { Simulator } from '../../tools/em-simulator/index'
import { client, requests, sequenceCredentials, start, TASKS, JSON_CASES } from './sim-harness'

describe.each(JSON_CASES)('EM JSON keys in %s case (XML alike)', (jsonCase) => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await start({ jsonCase })
  })
  afterEach(() => sim.clearFaults())
  afterAll(async () => {
    await sim.close()
  })

  const QUERY = { path: '/api/query' }

  /** Runs one faulty query on a warm client, then checks the next call succeeds. */
  const faulty = async (f: Faults): Promise<{ error: unknown; queries: number }> => {
    const { em } = client(sim)
    await em.query(TASKS)
    sim.clearLog()
    sim.setFaults(f)
    const error = await em.query(TASKS).then(
      () => undefined,
      (e: unknown) => e
    )
    const queries = requests(sim, '/api/query').length
    sim.clearFaults()
    expect((await em.query(TASKS)).entities).toHaveLength(20)
    await em.close()
    return { error, queries }
  }

  describe('faults → typed errors', () => {
    it('Should answer EmHttpError with EM Message only (no stack trace) on 500, without retrying', async () => {
      const { error, queries } = await faulty({ status: 500, match: QUERY })
      expect(error).toBeInstanceOf(EmHttpError)
      expect(error).toMatchObject({
        status: 500,
        emMessage: 'Object reference not set to an instance of an object.',
      })
      expect(String((error as Error).message)).not.toMatch(/StackTrace|\bat\s+\w+\./)
      expect(queries).toBe(1)
    })

    it('Should retry a 503 and succeed when EM recovers (times: 1)', async () => {
      const { error, queries } = await faulty({ status: 503, match: QUERY, times: 1 })
      expect(error).toBeUndefined()
      expect(queries).toBe(2)
    })

    it('Should give up on a lasting 503 after two attempts (the one retry layer) with EmHttpError(503)', async () => {
      const { error, queries } = await faulty({ status: 503, match: QUERY })
      expect(error).toBeInstanceOf(EmHttpError)
      expect(error).toMatchObject({ status: 503 })
      expect(queries).toBe(2)
    })

    it('Should answer EmBadResponseError for a malformed 200 body, without retrying', async () => {
      const { error, queries } = await faulty({ malformed: true, match: QUERY })
      expect(error).toBeInstanceOf(EmBadResponseError)
      expect(queries).toBe(1)
    })

    it('Should answer EmBadResponseError for a truncated body', async () => {
      const { error } = await faulty({ truncate: true, match: QUERY })
      expect(error).toBeInstanceOf(EmBadResponseError)
    })

    it('Should retry a reset connection and succeed (times: 1)', async () => {
      const { error, queries } = await faulty({ reset: true, match: QUERY, times: 1 })
      expect(error).toBeUndefined()
      expect(queries).toBe(2)
    })

    it('Should answer EmUnreachableError when every attempt is reset, after two attempts', async () => {
      const { error, queries } = await faulty({ reset: true, match: QUERY })
      expect(error).toBeInstanceOf(EmUnreachableError)
      expect(queries).toBe(2)
    })

    it('Should answer EmTimeoutError when EM hangs, without retrying', async () => {
      // A short deadline on its own client: under load even the logon may use it up, which is still a timeout.
      const { em } = client(sim, { timeoutMs: 500 })
      sim.clearLog()
      sim.setFaults({ hang: true, match: QUERY })
      await expect(em.query(TASKS)).rejects.toBeInstanceOf(EmTimeoutError)
      expect(requests(sim, '/api/query').length).toBeLessThanOrEqual(1)
      sim.clearFaults()
      await em.close()
      const next = client(sim)
      expect((await next.em.query(TASKS)).entities).toHaveLength(20)
      await next.em.close()
    })

    it('Should log on again and succeed when EM expires the token mid-way (401)', async () => {
      const before = sim.logonCount
      const { error, queries } = await faulty({ expireToken: true, match: QUERY, times: 1 })
      expect(error).toBeUndefined()
      expect(queries).toBe(2)
      expect(sim.logonCount - before).toBe(2) // the warm-up logon, then the re-logon
    })

    it('Should answer EmUnreachableError when nothing listens', async () => {
      const { em } = client(sim, { creds: { url: 'http://127.0.0.1:1' }, retries: 0 })
      await expect(em.query(TASKS)).rejects.toBeInstanceOf(EmUnreachableError)
      await em.close()
    })

    it('Should reject with the abort reason when the caller aborts', async () => {
      const { em } = client(sim)
      sim.setFaults({ hang: true, match: QUERY })
      const ac = new AbortController()
      const p = em.query(TASKS, ac.signal)
      setTimeout(() => ac.abort(new DOMException('client went away', 'AbortError')), 50)
      await expect(p).rejects.toMatchObject({ name: 'AbortError' })
      await em.close()
    })
  })

  describe('credentials', () => {
    it('Should answer EmAuthError for bad credentials after one re-read and retry', async () => {
      const creds = sequenceCredentials([
        { url: sim.url, username: sim.credentials.username, password: 'wrong-pass' },
      ])
      const { em, calls } = client(sim, { credentials: creds })
      const error = await em.query(TASKS).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EmAuthError)
      expect(creds.invalidations).toBe(1)
      expect(calls.map((c) => `${c.operation}:${c.status ?? '-'}:${c.errorKind ?? ''}`)).toStrictEqual([
        'logon:401:auth',
        'logon:401:auth',
      ])
      expect(String(error)).not.toContain('wrong-pass')
      await em.close()
    })

    it('Should pick up a rotated password on the second get()', async () => {
      const old = sim.credentials.password
      const rotated = 'Rotated-Passw0rd!'
      sim.setPassword(rotated)
      try {
        const base = { url: sim.url, username: sim.credentials.username }
        const creds = sequenceCredentials([
          { ...base, password: old },
          { ...base, password: rotated },
        ])
        const { em } = client(sim, { credentials: creds })
        expect((await em.query(TASKS)).entities).toHaveLength(20)
        expect(creds.invalidations).toBe(1)
        await em.close()
      } finally {
        sim.setPassword(old)
      }
    })

    it('Should keep secrets out of every error message', async () => {
      const { em } = client(sim, { creds: { password: 'Sup3r-Secret-Pa55' } })
      const error = await em.query(TASKS).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EmAuthError)
      const text = `${String(error)} ${JSON.stringify(error)}`
      expect(text).not.toContain('Sup3r-Secret-Pa55')
      expect(text).not.toContain(
        Buffer.from(`${sim.credentials.username}:Sup3r-Secret-Pa55`).toString('base64')
      )
      await em.close()
    })
  })
})

/**
 * @module HTTPS: the simulator serves TLS with the test certificate; a client trusting the test CA
 * connects, one trusting only the unrelated CA is refused.
 */
import { readFileSync } from 'node:fs'
import { request } from 'node:https'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator } from '../../tools/em-simulator/index'
import type { Simulator } from '../../tools/em-simulator/index'
import { NOW } from './sim-client'

const pem = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8')

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({
    now: NOW,
    scale: 0.05,
    tls: { key: pem('server-key.pem'), cert: pem('server.pem') },
  })
})
afterAll(async () => {
  await sim.close()
})

/** GET over HTTPS trusting only `ca`; resolves the status or rejects with the TLS error. */
const getWithCa = (url: string, ca: string, servername?: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      { ca, agent: false, ...(servername === undefined ? {} : { servername }) },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      }
    )
    req.on('error', reject)
    req.end()
  })

describe('EM simulator: TLS', () => {
  it('Should serve HTTPS on an https:// URL', () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
  })

  it('Should be trusted by a client that trusts the test CA (127.0.0.1 and localhost)', async () => {
    expect(await getWithCa(`${sim.url}/api/`, pem('ca.pem'))).toBe(200)
    // Connect to 127.0.0.1 but verify the name `localhost` (the SAN's DNS entry), whatever localhost resolves to here.
    expect(await getWithCa(`${sim.url}/api/`, pem('ca.pem'), 'localhost')).toBe(200)
  })

  it('Should be refused by a client that trusts only an unrelated CA', async () => {
    await expect(getWithCa(`${sim.url}/api/`, pem('other-ca.pem'))).rejects.toThrow(/certificate/i)
  })
})

/**
 * @module TLS: the client trusts the configured CA (and nothing insecure): HTTPS to the simulator
 * works with the test CA, and an unrelated CA (or none) fails as EmUnreachableError saying the
 * certificate is not trusted, never quoting the certificate.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmUnreachableError } from '../../shared/em/errors'
import type { Simulator } from '../../tools/em-simulator/index'
import { client, start, TASKS } from './sim-harness'

const pem = (name: string): string =>
  readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8')

let sim: Simulator
beforeAll(async () => {
  sim = await start({ tls: { key: pem('server-key.pem'), cert: pem('server.pem') } })
})
afterAll(async () => {
  await sim.close()
})

describe('HTTPS', () => {
  it('Should query over HTTPS when the configured CA signed the certificate', async () => {
    expect(sim.url.startsWith('https://')).toBe(true)
    const { em } = client(sim, { creds: { caCertificate: pem('ca.pem') } })
    expect((await em.query(TASKS)).entities).toHaveLength(20)
    await em.close()
  })

  it.each([
    ['an unrelated CA', pem('other-ca.pem')],
    ['no CA', undefined],
  ])('Should refuse the certificate with %s (EmUnreachableError, not retried)', async (_name, ca) => {
    const { em, calls } = client(sim, { creds: { caCertificate: ca } })
    const error = await em.query(TASKS).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EmUnreachableError)
    expect((error as Error).message).toMatch(/certificate is not trusted/)
    expect((error as Error).message).not.toContain('BEGIN CERTIFICATE')
    expect(calls).toHaveLength(1) // the logon POST, not retried
    await em.close()
  })
})

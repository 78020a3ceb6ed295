/**
 * @module `createSecretCredentials` against the real SDK client over the wire, talking to the local
 * protocol-level Secrets Manager. The SDK client is created once per process (as in Lambda), so the
 * endpoint is stubbed once for the file and each test uses its own secret id.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSecretCredentials } from '../../shared/config/secret-credentials'
import { EmConfigError } from '../../shared/em/errors'
import { captureStdio, stubSecretsManagerEnv } from '../support/aws-env'
import { start } from '../support/secrets-manager-server'
import type { LocalSecretsManager } from '../support/secrets-manager-server'

const PASSWORD = 'Pa55-w0rd-never-printed-7f3a'
const SECRET = { url: 'https://em.example.com:9398', username: 'svc-reporting', password: PASSWORD }

let sm: LocalSecretsManager
const output: string[] = []

beforeAll(async () => {
  sm = await start()
  stubSecretsManagerEnv(sm.endpoint)
  captureStdio(output)
})

afterEach(() => {
  output.length = 0
})

afterAll(async () => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  await sm.close()
})

/** Runs `get()`, expects an EmConfigError, and checks neither it nor any log line leaks the password. */
const expectConfigError = async (secretId: string): Promise<EmConfigError> => {
  const error = await createSecretCredentials({ secretId, ttlMs: 60_000 })
    .get()
    .then(
      () => undefined,
      (e: unknown) => e
    )
  expect(error).toBeInstanceOf(EmConfigError)
  const configError = error as EmConfigError
  expect(configError.message).not.toContain(PASSWORD)
  expect(JSON.stringify(configError)).not.toContain(PASSWORD)
  expect(output.join('')).not.toContain(PASSWORD)
  const line = output.find((l) => l.includes('EM secret could not be read'))
  expect(line).toBeDefined()
  expect(line).toContain(secretId)
  return configError
}

describe('createSecretCredentials', () => {
  it('Should read and parse the secret, with apiKeys as an array or a comma-separated string', async () => {
    sm.setSecret('happy/array', { ...SECRET, apiKeys: ['k1', 'k2'] })
    sm.setSecret('happy/csv', { ...SECRET, apiKeys: ' k1, ,k2 ', caCertificate: '-----BEGIN CERT' })
    await expect(createSecretCredentials({ secretId: 'happy/array', ttlMs: 1000 }).get()).resolves.toEqual({
      ...SECRET,
      caCertificate: undefined,
      apiKeys: ['k1', 'k2'],
    })
    const csv = await createSecretCredentials({ secretId: 'happy/csv', ttlMs: 1000 }).get()
    expect(csv.apiKeys).toEqual(['k1', 'k2'])
    expect(csv.caCertificate).toBe('-----BEGIN CERT')
  })

  it('Should cache the value (2 gets, 1 request) and share one in-flight read', async () => {
    sm.setSecret('cache', SECRET)
    const provider = createSecretCredentials({ secretId: 'cache', ttlMs: 60_000 })
    const [a, b] = await Promise.all([provider.get(), provider.get()])
    expect(a).toBe(b)
    await provider.get()
    expect(sm.requests.get('cache')).toBe(1)
  })

  it('Should read again once the TTL has passed', async () => {
    sm.setSecret('ttl', SECRET)
    let clock = 1_000
    const provider = createSecretCredentials({ secretId: 'ttl', ttlMs: 500, now: () => clock })
    await provider.get()
    clock += 499
    await provider.get()
    expect(sm.requests.get('ttl')).toBe(1)
    clock += 1
    await provider.get()
    expect(sm.requests.get('ttl')).toBe(2)
  })

  it('Should pick up a rotated password after invalidate()', async () => {
    sm.setSecret('rotate', SECRET)
    const provider = createSecretCredentials({ secretId: 'rotate', ttlMs: 60_000 })
    expect((await provider.get()).password).toBe(PASSWORD)
    sm.setSecret('rotate', { ...SECRET, password: 'rotated-password' })
    expect((await provider.get()).password).toBe(PASSWORD)
    provider.invalidate()
    expect((await provider.get()).password).toBe('rotated-password')
    expect(sm.requests.get('rotate')).toBe(2)
  })

  it('Should not let a read started before invalidate() fill the cache', async () => {
    sm.setSecret('race', SECRET)
    const provider = createSecretCredentials({ secretId: 'race', ttlMs: 60_000 })
    const before = provider.get()
    provider.invalidate()
    await before
    await provider.get()
    expect(sm.requests.get('race')).toBe(2)
  })

  it('Should map a missing secret to EmConfigError naming ResourceNotFoundException, and not cache it', async () => {
    const error = await expectConfigError('missing')
    expect(error.message).toContain('ResourceNotFoundException')
    sm.setSecret('missing', SECRET)
    const provider = createSecretCredentials({ secretId: 'missing', ttlMs: 60_000 })
    sm.deny('missing')
    await expect(provider.get()).rejects.toThrow('AccessDeniedException')
    sm.setSecret('missing', SECRET)
    await expect(provider.get()).resolves.toMatchObject({ username: 'svc-reporting' })
  })

  it('Should map access denied to EmConfigError naming AccessDeniedException', async () => {
    sm.setSecret('denied', SECRET)
    sm.deny('denied')
    expect((await expectConfigError('denied')).message).toContain('AccessDeniedException')
  })

  it.each([
    [
      'malformed JSON',
      `{"url":"https://em:9398","password":"${PASSWORD}"`,
      'The EM secret is not valid JSON',
    ],
    ['a JSON array', JSON.stringify([SECRET]), 'The EM secret is not a JSON object'],
    ['a missing password', { url: SECRET.url, username: 'u' }, 'Secret field "password" is missing'],
    ['a blank username', { ...SECRET, username: '  ' }, 'Secret field "username" is invalid'],
    ['a numeric username', { ...SECRET, username: 42 }, 'Secret field "username" is invalid'],
    ['a url that is not one', { ...SECRET, url: `ftp://${PASSWORD}` }, 'Secret field "url" is invalid'],
    ['apiKeys of the wrong type', { ...SECRET, apiKeys: [1, 2] }, 'Secret field "apiKeys" is invalid'],
    ['a CA that is not PEM', { ...SECRET, caCertificate: 'abc' }, 'Secret field "caCertificate" is invalid'],
  ])('Should reject %s with a message naming the field, never the value', async (_name, value, message) => {
    const id = `bad/${_name}`
    sm.setSecret(id, value)
    expect((await expectConfigError(id)).message).toBe(message)
  })

  it('Should name every bad field at once', async () => {
    sm.setSecret('bad/two', { url: SECRET.url, password: 7 })
    expect((await expectConfigError('bad/two')).message).toBe(
      'Secret field "username" is missing; Secret field "password" is invalid'
    )
  })
})

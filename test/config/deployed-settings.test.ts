/**
 * @module Weak settings are refused when deployed (`DEPLOY_STAGE` set, as infra/ sets it): an `http://`
 * EM, API keys or a page-token key shorter than 32 characters, a page-token key in a plain environment
 * variable next to the API secret. The refusal names the variable, never its value. Locally the same
 * settings still work (the simulator is `http://`, test keys are short).
 */
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../shared/config/env'

const LONG = 'k'.repeat(32)
const GOOD = {
  DEPLOY_STAGE: 'production',
  EM_URL: 'https://em.example.com:9398',
  EM_USERNAME: 'TECH\\svc',
  EM_PASSWORD: 'p',
  API_KEYS: `${LONG},${'x'.repeat(40)}`,
  API_SECRET_ID: 'em-sessions-api/production/api',
}

const refusal = (env: Record<string, string>): string => {
  try {
    loadConfig(env)
  } catch (e) {
    if (e instanceof ConfigError) return e.message
    throw e
  }
  throw new Error('accepted')
}

describe('deployed settings', () => {
  it('Should accept strong settings and mark the config deployed', () => {
    const c = loadConfig(GOOD)
    expect(c.deployed).toBe(true)
    expect(c.apiSecretId).toBe(GOOD.API_SECRET_ID)
    expect(c.pageTokenKey).toBeUndefined()
  })

  it.each([
    ['an http:// EM', { EM_URL: 'http://em.example.com:9398' }, 'EM_URL', 'em.example.com'],
    ['a short API key', { API_KEYS: `${LONG},short-key-31-chars-xxxxxxxxxxxx` }, 'API_KEYS', 'short-key'],
    ['a page-token key beside the API secret', { PAGE_TOKEN_KEY: 'p'.repeat(64) }, 'PAGE_TOKEN_KEY', 'ppppp'],
    [
      'a short page-token key',
      { PAGE_TOKEN_KEY: 'short-page-token-key', API_SECRET_ID: '' },
      'PAGE_TOKEN_KEY',
      'short-page',
    ],
    ['a short origin-verify value', { ORIGIN_VERIFY: 'origin-short' }, 'ORIGIN_VERIFY', 'origin-short'],
  ])('Should refuse %s, naming the variable and not the value', (_name, bad, variable, value) => {
    const message = refusal({ ...GOOD, ...bad })
    expect(message).toContain(variable)
    expect(message).not.toContain(value)
  })

  it('Should apply the rules when asked to (loadConfig option), whatever DEPLOY_STAGE says', () => {
    const { DEPLOY_STAGE: _stage, ...rest } = GOOD
    expect(() => loadConfig({ ...rest, EM_URL: 'http://em:9398' }, { deployed: true })).toThrow(ConfigError)
  })

  it('Should keep accepting the same settings locally', () => {
    const c = loadConfig({
      EM_URL: 'http://127.0.0.1:9398',
      API_KEYS: 'dev',
      PAGE_TOKEN_KEY: 'short',
    })
    expect(c.deployed).toBe(false)
    expect(c.apiKeys).toEqual(['dev'])
  })
})

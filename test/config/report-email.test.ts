import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../shared/config/env'

const MAIL = { REPORT_EMAIL_TO: 'ops@example.com', REPORT_EMAIL_FROM: 'reports@example.com' }

describe('report e-mail configuration', () => {
  it('Should leave e-mail off when neither address is set', () => {
    expect(loadConfig({}).reportEmail).toBeUndefined()
    expect(loadConfig({}).reportBaseUrl).toBeUndefined()
  })

  it('Should read comma-separated recipients, the sender, the flag and the base URL', () => {
    const c = loadConfig({
      REPORT_EMAIL_TO: ' ops@example.com, backup-team@example.org ,',
      REPORT_EMAIL_FROM: 'reports@example.com',
      REPORT_EMAIL_ONLY_ON_ISSUES: 'TRUE',
      REPORT_BASE_URL: 'https://reports.example.com/',
    })
    expect(c.reportEmail).toStrictEqual({
      to: ['ops@example.com', 'backup-team@example.org'],
      from: 'reports@example.com',
      onlyOnIssues: true,
    })
    expect(c.reportBaseUrl).toBe('https://reports.example.com')
  })

  it.each([
    ['', false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['yes', true],
  ])('Should read REPORT_EMAIL_ONLY_ON_ISSUES=%j as %s', (flag, want) => {
    expect(loadConfig({ ...MAIL, REPORT_EMAIL_ONLY_ON_ISSUES: flag }).reportEmail?.onlyOnIssues).toBe(want)
  })

  it.each([
    [{ ...MAIL, REPORT_EMAIL_TO: 'ops@example.com,not-an-address' }, 'REPORT_EMAIL_TO'],
    [{ ...MAIL, REPORT_EMAIL_TO: 'ops@example.com\r\nBcc: evil@example.net' }, 'REPORT_EMAIL_TO'],
    [{ ...MAIL, REPORT_EMAIL_TO: ' , ' }, 'REPORT_EMAIL_TO'],
    [{ ...MAIL, REPORT_EMAIL_FROM: 'Reports <reports@example.com>' }, 'REPORT_EMAIL_FROM'],
    [{ ...MAIL, REPORT_EMAIL_ONLY_ON_ISSUES: 'maybe' }, 'REPORT_EMAIL_ONLY_ON_ISSUES'],
    [{ REPORT_BASE_URL: 'javascript:alert(1)' }, 'REPORT_BASE_URL'],
    [{ REPORT_BASE_URL: 'ftp://reports.example.com' }, 'REPORT_BASE_URL'],
    [{ REPORT_EMAIL_TO: 'ops@example.com' }, 'REPORT_EMAIL_TO and REPORT_EMAIL_FROM are set together'],
    [{ REPORT_EMAIL_FROM: 'reports@example.com' }, 'REPORT_EMAIL_TO and REPORT_EMAIL_FROM are set together'],
  ])('Should refuse %o, naming %s without echoing the value', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(name)
    expect(() => loadConfig(env)).not.toThrow(/evil|alert|maybe|not-an-address/)
  })
})

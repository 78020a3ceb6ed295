/**
 * The daily run end to end with e-mail: simulator (EM) → reports → s3rver (S3) → aws-ses-v2-local
 * (SES v2), all through the real SDK clients. The message is read back (the exact raw bytes the server
 * accepted, and the server's own parsed store) and parsed as MIME with mailparser: headers, subject for
 * both cases, parts, attachments equal to the S3 CSVs, no remote resource in the HTML. The HTML is
 * opened in headless Chromium at 600 px; the screenshot and the message stay in test/artifacts/.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { simpleParser, type AddressObject } from 'mailparser'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JobSummaryReportSchema, VmProtectionReportSchema } from '../../shared/model/report'
import type { EmailDelivery } from '../../shared/reports/email/deliver'
import { presignedLink } from '../../shared/reports/email/link'
import { runScheduledReport } from '../../shared/jobs/scheduled-report'
import { DATASET_NOW, startHarness, type Harness } from '../support/harness'
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from '../support/local-s3'
import { LOCAL_SES_CREDENTIALS, startLocalSes, type LocalSes } from '../support/local-ses'
import { mimeTree } from './email/mime-tree'

const BUCKET = 'mailed-reports'
const FROM = 'reports@example.com'
const TO = ['ops@example.com', 'backup-team@example.org']
const ARTIFACTS = new URL('../artifacts/', import.meta.url)
const CHROMIUM = '/usr/bin/chromium'

let s3: LocalS3
let ses: LocalSes
let h: Harness
beforeAll(async () => {
  ;[s3, ses, h] = await Promise.all([startLocalS3(BUCKET), startLocalSes(), startHarness()])
})
afterAll(async () => {
  await Promise.all([s3?.close(), ses?.close(), h?.close()])
})

const sink = () => ({ bucket: BUCKET, endpoint: s3.endpoint, credentials: LOCAL_S3_CREDENTIALS })
const delivery = (onlyOnIssues = false): EmailDelivery => ({
  to: TO,
  from: FROM,
  onlyOnIssues,
  ses: { endpoint: ses.endpoint, region: 'us-east-1', credentials: LOCAL_SES_CREDENTIALS, retryDelayMs: 10 },
  link: (day) => presignedLink(day, sink()),
})
const run = (eventTime: string, email: EmailDelivery) =>
  runScheduledReport({
    reader: h.runtime.reader,
    sink: sink(),
    eventTime: new Date(eventTime),
    now: DATASET_NOW,
    email,
  })
const s3Text = async (key: string) => {
  const res = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
  return (await res.Body?.transformToString('utf-8')) ?? ''
}
const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a === undefined ? [] : [a]).flatMap((x) => x.value.map((v) => v.address))

describe('report e-mail through SES v2 (aws-ses-v2-local)', () => {
  it('Should mail the default simulator day after writing its files: subject, parts, CSVs, link', async () => {
    const before = ses.raws.length
    const summary = await run('2026-11-01T02:15:00Z', delivery())
    expect(summary.email).toMatchObject({ sent: true })
    expect(ses.raws).toHaveLength(before + 1)
    const raw = ses.raws[before] ?? Buffer.alloc(0)
    if (!summary.email.sent) throw new Error('not sent')
    expect(summary.email.bytes).toBe(raw.length)

    // The subject, computed here from the JSON written to S3 (not from the mail code).
    const jobs = JobSummaryReportSchema.parse(JSON.parse(await s3Text('reports/2026-10-31/job-summary.json')))
    const vms = VmProtectionReportSchema.parse(
      JSON.parse(await s3Text('reports/2026-10-31/vm-protection.json'))
    )
    const failed = jobs.rows.filter((r) => r.sessions.failed > 0).length
    const atRisk = vms.rows.filter((r) => r.status !== 'protected').length
    expect(failed + atRisk).toBeGreaterThan(0)
    const subject = `Backup report 2026-10-31: ${failed} failed jobs, ${atRisk} VMs at risk`

    const mail = await simpleParser(raw)
    expect(mail.subject).toBe(subject)
    expect(addresses(mail.from)).toStrictEqual([FROM])
    expect(addresses(mail.to)).toStrictEqual(TO)
    expect(mail.date?.getTime()).toBeGreaterThan(Date.now() - 120_000)
    expect(mail.headers.get('mime-version')).toBe('1.0')

    // RFC 2046 structure: mixed → [alternative → [plain, html], csv, csv]; no line over 78 (76 in bodies).
    const text = raw.toString('latin1')
    expect(text).toMatch(/^[\x20-\x7e\r\n\t]*$/) // 7-bit: everything is encoded
    expect(mimeTree(text)).toStrictEqual({
      type: 'multipart/mixed',
      parts: [{ type: 'multipart/alternative', parts: ['text/plain', 'text/html'] }, 'text/csv', 'text/csv'],
    })
    const body = text.slice(text.indexOf('\r\n\r\n'))
    expect(Math.max(...body.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(76)
    expect(Math.max(...text.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(78)

    // Attachments are the S3 CSVs, byte for byte.
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toStrictEqual([
      ['job-summary-2026-10-31.csv', 'text/csv'],
      ['vm-protection-2026-10-31.csv', 'text/csv'],
    ])
    expect(mail.attachments[0]?.content.toString('utf8')).toBe(
      await s3Text('reports/2026-10-31/job-summary.csv')
    )
    expect(mail.attachments[1]?.content.toString('utf8')).toBe(
      await s3Text('reports/2026-10-31/vm-protection.csv')
    )

    // Text alternative and HTML: the same numbers; no remote resource, no style block, SVG or script.
    expect(mail.text).toContain(subject)
    const html = typeof mail.html === 'string' ? mail.html : ''
    expect(html).toContain('Jobs with failures')
    for (const banned of [
      /<style/i,
      /<script/i,
      /<svg/i,
      /<img/i,
      /<link/i,
      /\bsrc\s*=/i,
      /url\(/i,
      /@import/i,
    ])
      expect(html).not.toMatch(banned)

    // The link: a presigned GET of the day's index.html for 7 days, and it works against s3rver.
    const href = /href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? ''
    expect(href).toContain('/mailed-reports/reports/2026-10-31/index.html?')
    expect(new URL(href).searchParams.get('X-Amz-Expires')).toBe('604800')
    const page = await fetch(href)
    expect(page.status).toBe(200)
    expect(await page.text()).toBe(await s3Text('reports/2026-10-31/index.html'))

    // The server's own view of what it received agrees.
    const stored = (await ses.store()).at(-1)
    // (It keeps the To header as one text.)
    expect(stored).toMatchObject({ subject, from: FROM, destination: { to: [TO.join(', ')] } })
    expect(stored?.attachments.map((a) => Buffer.from(a.content, 'base64').toString('utf8'))).toStrictEqual([
      mail.attachments[0]?.content.toString('utf8'),
      mail.attachments[1]?.content.toString('utf8'),
    ])

    await mkdir(ARTIFACTS, { recursive: true })
    await writeFile(new URL('report-email.eml', ARTIFACTS), raw)
    await writeFile(new URL('report-email.html', ARTIFACTS), html)
    await writeFile(
      new URL('report-email.json', ARTIFACTS),
      JSON.stringify({ day: '2026-10-31', subject, bytes: raw.length, htmlChars: html.length }, null, 2)
    )
  })

  it('Should say all clear for a day with nothing wrong, and not send it when only issues are mailed', async () => {
    // The simulator's data set starts about 32 days before DATASET_NOW: 2026-09-01 has no session at all.
    const clear = await run('2026-09-02T02:15:00Z', delivery())
    expect(clear.email).toMatchObject({
      sent: true,
      subject: 'Backup report 2026-09-01: all jobs succeeded, all VMs protected',
    })
    expect((await simpleParser(ses.raws.at(-1) ?? Buffer.alloc(0))).subject).toBe(
      'Backup report 2026-09-01: all jobs succeeded, all VMs protected'
    )
    const sends = ses.sendRequests()
    const quiet = await run('2026-09-02T02:15:00Z', delivery(true))
    expect(quiet.email).toStrictEqual({ sent: false, reason: 'no-issues' })
    expect(quiet.keys).toHaveLength(5)
    expect(ses.sendRequests()).toBe(sends)
    // With issues, onlyOnIssues sends.
    expect((await run('2026-11-01T02:15:00Z', delivery(true))).email).toMatchObject({ sent: true })
  })

  it('Should render at 600 px in headless Chromium with no request for anything', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`)
    const html = (await simpleParser(ses.raws.find((r) => r.includes('failed jobs')) ?? Buffer.alloc(0))).html
    expect(typeof html).toBe('string')
    const profile = await mkdtemp(join(tmpdir(), 'mail-browser-'))
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      viewport: { width: 600, height: 900 },
    })
    try {
      const page = await browser.newPage()
      const requests: string[] = []
      page.on('request', (r) => requests.push(r.url()))
      await page.setContent(typeof html === 'string' ? html : '', { waitUntil: 'load' })
      expect(requests).toStrictEqual([])
      // Nothing wider than the 600 px a mail client gives it.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(600)
      await expect(page.locator('h1').textContent()).resolves.toBe('Backup report 2026-10-31')
      await mkdir(ARTIFACTS, { recursive: true })
      await page.screenshot({ path: new URL('report-email.png', ARTIFACTS).pathname, fullPage: true })
    } finally {
      await browser.close()
      await rm(profile, { recursive: true, force: true })
    }
  })
})

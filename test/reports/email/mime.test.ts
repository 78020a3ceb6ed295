import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { composeReportEmail } from '../../../shared/reports/email/compose'
import { buildMimeMessage, rfc5322Date } from '../../../shared/reports/email/mime'
import { CONTENT_TYPES, type ReportFile } from '../../../shared/reports/files'
import { mimeTree } from './mime-tree'
import { DAY, HOSTILE, hostileBundle } from './fixture'

const CSV_A = `kind,jobName\r\nbackup,"${HOSTILE.unicode}"\r\n`
const CSV_B = `vmName\r\n"${HOSTILE.attribute.replaceAll('"', '""')}"\r\n`.repeat(50)
const FILES: ReportFile[] = [
  { name: 'job-summary.json', contentType: CONTENT_TYPES.json, body: '{}' },
  { name: 'job-summary.csv', contentType: CONTENT_TYPES.csv, body: CSV_A },
  { name: 'vm-protection.csv', contentType: CONTENT_TYPES.csv, body: CSV_B },
  { name: 'index.html', contentType: CONTENT_TYPES.html, body: '<!doctype html>' },
]
const compose = () =>
  composeReportEmail({
    bundle: hostileBundle(),
    day: DAY,
    rpoHours: 24,
    files: FILES,
    link: 'https://reports.example.com/reports/2024-03-01/index.html?a=1&b="2"',
    from: 'reports@example.com',
    to: ['ops@example.com', 'team@example.org'],
    date: new Date('2024-03-02T02:15:07Z'),
    boundaryToken: 'fixed',
  })

describe('report e-mail MIME message', () => {
  it('Should be multipart/mixed holding multipart/alternative (text, then HTML) and the two CSVs', () => {
    const { raw } = compose()
    expect(mimeTree(raw)).toStrictEqual({
      type: 'multipart/mixed',
      parts: [{ type: 'multipart/alternative', parts: ['text/plain', 'text/html'] }, 'text/csv', 'text/csv'],
    })
    expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/)
    expect(raw.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/) // CRLF only
    expect(Math.max(...raw.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(76)
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'))
    expect(head).toContain('From: reports@example.com\r\nTo: ops@example.com, team@example.org\r\n')
    expect(head).toContain('Date: Sat, 02 Mar 2024 02:15:07 +0000\r\nMIME-Version: 1.0\r\n')
  })

  it('Should parse back to the same subject, bodies and attachments (mailparser)', async () => {
    const m = compose()
    const parsed = await simpleParser(m.raw)
    expect(parsed.subject).toBe('Backup report 2024-03-01: 2 failed jobs, 2 VMs at risk')
    expect(parsed.text?.trimEnd()).toBe(m.text.trimEnd())
    // Line breaks travel as CRLF (the canonical form) and come back as LF.
    expect(parsed.html).toBe(m.html.replace(/\r\n|\r/g, '\n'))
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.contentDisposition])).toStrictEqual([
      ['job-summary-2024-03-01.csv', 'text/csv', 'attachment'],
      ['vm-protection-2024-03-01.csv', 'text/csv', 'attachment'],
    ])
    expect(parsed.attachments.map((a) => a.content.toString('utf8'))).toStrictEqual([CSV_A, CSV_B])
    // No header came out of a name: only the headers we wrote.
    expect(parsed.headers.has('bcc')).toBe(false)
  })

  it('Should refuse an address or a file name that could inject a header', () => {
    const base = {
      from: 'a@example.com',
      to: ['b@example.com'],
      subject: 's',
      date: new Date(0),
      text: 't',
      html: 'h',
      attachments: [],
    }
    expect(() => buildMimeMessage({ ...base, to: ['b@example.com\r\nBcc: evil@example.net'] })).toThrow(
      RangeError
    )
    expect(() => buildMimeMessage({ ...base, from: 'Evil <a@example.com>' })).toThrow(RangeError)
    expect(() =>
      buildMimeMessage({
        ...base,
        attachments: [{ filename: 'a"\r\nX: y.csv', contentType: 'text/csv', body: '' }],
      })
    ).toThrow(RangeError)
  })

  it.each([
    ['1970-01-01T00:00:00Z', 'Thu, 01 Jan 1970 00:00:00 +0000'],
    ['2024-02-29T23:59:59.999Z', 'Thu, 29 Feb 2024 23:59:59 +0000'],
  ])('Should write %s as the RFC 5322 date %s', (iso, want) => {
    expect(rfc5322Date(new Date(iso))).toBe(want)
  })
})

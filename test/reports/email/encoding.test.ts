import fc from 'fast-check'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import {
  base64Lines,
  encodedWords,
  headerField,
  quotedPrintable,
} from '../../../shared/reports/email/encoding'

const lengths = (s: string) => s.split('\r\n').map((l) => l.length)

/** A one-part message around a quoted-printable body, for mailparser to decode. */
const qpMessage = (body: string) =>
  `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(body)}`

describe('quoted-printable (RFC 2045 §6.7)', () => {
  it.each([
    ['a=b', 'a=3Db'],
    ['é', '=C3=A9'],
    ['trailing space ', 'trailing space=20'],
    ['tab\t', 'tab=09'],
    ['two\nlines', 'two\r\nlines'],
    ['x'.repeat(80), `${'x'.repeat(75)}=\r\n${'x'.repeat(5)}`],
    [`${'x'.repeat(74)}é`, `${'x'.repeat(74)}=\r\n=C3=A9`],
  ])('Should encode %j as %j', (given, want) => {
    expect(quotedPrintable(given)).toBe(want)
  })

  it('Should keep every line at most 76 printable ASCII characters and decode back to the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async (text) => {
        const qp = quotedPrintable(text)
        expect(qp).toMatch(/^[\x20-\x7e\r\n\t]*$/)
        expect(Math.max(...lengths(qp))).toBeLessThanOrEqual(76)
        const decoded = (await simpleParser(qpMessage(text))).text ?? ''
        expect(decoded.replace(/\n$/, '')).toBe(text.replace(/\r\n|\r/g, '\n').replace(/\n$/, ''))
      }),
      { numRuns: 150 }
    )
  })
})

describe('base64 attachments (RFC 2045 §6.8)', () => {
  it('Should break base64 into lines of 76 characters that decode to the bytes', () => {
    const data = 'kind,jobName\r\nbackup,"Žluťoučký ✓"\r\n'.repeat(40)
    const b64 = base64Lines(data)
    expect(
      lengths(b64)
        .slice(0, -1)
        .every((l) => l === 76)
    ).toBe(true)
    expect(Math.max(...lengths(b64))).toBeLessThanOrEqual(76)
    expect(Buffer.from(b64.replaceAll('\r\n', ''), 'base64').toString('utf8')).toBe(data)
  })
})

describe('header fields (RFC 5322 folding, RFC 2047 encoded-words)', () => {
  it('Should leave a short ASCII subject as it is', () => {
    expect(headerField('Subject', 'Backup report 2024-03-01: 2 failed jobs, 3 VMs at risk')).toBe(
      'Subject: Backup report 2024-03-01: 2 failed jobs, 3 VMs at risk'
    )
  })

  it.each(['Zálohy 2024-03-01: 2 selhané úlohy ✓', `数据备份报告 ${'ä'.repeat(120)}`, '🙂'.repeat(30)])(
    'Should write %j as encoded-words of whole characters that decode back',
    async (subject) => {
      const field = headerField('Subject', subject)
      expect(field.startsWith('Subject: =?UTF-8?B?')).toBe(true)
      expect(field).toMatch(/^[\x20-\x7e\r\n]*$/)
      expect(Math.max(...lengths(field))).toBeLessThanOrEqual(78)
      for (const w of encodedWords(subject)) expect(w.length).toBeLessThanOrEqual(75)
      const parsed = await simpleParser(`${field}\r\nContent-Type: text/plain\r\n\r\nx`)
      expect(parsed.subject).toBe(subject)
    }
  )

  it('Should never let a value start a new header line', () => {
    const field = headerField('Subject', 'Report\r\nBcc: evil@example.net')
    expect(field).toBe('Subject: Report Bcc: evil@example.net')
  })
})

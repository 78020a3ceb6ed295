/**
 * @module The raw MIME message of the report e-mail: `multipart/mixed` holding a
 * `multipart/alternative` (plain text first, then HTML: the last part is the preferred one) and the
 * attachments. Bodies are quoted-printable UTF-8, attachments base64; no line exceeds 76 characters.
 * @see https://www.rfc-editor.org/rfc/rfc2046#section-5.1 (multipart/mixed and /alternative)
 * @see https://www.rfc-editor.org/rfc/rfc5322#section-3.6 (header fields)
 */
import { randomBytes } from 'node:crypto'
import { base64Lines, headerField, quotedPrintable } from './encoding'

export interface MimeAttachment {
  /** ASCII file name (letters, digits, `.`, `-`, `_`), e.g. `job-summary-2024-03-01.csv`. */
  readonly filename: string
  /** e.g. `text/csv; charset=utf-8`. */
  readonly contentType: string
  readonly body: string | Uint8Array
}

export interface MimeMessage {
  readonly from: string
  readonly to: readonly string[]
  readonly subject: string
  readonly date: Date
  readonly text: string
  readonly html: string
  readonly attachments: readonly MimeAttachment[]
  /** Boundary token (tests); default random. */
  readonly boundaryToken?: string | undefined
}

const CRLF = '\r\n'
const SAFE_FILENAME = /^[A-Za-z0-9._-]{1,100}$/
// Addresses arrive validated by the config; this guard keeps header injection impossible even so.
const SAFE_ADDRESS = /^[^\s<>",;:\\()[\]]+@[^\s<>",;:\\()[\]]+$/

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number) => String(n).padStart(2, '0')

/** RFC 5322 date-time in UTC: `Sun, 01 Nov 2026 02:15:00 +0000`. */
export const rfc5322Date = (d: Date): string =>
  `${DAYS[d.getUTCDay()] ?? 'Sun'}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? 'Jan'} ${d.getUTCFullYear()} ` +
  `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`

const address = (a: string): string => {
  if (!SAFE_ADDRESS.test(a)) throw new RangeError('Not a plain e-mail address')
  return a
}

const part = (headers: readonly string[], body: string) => `${headers.join(CRLF)}${CRLF}${CRLF}${body}`

const multipart = (boundary: string, parts: readonly string[]) =>
  parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--`

const attachmentPart = (a: MimeAttachment): string => {
  if (!SAFE_FILENAME.test(a.filename)) throw new RangeError(`Unsafe attachment file name: ${a.filename}`)
  return part(
    [
      // Folded before the parameter: a long file name keeps the line under 78 characters.
      `Content-Type: ${a.contentType};${CRLF} name="${a.filename}"`,
      `Content-Disposition: attachment;${CRLF} filename="${a.filename}"`,
      'Content-Transfer-Encoding: base64',
    ],
    base64Lines(a.body)
  )
}

const textPart = (subtype: 'plain' | 'html', body: string) =>
  part(
    [`Content-Type: text/${subtype}; charset=utf-8`, 'Content-Transfer-Encoding: quoted-printable'],
    quotedPrintable(body)
  )

/**
 * Builds the whole message (CRLF line breaks). Boundaries start with `=_`, which neither
 * quoted-printable nor base64 can produce, so no body can contain one.
 */
export const buildMimeMessage = (m: MimeMessage): string => {
  const token = m.boundaryToken ?? randomBytes(12).toString('hex')
  const mixed = `=_mixed_${token}`
  const alternative = `=_alt_${token}`
  const headers = [
    `From: ${address(m.from)}`,
    headerField('To', m.to.map(address).join(', ')),
    headerField('Subject', m.subject),
    `Date: ${rfc5322Date(m.date)}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed;${CRLF} boundary="${mixed}"`,
  ]
  const body = multipart(mixed, [
    part(
      [`Content-Type: multipart/alternative;${CRLF} boundary="${alternative}"`],
      multipart(alternative, [textPart('plain', m.text), textPart('html', m.html)])
    ),
    ...m.attachments.map(attachmentPart),
  ])
  return `${headers.join(CRLF)}${CRLF}${CRLF}${body}${CRLF}`
}

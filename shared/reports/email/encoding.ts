/**
 * @module Content and header encodings of the report e-mail: quoted-printable bodies, base64
 * attachments, RFC 2047 encoded-words and header folding. Every output line is at most 76 characters
 * (RFC 2045 §6.7, §6.8), and line breaks are CRLF.
 * @see https://www.rfc-editor.org/rfc/rfc2045 (quoted-printable, base64)
 * @see https://www.rfc-editor.org/rfc/rfc2047 (encoded-words)
 */

const CRLF = '\r\n'
const MAX_LINE = 76

/** Base64 in lines of 76 characters, CRLF-separated (no trailing break). */
export const base64Lines = (data: string | Uint8Array): string => {
  const b64 = Buffer.from(data).toString('base64')
  const lines: string[] = []
  for (let i = 0; i < b64.length; i += MAX_LINE) lines.push(b64.slice(i, i + MAX_LINE))
  return lines.join(CRLF)
}

const hex = (byte: number) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`

/** Encodes one line (no line break in it), with soft breaks so no output line exceeds 76 characters. */
const qpLine = (line: string): string => {
  const bytes = Buffer.from(line, 'utf8')
  const out: string[] = []
  let current = ''
  bytes.forEach((byte, i) => {
    const last = i === bytes.length - 1
    // Printable ASCII stays as it is, except `=`; space and tab too, unless they end the line (§6.7 rule 3).
    const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last)
    const token = literal ? String.fromCharCode(byte) : hex(byte)
    // Keep room for the `=` of a soft line break.
    if (current.length + token.length > MAX_LINE - 1) {
      out.push(`${current}=`)
      current = ''
    }
    current += token
  })
  out.push(current)
  return out.join(CRLF)
}

/** Quoted-printable (UTF-8), line breaks of any kind become CRLF hard breaks. */
export const quotedPrintable = (text: string): string =>
  text
    .split(/\r\n|\r|\n/)
    .map(qpLine)
    .join(CRLF)

const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/

/** Header value text with no line break in it (a CR or LF would start a new header). */
const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ')

/**
 * A header field, folded at spaces to lines of at most 78 characters (RFC 5322 §2.2.3); a value with
 * anything but printable ASCII is written as `=?UTF-8?B?…?=` encoded-words, each at most 75 characters
 * and each holding whole characters (RFC 2047 §2, §5).
 */
export const headerField = (name: string, value: string): string => {
  const text = oneLine(value)
  // The first word shares its line with `Name: `; the others start a folded line with one space.
  const words = NOT_PRINTABLE_ASCII.test(text) ? encodedWords(text, 78 - name.length - 2) : text.split(' ')
  const lines: string[] = []
  let current = `${name}:`
  for (const word of words) {
    if (current.length + 1 + word.length > 78 && current.length > name.length + 1) {
      lines.push(current)
      current = ''
    }
    current += ` ${word}`
  }
  lines.push(current)
  return lines.join(CRLF)
}

// `=?UTF-8?B?` + `?=` take 12 characters of a word's 75.
const WORD_OVERHEAD = 12
const bytesFor = (encodedChars: number) => Math.floor((Math.min(75, encodedChars) - WORD_OVERHEAD) / 4) * 3

/**
 * Splits text into B encoded-words of whole characters, each at most 75 characters; the first one at
 * most `firstMax` (what is left of the first header line).
 */
export const encodedWords = (text: string, firstMax = 75): string[] => {
  const words: string[] = []
  let chunk = ''
  for (const ch of text) {
    const limit = bytesFor(words.length === 0 ? firstMax : 75)
    if (chunk !== '' && Buffer.byteLength(chunk + ch, 'utf8') > limit) {
      words.push(chunk)
      chunk = ''
    }
    chunk += ch
  }
  if (chunk !== '' || words.length === 0) words.push(chunk)
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`)
}

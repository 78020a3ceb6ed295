/**
 * @module EM's JSON body bytes → one-byte text that `JSON.parse` reads fast, and how to read its strings.
 *
 * Decoding UTF-8 is one of the costliest steps of reading an EM page when the body holds any
 * non-ASCII character (a VM named `Zürich-DC01` is enough): V8 then builds a two-byte string of the
 * whole body and parses it slower. In JSON, bytes above 0x7F occur only inside strings, so the body
 * is read as one-byte (latin1) text, parsed, and only the strings that hold a byte above 0x7F are
 * decoded from UTF-8 afterwards (`repair`, applied by the decoders to every string they keep; a few
 * hundred per page). Malformed UTF-8 becomes U+FFFD, as `Buffer#toString('utf8')` does.
 *
 * When the body also holds `\u` escapes, a parsed string could mix escaped characters above U+007F
 * with raw UTF-8 bytes, which `repair` cannot tell apart; then each run of non-ASCII bytes is decoded
 * on its own and written back as `\uXXXX` escapes before parsing (one pass over the text), and
 * `repair` leaves strings as they are.
 */
import { isAscii } from 'node:buffer'

/** One-byte JSON text and the function that turns each of its parsed strings into the real string. */
export interface JsonText {
  readonly text: string
  readonly repair: (s: string) => string
}

const NON_ASCII_RUN = /[\x80-\xff]+/g
const HIGH_BYTE = /[\x80-\xff]/
const BACKSLASH_U = Buffer.from('\\u', 'latin1')

const same = (s: string): string => s

/** A parsed string of latin1 text → the UTF-8 string its bytes spell. */
const fromLatin1 = (s: string): string => (HIGH_BYTE.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s)

const escapeRun = (run: string): string => {
  const text = Buffer.from(run, 'latin1').toString('utf8')
  let out = ''
  for (let i = 0; i < text.length; i++) out += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`
  return out
}

/** JSON body bytes → one-byte text (a BOM dropped) and the repair for its strings (see the module comment). */
export const jsonText = (bytes: Buffer): JsonText => {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  const text = body.toString('latin1')
  if (isAscii(body)) return { text, repair: same }
  if (body.indexOf(BACKSLASH_U) === -1) return { text, repair: fromLatin1 }
  return { text: text.replace(NON_ASCII_RUN, escapeRun), repair: same }
}

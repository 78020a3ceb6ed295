/**
 * @module The decoders with the XML decoders imported: for code that decodes bodies itself (the decode
 * benchmark, tests). Picks JSON or XML by the response Content-Type, strips a BOM, and guarantees that
 * anything unreadable surfaces as `EmBadResponseError` (never a parser's own error, never the body).
 * The EM client uses `decode-on-demand.ts`, which loads fast-xml-parser with the first XML body.
 */
import { makeDecoders } from './decode-core'
import * as xml from './decode-xml'

export { isJsonContentType } from './decode-core'

export const { decodeQueryPage, decodeEntity, decodeError, decodeLogonSession } = makeDecoders(() => xml)

/**
 * @module The decoders' front door, whichever way the XML decoders are had (`decode.ts`: imported;
 * `decode-on-demand.ts`: loaded with the first XML body): picks JSON or XML by the response
 * Content-Type, strips a BOM, and guarantees that anything unreadable surfaces as
 * `EmBadResponseError` (never a parser's own error, never the body).
 */
import { EmBadResponseError, EmError } from './errors'
import { jsonEntityDoc, jsonError, jsonLogon, jsonQueryPage } from './decode-json'
import type * as xmlDecoders from './decode-xml'
import type { EmQueryType } from './query-types'
import type { RawError, RawQueryPage, RawSession } from './raw'
import { stripBom } from './decode-util'
import { jsonText, type JsonText } from './json-text'

/** The XML decoders (`decode-xml.ts`, over fast-xml-parser). */
export type XmlDecoders = typeof xmlDecoders

/** True when EM said `application/json` (with or without parameters); anything else is read as XML. */
export const isJsonContentType = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^\s*application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)

/** Body → text. */
const toText = (body: string | Buffer): string =>
  typeof body === 'string' ? stripBom(body) : stripBom(body.toString('utf8'))

/** A JSON body → text and the repair of its strings: bytes go through `jsonText` (one-byte text, much faster to decode and parse). */
const toJson = (body: string | Buffer): JsonText =>
  typeof body === 'string' ? { text: stripBom(body), repair: (s) => s } : jsonText(body)

const guard = <R>(run: () => R): R => {
  try {
    return run()
  } catch (e) {
    if (e instanceof EmError) throw e
    throw new EmBadResponseError('EM answered with a body that cannot be read', { cause: e })
  }
}

export interface Decoders {
  /**
   * A `QueryResult` page (`format=Entities`) of the given type.
   * @throws EmBadResponseError when the body is malformed, truncated or has the wrong shape.
   */
  decodeQueryPage(body: string | Buffer, contentType: string | undefined, type: EmQueryType): RawQueryPage
  /**
   * A single session entity (`GET /api/{collection}/{id}?format=Entity`).
   * @throws EmBadResponseError when the body is malformed, truncated or has the wrong shape.
   */
  decodeEntity(body: string | Buffer, contentType: string | undefined): RawSession
  /** EM's Error body (`Message`, `StatusCode` only), or null when the body is empty or not an Error. */
  decodeError(body: string | Buffer, contentType: string | undefined): RawError | null
  /** The `SessionId` of a logon response body (needed to log off; the token comes from a header). */
  decodeLogonSession(body: string | Buffer, contentType: string | undefined): { SessionId: string }
}

/** @param xml the XML decoders, asked for only when a body is not JSON */
export const makeDecoders = (xml: () => XmlDecoders): Decoders => ({
  decodeQueryPage(body, contentType, type) {
    if (!isJsonContentType(contentType)) return guard(() => xml().xmlQueryPage(toText(body), type))
    const { text, repair } = toJson(body)
    return guard(() => jsonQueryPage(text, type, repair))
  },
  decodeEntity(body, contentType) {
    if (!isJsonContentType(contentType)) return guard(() => xml().xmlEntityDoc(toText(body)))
    const { text, repair } = toJson(body)
    return guard(() => jsonEntityDoc(text, repair))
  },
  decodeError(body, contentType) {
    const text = toText(body)
    if (text.trim() === '') return null
    try {
      return isJsonContentType(contentType) ? jsonError(text) : xml().xmlError(text)
    } catch {
      return null
    }
  },
  decodeLogonSession(body, contentType) {
    const text = toText(body)
    return guard(() => (isJsonContentType(contentType) ? jsonLogon(text) : xml().xmlLogon(text)))
  },
})

/**
 * @module The EM client's decoders: JSON at once; the XML decoders (fast-xml-parser) are loaded with
 * the first body that is not JSON, so a client of a JSON-speaking EM never loads them. The transport
 * awaits `readyToDecode` for each response before its handler decodes it.
 */
import { isJsonContentType, makeDecoders, type XmlDecoders } from './decode-core'

let xml: XmlDecoders | undefined

/** Loads what decoding a body of this Content-Type needs (the XML decoders, once). */
export const readyToDecode = async (contentType: string | undefined): Promise<void> => {
  if (xml === undefined && !isJsonContentType(contentType)) xml = await import('./decode-xml')
}

export const { decodeQueryPage, decodeEntity, decodeError, decodeLogonSession } = makeDecoders(() => {
  if (xml === undefined) throw new Error('the XML decoders are not loaded: await readyToDecode first')
  return xml
})

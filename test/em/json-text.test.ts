/**
 * `jsonText`: EM's JSON bytes as one-byte text, parsed and with `repair` applied to every string,
 * must give exactly what the UTF-8 text parses to, for any content: raw non-ASCII (read as latin1 and
 * repaired), `\u` escapes beside raw non-ASCII (escaped before parsing), malformed UTF-8, a BOM.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonText } from '../../shared/em/json-text'

/** Applies `repair` to every string of a parsed value (what the decoders do field by field). */
const repaired = (v: unknown, repair: (s: string) => string): unknown =>
  typeof v === 'string'
    ? repair(v)
    : Array.isArray(v)
      ? v.map((x) => repaired(x, repair))
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, repaired(x, repair)]))
        : v

const readBack = (bytes: Buffer): unknown => {
  const { text, repair } = jsonText(bytes)
  expect([...text].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true) // one-byte text
  return repaired(JSON.parse(text), repair)
}

const roundTrip = (value: unknown) => {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8')
  expect(readBack(bytes)).toStrictEqual(JSON.parse(bytes.toString('utf8')))
}

describe('jsonText', () => {
  it('Should read back the same value as the UTF-8 text, for any strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), fc.string({ unit: 'binary' }), (names, other) =>
        roundTrip({ names, other, n: 1 })
      ),
      { numRuns: 300 }
    )
  })

  it.each([
    'Zürich-DC01',
    '東京-fs01',
    'emoji 🚀 and ü',
    '"quoted" \\ back',
    'ÿ€\u0000\u001f',
    'C:\\users\\ü',
  ])('Should keep %j', (s) => {
    roundTrip({ Name: s, Links: [{ Name: s }] })
  })

  it('Should repair raw UTF-8 after parsing when there is no \\u escape, and escape before parsing when there is', () => {
    const raw = jsonText(Buffer.from('{"a":"Zürich"}', 'utf8'))
    expect(raw.text).toBe('{"a":"Z\u00c3\u00bcrich"}')
    expect(raw.repair('Z\u00c3\u00bcrich')).toBe('Zürich')
    const mixed = jsonText(Buffer.from('{"a":"Zürich","b":"\\u00fc"}', 'utf8'))
    expect(mixed.text).toBe('{"a":"Z\\u00fcrich","b":"\\u00fc"}')
    expect(mixed.repair('ü')).toBe('ü')
  })

  it('Should drop a BOM and keep pure ASCII bodies as they are', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"Zürich"}')])
    expect(readBack(body)).toEqual({ a: 'Zürich' })
    expect(jsonText(Buffer.from('{"a":1}')).text).toBe('{"a":1}')
  })

  it('Should turn malformed UTF-8 into U+FFFD, not fail', () => {
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]) // {"a":"\xc3(\xff"}
    expect(readBack(body)).toEqual({ a: '\ufffd(\ufffd' })
    expect(readBack(body)).toEqual(JSON.parse(body.toString('utf8')))
  })
})

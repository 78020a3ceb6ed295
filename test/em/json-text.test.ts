/**
 * `jsonText`: EM's JSON bytes as one-byte text with non-ASCII characters escaped must parse to exactly
 * what the UTF-8 text parses to, for any content.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonText } from '../../shared/em/json-text'

const roundTrip = (value: unknown) => {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8')
  const text = jsonText(bytes)
  expect(text).toMatch(/^[ -~]*$/) // printable ASCII only
  expect(JSON.parse(text)).toStrictEqual(JSON.parse(bytes.toString('utf8')))
}

describe('jsonText', () => {
  it('Should parse to the same value as the UTF-8 text, for any strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), fc.string({ unit: 'binary' }), (names, other) =>
        roundTrip({ names, other, n: 1 })
      ),
      { numRuns: 300 }
    )
  })

  it.each(['Zürich-DC01', '東京-fs01', 'emoji 🚀 and ü', '"quoted" \\ back', 'ÿ€\u0000\u001f'])(
    'Should keep %j',
    (s) => {
      roundTrip({ Name: s, Links: [{ Name: s }] })
    }
  )

  it('Should drop a BOM and keep pure ASCII bodies as they are', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"Zürich"}')])
    expect(JSON.parse(jsonText(body))).toEqual({ a: 'Zürich' })
    expect(jsonText(Buffer.from('{"a":1}'))).toBe('{"a":1}')
  })

  it('Should turn malformed UTF-8 into U+FFFD, not fail', () => {
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]) // {"a":"\xc3(\xff"}
    expect(JSON.parse(jsonText(body))).toEqual({ a: '\ufffd(\ufffd' })
  })
})

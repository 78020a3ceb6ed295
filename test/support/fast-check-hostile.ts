/**
 * @module fast-check arbitraries for hostile input: strings built from EM filter-grammar metacharacters,
 * URL metacharacters, control characters and Unicode, plus well-formed-only variants (what a URL can
 * carry once percent-decoded). Shared by the reliability suite's property tests.
 */
import fc from 'fast-check'

/** Fragments that mean something to EM's filter grammar, to URLs, to JSON/XML, or to terminals. */
export const HOSTILE_PARTS: readonly string[] = [
  '"',
  '""',
  "'",
  ';',
  ',',
  '(',
  ')',
  '==',
  '!=',
  '<',
  '>=',
  '=',
  '&',
  '#',
  '?',
  '+',
  '%',
  '%00',
  '%22',
  '%ZZ',
  '\u0000',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '\\',
  '/',
  '*',
  '<Broken/>',
  '${x}',
  'é',
  'ß',
  'İ',
  '😀',
  '\u00a0',
  '\u200b',
  '\u202e',
  'a',
  'Z',
  '0',
]

/** True when the text survives percent-encoding (no lone surrogates). */
export const isWellFormed = (s: string): boolean => {
  try {
    encodeURIComponent(s)
    return true
  } catch {
    return false
  }
}

/** Concatenations of hostile fragments (may be empty). */
export const hostileText = (maxParts = 12): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...HOSTILE_PARTS), { maxLength: maxParts }).map((p) => p.join(''))

/** Any well-formed string: hostile fragments, arbitrary code points, or graphemes. */
export const anyText = (maxLength = 24): fc.Arbitrary<string> =>
  fc
    .oneof(
      hostileText(),
      fc.string({ unit: 'binary', maxLength }),
      fc.string({ unit: 'grapheme', maxLength: Math.ceil(maxLength / 2) })
    )
    .filter(isWellFormed)

/** Non-empty well-formed text that cannot be mistaken for a number, date, GUID or enum value. */
export const junk = (): fc.Arbitrary<string> => anyText().map((s) => `"${s}`)

/**
 * The fast path of `timesOf` (EM's UTC times read by character codes) must agree with the
 * `Date.parse` + `toISOString` path for every instant and any number of fractional digits, and leave
 * every other form to it.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RawSession } from '../../shared/em/raw'
import { canonicalMs, timesOf } from '../../shared/mapping/common'

const raw = (creation: string, end?: string): RawSession => ({
  Type: 'BackupTaskSession',
  Name: 'vm@x',
  UID: 'urn:veeam:BackupTaskSession:1',
  State: 'Stopped',
  CreationTimeUTC: creation,
  ...(end === undefined ? {} : { EndTimeUTC: end }),
})

/** The reference: what the mapper did before the fast path. */
const slow = (v: string): number => Date.parse(/(?:Z|[+-]\d\d:?\d\d)$/i.test(v) ? v : `${v}Z`)

const instants = fc.date({
  min: new Date('0100-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
})

describe('timesOf fast path', () => {
  it('agrees with Date.parse/toISOString on every canonical instant', () => {
    fc.assert(
      fc.property(instants, instants, (a, b) => {
        const [ta, tb] = [a.toISOString(), b.toISOString()]
        expect(canonicalMs(ta)).toBe(a.getTime())
        const t = timesOf(raw(ta, tb))
        expect(t).toEqual({
          creationTime: new Date(slow(ta)).toISOString(),
          endTime: new Date(slow(tb)).toISOString(),
          durationSeconds: (slow(tb) - slow(ta)) / 1000,
          createdMs: slow(ta),
          endedMs: slow(tb),
        })
      }),
      { numRuns: 2000 }
    )
  })

  it('leaves other forms and impossible dates to Date.parse', () => {
    for (const v of [
      '2026-02-29T00:00:00.000Z', // not a leap year
      '2024-02-30T00:00:00.000Z',
      '2026-11-01T24:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-11-01T11:57:53.Z',
      '2026-11-01T11:57:53.4521234567Z',
      '2026-11-01T11:57:53.452',
      '2026-11-01T11:57:53.452+02:00',
      '0099-01-01T00:00:00.000Z',
      '2026-1a-01T00:00:00.000Z',
    ]) {
      expect(canonicalMs(v), v).toBeNaN()
      const ms = slow(v)
      if (Number.isNaN(ms)) expect(() => timesOf(raw(v)), v).toThrow()
      else expect(timesOf(raw(v)).creationTime, v).toBe(new Date(ms).toISOString())
    }
    expect(canonicalMs('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999))
  })

  it('reads 0 to 9 fractional digits (EM 13 sends up to 7) as Date.parse does: milliseconds kept, the rest dropped', () => {
    const digits = fc.stringMatching(/^[0-9]{0,9}$/)
    fc.assert(
      fc.property(instants, digits, (a, frac) => {
        const text = `${a.toISOString().slice(0, 19)}${frac === '' ? '' : `.${frac}`}Z`
        expect(canonicalMs(text), text).toBe(slow(text))
        expect(timesOf(raw(text)).creationTime).toBe(new Date(slow(text)).toISOString())
      }),
      { numRuns: 2000 }
    )
    // The v13 captures: 6 and 5 digits, never rounded up.
    expect(timesOf(raw('2026-06-16T06:33:10.659559Z', '2026-06-16T06:38:51.9999Z'))).toEqual({
      creationTime: '2026-06-16T06:33:10.659Z',
      endTime: '2026-06-16T06:38:51.999Z',
      durationSeconds: 341.34,
      createdMs: Date.UTC(2026, 5, 16, 6, 33, 10, 659),
      endedMs: Date.UTC(2026, 5, 16, 6, 38, 51, 999),
    })
  })
})

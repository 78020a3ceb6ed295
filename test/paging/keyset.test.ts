/**
 * The keyset position arithmetic, in isolation: what is "already returned", and what the next
 * position carries (so tokens stay small even when a whole page shares one second).
 */
import { describe, expect, it } from 'vitest'
import {
  MAX_SEEN,
  nextPosition,
  returnedBefore,
  resumeCondition,
  type KeysetPosition,
} from '../../shared/paging/keyset'

const at = (iso: string) => Date.parse(iso)

describe('keyset', () => {
  const desc: KeysetPosition = {
    direction: 'desc',
    boundary: at('2026-11-01T10:00:05.500Z'),
    seen: ['b'],
    skip: 3,
  }
  const asc: KeysetPosition = { ...desc, direction: 'asc' }

  it.each([
    ['desc, later in the same second', desc, '2026-11-01T10:00:05.700Z', 'x', true],
    ['desc, at the boundary, returned', desc, '2026-11-01T10:00:05.500Z', 'b', true],
    ['desc, at the boundary, not returned', desc, '2026-11-01T10:00:05.500Z', 'c', false],
    ['desc, earlier', desc, '2026-11-01T10:00:05.100Z', 'x', false],
    ['asc, earlier in the same second', asc, '2026-11-01T10:00:05.100Z', 'x', true],
    ['asc, later', asc, '2026-11-01T10:00:05.900Z', 'x', false],
  ] as const)('Should say %s → %s', (_n, position, time, id, want) => {
    expect(returnedBefore(position)({ ms: at(time), id })).toBe(want)
  })

  it('Should ask EM for the whole boundary second', () => {
    expect(resumeCondition(desc, 'CreationTime')).toEqual({
      field: 'CreationTime',
      op: '<',
      value: new Date('2026-11-01T10:00:06.000Z'),
    })
    expect(resumeCondition(asc, 'CreationTimeUTC')).toEqual({
      field: 'CreationTimeUTC',
      op: '>=',
      value: new Date('2026-11-01T10:00:05.000Z'),
    })
  })

  it('Should carry the skip count within a second and only the ids tied at the boundary', () => {
    const taken = Array.from({ length: 1000 }, (_, i) => ({
      ms: at('2026-11-01T10:00:05.999Z') - (i % 999),
      id: `id${i}`,
    }))
    const next = nextPosition(null, 'desc', taken)
    expect(next?.skip).toBe(1000)
    const tied = taken.filter((t) => t.ms === next?.boundary).map((t) => t.id)
    expect([...(next?.seen ?? [])].sort()).toEqual(tied.sort())
    expect(next?.seen.length).toBeLessThanOrEqual(2)
    const after = nextPosition(next, 'desc', [{ ms: at('2026-11-01T10:00:05.000Z'), id: 'z' }])
    expect(after?.skip).toBe(1001)
    expect(after?.seen).toEqual(['z'])
    const other = nextPosition(after, 'desc', [{ ms: at('2026-11-01T10:00:04.000Z'), id: 'y' }])
    expect(other).toMatchObject({ skip: 1, seen: ['y'] })
  })

  it('Should stay bounded when more sessions than MAX_SEEN share one millisecond (count, not ids)', () => {
    const ms = at('2026-11-01T10:00:05.123Z')
    const ties = Array.from({ length: MAX_SEEN + 36 }, (_, i) => ({ ms, id: `t${i}` }))
    const first = nextPosition(null, 'asc', ties.slice(0, 40))
    expect(first).toMatchObject({ seen: expect.any(Array), skip: 40 })
    expect(first?.seen).toHaveLength(40)
    const second = nextPosition(first, 'asc', ties.slice(40, 80))
    expect(second).toMatchObject({ seen: [], tied: 80, skip: 80 })
    // EM answers the ties again in its order: the first 80 are skipped, the rest are new.
    const returned = returnedBefore(second ?? first ?? { direction: 'asc', boundary: ms, seen: [], skip: 0 })
    expect(ties.map((t) => returned(t)).filter(Boolean)).toHaveLength(80)
    const third = nextPosition(second, 'asc', ties.slice(80))
    expect(third).toMatchObject({ seen: [], tied: MAX_SEEN + 36 })
  })
})

/**
 * Where a stream of the events feed stands after consuming part of a page: the keys before the
 * first event not given, never one past the horizon; many ties at one millisecond kept compact.
 */
import { describe, expect, it } from 'vitest'
import { returnedBefore } from '../../shared/paging/keyset'
import { consumedPosition, MAX_SEEN_IN_CURSOR as MAX_SEEN } from '../../shared/paging/stream-position'

const T = Date.parse('2026-11-01T10:00:05.000Z')
const key = (ms: number, id: string) => ({ ms: T + ms, id })

describe('consumedPosition', () => {
  const keys = [key(100, 'a'), key(200, 'c'), key(200, 'b'), key(700, 'd'), key(1200, 'e')]

  it('Should consume the keys before the limit, counting its second and the ids tied at the boundary', () => {
    expect(consumedPosition(null, keys, key(700, 'd'), T + 5000)).toEqual({
      direction: 'asc',
      boundary: T + 200,
      seen: ['b', 'c'],
      skip: 3,
    })
    expect(consumedPosition(null, keys, key(200, 'c'), T + 5000)).toMatchObject({
      boundary: T + 200,
      seen: ['b'],
    })
  })

  it('Should consume everything up to the horizon, and nothing past it', () => {
    expect(consumedPosition(null, keys, null, T + 700)).toEqual({
      direction: 'asc',
      boundary: T + 700,
      seen: ['d'],
      skip: 4,
    })
  })

  it('Should keep the previous position when nothing is consumed', () => {
    const previous = { direction: 'asc' as const, boundary: T, seen: ['z'], skip: 1 }
    expect(consumedPosition(previous, keys, key(100, 'a'), T + 5000)).toBe(previous)
    expect(consumedPosition(null, [], null, T)).toBeNull()
  })

  it('Should carry the count of a second over pages', () => {
    const previous = { direction: 'asc' as const, boundary: T + 50, seen: ['y'], skip: 2 }
    expect(consumedPosition(previous, [key(100, 'a')], null, T + 5000)).toEqual({
      direction: 'asc',
      boundary: T + 100,
      seen: ['a'],
      skip: 3,
    })
  })

  it('Should keep only the greatest id when more than MAX_SEEN sessions share the boundary millisecond', () => {
    const tied = Array.from({ length: MAX_SEEN + 5 }, (_, i) => key(300, `id-${String(i).padStart(2, '0')}`))
    const p = consumedPosition(null, tied, null, T + 5000)
    expect(p).toMatchObject({
      boundary: T + 300,
      seen: [],
      skip: MAX_SEEN + 5,
      seenUpTo: `id-${MAX_SEEN + 4}`,
    })
    if (p === null) throw new Error('no position')
    expect(returnedBefore(p)(key(300, 'id-03'))).toBe(true)
    expect(returnedBefore(p)(key(300, 'id-99'))).toBe(false)
    expect(returnedBefore(p)(key(301, 'id-00'))).toBe(false)
  })
})

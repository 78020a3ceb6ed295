/**
 * The events cursor: round trip, signature, binding to the selection, and what it refuses.
 */
import { describe, expect, it } from 'vitest'
import { CursorError, decodeCursor, encodeCursor, type EventCursor } from '../../shared/paging/event-cursor'
import { PageTokenCodec } from '../../shared/paging/page-token'

const codec = new PageTokenCodec('unit-test-key')
const cursor: EventCursor = {
  fingerprint: 'fp-1',
  since: Date.parse('2026-11-01T00:00:00Z'),
  horizon: Date.parse('2026-11-01T12:00:00.123Z'),
  issuedAt: Date.parse('2026-11-01T12:01:00Z'),
  streams: [
    { position: null, drained: false },
    { position: null, drained: true },
    {
      position: { direction: 'asc', boundary: 1_793_530_000_123, seen: ['a', 'b'], skip: 3 },
      drained: false,
    },
    {
      position: { direction: 'asc', boundary: 1_793_530_000_999, seen: [], skip: 40, seenUpTo: 'zz' },
      drained: true,
    },
  ],
}

describe('event cursor', () => {
  it('Should round-trip every stream state', () => {
    const token = encodeCursor(codec, cursor)
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(decodeCursor(codec, token, 'fp-1')).toEqual(cursor)
  })

  it('Should refuse another selection, another key, an edit and a page token', () => {
    const token = encodeCursor(codec, cursor)
    expect(() => decodeCursor(codec, token, 'fp-2')).toThrow(CursorError)
    expect(() => decodeCursor(new PageTokenCodec('other-key'), token, 'fp-1')).toThrow(CursorError)
    const [payload = '', mac = ''] = token.split('.')
    const edited = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('"h":', '"h":1')
    ).toString('base64url')
    expect(() => decodeCursor(codec, `${edited}.${mac}`, 'fp-1')).toThrow(CursorError)
    const pageToken = codec.encode({
      route: 'backup-job-sessions',
      fingerprint: 'fp-1',
      direction: 'asc',
      boundary: 1,
      seen: [],
      skip: 0,
    })
    expect(() => decodeCursor(codec, pageToken, 'fp-1')).toThrow(CursorError)
  })

  it('Should stay small: twelve streams with a tie each fit well inside a URL', () => {
    const id = '3e4e6f5e-7c38-4be5-bfc7-286602ac7417'
    const big: EventCursor = {
      ...cursor,
      streams: Array.from({ length: 12 }, () => ({
        position: { direction: 'asc' as const, boundary: 1_793_530_000_123, seen: [id], skip: 1 },
        drained: false,
      })),
    }
    expect(encodeCursor(codec, big).length).toBeLessThan(1500)
  })
})

/**
 * @module The events feed's cursor: where each stream (family × clock) of a selection stands, signed
 * like page tokens (`PageTokenCodec.seal`) and bound to the selection by a fingerprint.
 *
 * Payload (JSON, short keys): `v` version, `k` "ev" (never a page token), `f` fingerprint, `s` since
 * and `h` horizon (epoch ms), `t` issued at (epoch s, for the age limit), `p` one entry per stream in
 * the selection's order: `0` (nothing read yet), `1` (nothing read, drained to the horizon) or
 * `[drained, boundary, skip, seenUpTo or "", ...seen ids]` (an ascending keyset position, see `keyset.ts`).
 */
import { z } from 'zod'
import type { KeysetPosition } from './keyset'
import { PageTokenError, type PageTokenCodec } from './page-token'

export interface StreamState {
  /** Where the stream stands (ascending); null before anything was read from it. */
  readonly position: KeysetPosition | null
  /** True when everything up to the cursor's horizon has been given. */
  readonly drained: boolean
}

export interface EventCursor {
  readonly fingerprint: string
  /** The first poll's `since` (epoch ms): every stream starts there. */
  readonly since: number
  /** Events are read up to this instant (epoch ms, inclusive) until every stream is drained to it. */
  readonly horizon: number
  /** When the cursor was issued (epoch ms, whole seconds). */
  readonly issuedAt: number
  readonly streams: readonly StreamState[]
}

const Flag = z.union([z.literal(0), z.literal(1)])
const Ms = z.number().int().nonnegative().max(8.64e15)
const StreamSchema = z.union([
  Flag,
  z.tuple(
    [Flag, Ms, z.number().int().nonnegative().max(1_000_000), z.string().max(64)],
    z.string().min(1).max(64)
  ),
])
const PayloadSchema = z.object({
  v: z.literal(1),
  k: z.literal('ev'),
  f: z.string().max(64),
  s: Ms,
  h: Ms,
  t: z.number().int().nonnegative(),
  p: z.array(StreamSchema).max(12),
})

export class CursorError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CursorError'
  }
}

const toEntry = (s: StreamState): z.infer<typeof StreamSchema> => {
  const d = s.drained ? 1 : 0
  const p = s.position
  return p === null ? d : [d, p.boundary, p.skip, p.seenUpTo ?? '', ...p.seen]
}

const fromEntry = (e: z.infer<typeof StreamSchema>): StreamState =>
  typeof e === 'number'
    ? { position: null, drained: e === 1 }
    : {
        drained: e[0] === 1,
        position: {
          direction: 'asc',
          boundary: e[1],
          skip: e[2],
          seen: e.slice(4).map(String),
          ...(e[3] === '' ? {} : { seenUpTo: e[3] }),
        },
      }

export const encodeCursor = (codec: PageTokenCodec, c: EventCursor): string =>
  codec.seal(
    JSON.stringify({
      v: 1,
      k: 'ev',
      f: c.fingerprint,
      s: c.since,
      h: c.horizon,
      t: Math.floor(c.issuedAt / 1000),
      p: c.streams.map(toEntry),
    })
  )

/** Verifies the signature and the selection; `CursorError` says why a cursor is refused. */
export const decodeCursor = (
  codec: PageTokenCodec,
  token: string,
  expectedFingerprint: string
): EventCursor => {
  let text: string
  try {
    text = codec.open(token)
  } catch (e) {
    if (e instanceof PageTokenError)
      throw new CursorError('is not a valid cursor (altered, truncated or from another deployment)')
    throw e
  }
  let p: z.infer<typeof PayloadSchema>
  try {
    p = PayloadSchema.parse(JSON.parse(text))
  } catch {
    throw new CursorError('is not a valid cursor')
  }
  if (p.f !== expectedFingerprint)
    throw new CursorError(
      "was issued for other parameters: repeat the first request's kind, level, type, result and pageSize"
    )
  return {
    fingerprint: p.f,
    since: p.s,
    horizon: p.h,
    issuedAt: p.t * 1000,
    streams: p.p.map(fromEntry),
  }
}

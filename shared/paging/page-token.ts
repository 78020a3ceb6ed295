/**
 * @module Opaque, integrity-protected page tokens for keyset paging.
 *
 * A token carries the position (see `keyset.ts`: the boundary creation time, the ids tied at it and
 * how many sessions of its second were returned, so ties and EM's unknown sub-second precision can
 * neither lose nor repeat a session), the
 * sort direction, the route, and a fingerprint of every other parameter. It is
 * `base64url(payload) "." base64url(HMAC-SHA256(key, payload))`: a forged, truncated or edited token,
 * or one replayed against another route or other parameters, is refused.
 */
import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'
import { z } from 'zod'
import { MAX_SEEN, MAX_SKIP, type KeysetPosition } from './keyset'

/** A keyset position bound to the route and parameters that produced it. */
export interface PagePosition extends KeysetPosition {
  /** Route identity: family key plus the (lower-case) parent id for children routes. */
  readonly route: string
  readonly fingerprint: string
}

/** Built on first use: a first page reads no token. */
const payloadSchema = () =>
  z.object({
    v: z.literal(1),
    r: z.string(),
    f: z.string(),
    d: z.enum(['asc', 'desc']),
    b: z.number().int().nonnegative(),
    s: z.array(z.string().min(1).max(64)).max(MAX_SEEN),
    t: z.number().int().positive().max(MAX_SKIP).optional(),
    n: z.number().int().nonnegative().max(MAX_SKIP),
  })
let PayloadSchema: ReturnType<typeof payloadSchema> | undefined

/**
 * The longest token this API issues: a payload with `MAX_SEEN` GUIDs and the longest route, in
 * base64url, a dot and a 43-character HMAC-SHA256. The OpenAPI document declares it as `maxLength`;
 * longer input is refused before any work.
 */
export const MAX_TOKEN_LENGTH = 4096

/** What a token looks like (base64url payload, a dot, the base64url HMAC-SHA256). */
export const PAGE_TOKEN_PATTERN = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$'

export class PageTokenError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PageTokenError'
  }
}

/** A stable fingerprint of the request's other parameters (order and repetition style do not matter). */
export const fingerprint = (params: object): string => {
  const entries = Object.entries(params)
  const canonical = entries
    .filter(([k, v]) => k !== 'pageToken' && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 22)
}

export class PageTokenCodec {
  /** The HMAC key, prepared once (not from the text at every token). */
  private readonly key: KeyObject

  constructor(key: string | Buffer) {
    this.key = createSecretKey(typeof key === 'string' ? Buffer.from(key, 'utf8') : key)
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest()
  }

  /**
   * `base64url(text) "." base64url(HMAC)`: the signing every opaque token of the API shares (page
   * tokens here, the events cursor in `event-cursor.ts`); each kind's payload schema tells them apart.
   */
  seal(text: string): string {
    const payload = Buffer.from(text).toString('base64url')
    return `${payload}.${this.mac(payload).toString('base64url')}`
  }

  /** The text a sealed token carries, once its signature is verified (`PageTokenError` otherwise). */
  open(token: string): string {
    const dot = token.indexOf('.')
    if (dot <= 0 || token.length > MAX_TOKEN_LENGTH) throw new PageTokenError('is not a valid page token')
    const payload = token.slice(0, dot)
    // Compare the signature's text, not its decoded bytes: base64url decoding ignores stray characters
    // and the last character's unused bits, so several texts decode to one MAC (a malleable token).
    const given = Buffer.from(token.slice(dot + 1), 'utf8')
    const want = Buffer.from(this.mac(payload).toString('base64url'), 'utf8')
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      throw new PageTokenError('is not a valid page token (altered, truncated or from another deployment)')
    }
    return Buffer.from(payload, 'base64url').toString('utf8')
  }

  encode(p: PagePosition): string {
    return this.seal(
      JSON.stringify({
        v: 1,
        r: p.route,
        f: p.fingerprint,
        d: p.direction,
        b: p.boundary,
        s: p.seen,
        ...(p.tied === undefined ? {} : { t: p.tied }),
        n: p.skip,
      })
    )
  }

  /** Verifies integrity, then that the token belongs to this route and these parameters. */
  decode(token: string, route: string, expectedFingerprint: string): PagePosition {
    const text = this.open(token)
    let parsed: z.infer<ReturnType<typeof payloadSchema>>
    try {
      parsed = (PayloadSchema ??= payloadSchema()).parse(JSON.parse(text))
    } catch {
      throw new PageTokenError('is not a valid page token')
    }
    if (parsed.r !== route) throw new PageTokenError('belongs to another route')
    if (parsed.f !== expectedFingerprint) {
      throw new PageTokenError(
        "was issued for different parameters: repeat the original request's parameters"
      )
    }
    return {
      route: parsed.r,
      fingerprint: parsed.f,
      direction: parsed.d,
      boundary: parsed.b,
      seen: parsed.s,
      ...(parsed.t === undefined ? {} : { tied: parsed.t }),
      skip: parsed.n,
    }
  }
}

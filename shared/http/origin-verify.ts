/**
 * @module Deployed behind CloudFront + AWS WAF, the API Gateway URL itself must not be a way around
 * the WAF: CloudFront adds `X-Origin-Verify: <value>` (infra/edge.ts) and any request without that
 * value is refused here with a plain 403, before auth and routes. Compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { ForbiddenError } from './errors'

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()

export const ORIGIN_VERIFY_HEADER = 'x-origin-verify'

export const originVerify = (expected: string): MiddlewareHandler => {
  const want = digest(expected)
  return async (c, next) => {
    const given = c.req.header(ORIGIN_VERIFY_HEADER)
    if (given === undefined || !timingSafeEqual(digest(given), want)) throw new ForbiddenError()
    await next()
  }
}

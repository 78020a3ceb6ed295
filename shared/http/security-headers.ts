/**
 * @module Security headers on every response, and no framework banner. `/docs` gets a CSP that lets
 * its own (locally served) assets run; everything else is JSON and allows nothing.
 */
import type { MiddlewareHandler } from 'hono'

const API_CSP = "default-src 'none'; frame-ancestors 'none'"
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  const h = c.res.headers
  h.set('X-Content-Type-Options', 'nosniff')
  h.set('X-Frame-Options', 'DENY')
  h.set('Referrer-Policy', 'no-referrer')
  h.set('Cross-Origin-Resource-Policy', 'same-origin')
  h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  h.set('Content-Security-Policy', c.req.path.startsWith('/docs') ? DOCS_CSP : API_CSP)
  if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store')
  h.delete('Server')
  h.delete('X-Powered-By')
}

/**
 * @module The protocol rules every route shares (api-contract "Protocol details"), as middleware that
 * reads the routes the app registered, so a new route follows them without a line here:
 * - methods: a known path answers GET and HEAD; OPTIONS is 204 with `Allow`; any other method is a 405
 *   problem with the same `Allow`; an unknown path is a 404 (auth, on `/v1`, runs before this);
 * - query names: an empty name, or a parameter no operation repeats given twice, is a 400 naming it.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { InvalidParametersError, type ParameterError } from '../model/errors'
import { MethodNotAllowedError } from './errors'

export const ALLOW = 'GET, HEAD, OPTIONS'

/** A Hono route path (`/v1/x/:id`) as a regular expression over request paths. */
const pathPattern = (path: string): RegExp =>
  new RegExp(
    `^${path
      .split('/')
      .map((seg) =>
        seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      )
      .join('/')}$`
  )

/**
 * @param getPaths the paths of the GET routes (read on first use, once every route is registered)
 */
export const methodRules = (getPaths: () => readonly string[]): MiddlewareHandler => {
  let known: RegExp[] | undefined
  return async (c, next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD') return next()
    known ??= getPaths().map(pathPattern)
    const path = c.req.path
    if (!known.some((re) => re.test(path))) return next() // the 404 of `notFound`
    if (method === 'OPTIONS') return c.body(null, 204, { Allow: ALLOW })
    throw new MethodNotAllowedError(`Only ${ALLOW} are allowed here`)
  }
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `queryNameRules`: empty or repeated parameter names, for the validation to report. */
    queryNameErrors: readonly ParameterError[]
  }
}

/** The name errors of a request not yet reported (then marked reported). */
export const takeQueryNameErrors = (c: Context): readonly ParameterError[] => {
  const errors = c.get('queryNameErrors') ?? []
  c.set('queryNameErrors', [])
  return errors
}

/**
 * Finds empty and repeated parameter names and leaves them for the route's validation, which reports
 * them together with the schema's own errors (one 400 naming every bad parameter, before any work);
 * a route that validates no query is refused here, after the fact, with the same 400.
 * @param getRepeatable the query parameters some operation takes as a list (read the first time a
 *   name repeats: a request without repeats never needs the document it comes from)
 */
export const queryNameRules = (getRepeatable: () => Promise<ReadonlySet<string>>): MiddlewareHandler => {
  let repeatable: ReadonlySet<string> | undefined
  return async (c, next) => {
    if (c.req.url.includes('?')) {
      const seen = new Set<string>()
      const errors: ParameterError[] = []
      for (const name of new URL(c.req.url).searchParams.keys()) {
        if (name === '') errors.push({ parameter: '', message: 'a parameter needs a name' })
        else if (seen.has(name) && !(repeatable ??= await getRepeatable()).has(name))
          errors.push({ parameter: name, message: 'is given more than once' })
        seen.add(name)
      }
      c.set('queryNameErrors', errors)
    }
    await next()
    const left = takeQueryNameErrors(c)
    if (left.length > 0) throw new InvalidParametersError([...left])
  }
}

/**
 * @module A route group registered at start, loaded on first use. Each of the group's paths gets a
 * GET route on the app at once (so routing, 404 and 405 know every path from the start); its first
 * request loads the group's module and registers the group on an app of its own, then every request
 * runs that app's handlers for the path (middleware, validators, handler, in their order) on the
 * request's own context, as Hono would have: same params, same validated data, errors to the app's
 * `onError`.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, Next } from 'hono'
import { validationHook } from '../../http/validation'
import type { RouteContext, RouteGroup } from './index'

type RouteHandler = OpenAPIHono['routes'][number]['handler']

/** Hono's `app.use` registers under this method. */
const ALL = 'ALL'

/** The group's own app: the same validation hook as the app's. */
export const groupApp = (): OpenAPIHono => new OpenAPIHono({ defaultHook: validationHook })

/** Refuses a group whose routes are not exactly its declared paths (a path left out would be a 404). */
const checkPaths = (app: OpenAPIHono, group: RouteGroup): void => {
  const gets = new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path))
  const wrong = [
    ...app.routes.filter((r) => !group.paths.includes(r.path)).map((r) => `${r.method} ${r.path} undeclared`),
    ...group.paths.filter((p) => !gets.has(p)).map((p) => `GET ${p} missing`),
  ]
  if (wrong.length > 0) throw new Error(`route group ${group.name}: ${[...new Set(wrong)].join(', ')}`)
}

/** The handlers the group's app runs for a GET of `path`, in order. */
const handlersOf = (app: OpenAPIHono, path: string): RouteHandler[] =>
  app.routes.filter((r) => r.path === path && (r.method === 'GET' || r.method === ALL)).map((r) => r.handler)

/**
 * Runs `handlers` as one route's chain: each gets a `next` that runs the following one, the last the
 * app's own `next`; a response returned becomes the context's unless one is final already.
 */
const runChain = async (handlers: readonly RouteHandler[], c: Context, next: Next): Promise<void> => {
  const run = async (i: number): Promise<void> => {
    const handler = handlers[i]
    if (handler === undefined) return next()
    const res = await handler(c, () => run(i + 1))
    if (res instanceof Response && !c.finalized) c.res = res
  }
  await run(0)
}

/** Registers `group`'s paths on `app`; its module loads on the first request to one of them. */
export const registerLazyGroup = (app: OpenAPIHono, group: RouteGroup, ctx: RouteContext): void => {
  let loading: Promise<OpenAPIHono> | undefined
  const loaded = (): Promise<OpenAPIHono> => {
    if (loading === undefined) {
      const started = group.load().then((register) => {
        const own = groupApp()
        register(own, ctx)
        checkPaths(own, group)
        return own
      })
      // A failed load (a missing chunk) fails its requests; the next one tries again.
      started.catch(() => {
        if (loading === started) loading = undefined
      })
      loading = started
    }
    return loading
  }
  for (const path of group.paths) {
    let chain: RouteHandler[] | undefined
    app.get(path, async (c, next) => {
      chain ??= handlersOf(await loaded(), path)
      await runChain(chain, c, next)
    })
  }
}

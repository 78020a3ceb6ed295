/**
 * @module Dispatches a request to its route: unauthenticated entry point and logon first, then the
 * token check (401 Error when missing, unknown or expired), then the session routes.
 */
import type { LogonStore } from './logon-store'
import { emError } from './responses'
import type { RequestContext, SimResponse } from './responses'
import { deleteLogon, getEntryPoint, getLogons, postLogon } from './routes-auth'
import { COLLECTION_TYPES, getChildren, getCollection, getEntity, getQuery } from './routes-sessions'
import type { SessionRouteDeps } from './routes-sessions'

export interface RouterDeps extends SessionRouteDeps {
  readonly logons: LogonStore
}

/** What the router decided, for the request log. */
export interface Routed {
  readonly response: SimResponse
  readonly authenticated: boolean
}

const segmentsOf = (path: string): string[] => path.split('/').filter((s) => s !== '')

/** True for the requests that do not need a token (entry point, logon). */
export const isPublic = (method: string, path: string): boolean => {
  const seg = segmentsOf(path).map((s) => s.toLowerCase())
  if (seg[0] !== 'api') return false
  return (seg.length === 1 && method === 'GET') || (seg.length === 2 && seg[1] === 'sessionmngr')
}

const METHOD_NOT_ALLOWED = (ctx: RequestContext) => emError(ctx, 405, `Method ${ctx.method} is not allowed`)

/** Routes one request. */
export const route = (deps: RouterDeps, ctx: RequestContext): Routed => {
  const seg = segmentsOf(ctx.path)
  const lower = seg.map((s) => s.toLowerCase())
  if (lower[0] !== 'api') return { response: emError(ctx, 404, 'Resource not found'), authenticated: false }
  if (seg.length === 1) {
    return {
      response: ctx.method === 'GET' ? getEntryPoint(deps.base, ctx) : METHOD_NOT_ALLOWED(ctx),
      authenticated: false,
    }
  }
  if (seg.length === 2 && lower[1] === 'sessionmngr') {
    return {
      response: ctx.method === 'POST' ? postLogon(deps.base, deps.logons, ctx) : METHOD_NOT_ALLOWED(ctx),
      authenticated: false,
    }
  }
  const state = deps.logons.resolve(ctx.token)
  if (!state.ok) {
    const message =
      state.reason === 'missing'
        ? 'Authorization header expected but not found'
        : 'The session has expired or is not valid. Please log on again'
    return { response: emError(ctx, 401, message), authenticated: false }
  }
  return { response: routeAuthenticated(deps, ctx, seg, lower), authenticated: true }
}

const routeAuthenticated = (
  deps: RouterDeps,
  ctx: RequestContext,
  seg: string[],
  lower: string[]
): SimResponse => {
  const [, first, id, child] = seg
  if (lower[1] === 'logonsessions' && seg.length <= 3) {
    if (ctx.method === 'GET') return getLogons(deps.base, deps.logons, ctx, id)
    return ctx.method === 'DELETE' && id !== undefined
      ? deleteLogon(deps.logons, ctx, id)
      : METHOD_NOT_ALLOWED(ctx)
  }
  const type = COLLECTION_TYPES.get(lower[1] ?? '')
  const known = lower[1] === 'query' || type !== undefined
  if (known && ctx.method !== 'GET') return METHOD_NOT_ALLOWED(ctx)
  if (lower[1] === 'query' && seg.length === 2) return getQuery(deps, ctx)
  if (type !== undefined && first !== undefined) {
    if (seg.length === 2) return getCollection(deps, ctx, type)
    if (seg.length === 3 && id !== undefined) return getEntity(deps, ctx, type, id)
    if (seg.length === 4 && id !== undefined && child !== undefined) {
      const res = getChildren(deps, ctx, first, id, child)
      if (res !== undefined) return res
    }
  }
  return emError(ctx, 404, `Resource ${ctx.path} not found`)
}

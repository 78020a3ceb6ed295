/**
 * @module The app the OpenAPI document is generated from: the security scheme, then every group, in
 * `ROUTE_GROUPS` order (the order the document lists their operations in).
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { registerSecurityScheme } from '../../openapi/document'
import { ROUTE_GROUPS, type RegisterRoutes, type RouteContext } from './index'
import { groupApp } from './lazy'

/** @param registrations each group's, in `ROUTE_GROUPS` order (`loadRegistrations`, or imported statically) */
export const documentApp = (ctx: RouteContext, registrations: readonly RegisterRoutes[]): OpenAPIHono => {
  const app = groupApp()
  registerSecurityScheme(app)
  for (const register of registrations) register(app, ctx)
  return app
}

/** Loads every group's module; their registrations in `ROUTE_GROUPS` order. */
export const loadRegistrations = (): Promise<RegisterRoutes[]> =>
  Promise.all(ROUTE_GROUPS.map((g) => g.load()))

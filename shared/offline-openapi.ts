/**
 * @module The OpenAPI document without a running EM: every route group imported statically and
 * registered with inert dependencies, for `npm run openapi`, the build, the drift test and client
 * generation. The app generates the same document from the same groups, loaded on demand.
 */
import type { EmClient } from './em/types'
import { isFamilyKey, type FamilyKey } from './families/keys'
import { serializeDocument } from './openapi/document'
import { PageTokenCodec } from './paging/page-token'
import { documentApp } from './routes/groups/document-app'
import { registerEvents } from './routes/groups/events'
import {
  ROUTE_GROUPS,
  type RegisterRoutes,
  type RouteContext,
  type RouteGroupName,
} from './routes/groups/index'
import { registerMeta } from './routes/groups/meta'
import { registerMetrics } from './routes/groups/metrics'
import { registerReports } from './routes/groups/reports'
import { familyRoutes } from './routes/groups/sessions'
import { createEmReader } from './services/em-reader'

const inertEm: EmClient = {
  query: () => Promise.reject(new Error('offline')),
  getEntity: () => Promise.reject(new Error('offline')),
  checkLogon: () => Promise.reject(new Error('offline')),
  close: () => Promise.resolve(),
}

const OTHER_GROUPS: { readonly [N in Exclude<RouteGroupName, FamilyKey>]: RegisterRoutes } = {
  reports: registerReports,
  metrics: registerMetrics,
  events: registerEvents,
  meta: registerMeta,
}

const registration = (name: RouteGroupName): RegisterRoutes =>
  isFamilyKey(name) ? familyRoutes(name) : OTHER_GROUPS[name]

export const openapiDocument = (): string => {
  const ctx: RouteContext = {
    deps: { em: inertEm, apiKeys: () => Promise.resolve([]) },
    reader: createEmReader(inertEm),
    tokens: new PageTokenCodec('offline'),
    auth: {},
    openapiJson: () => Promise.reject(new Error('offline')),
  }
  return serializeDocument(
    documentApp(
      ctx,
      ROUTE_GROUPS.map((g) => registration(g.name))
    )
  )
}

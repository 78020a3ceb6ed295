/** @module The meta group: health, the OpenAPI document and Swagger UI. */
import { registerMetaRoutes } from '../meta'
import type { RegisterRoutes } from './index'

export const registerMeta: RegisterRoutes = (app, { deps, openapiJson, auth }) =>
  registerMetaRoutes(app, {
    em: deps.em,
    openapiJson,
    apiKeys: deps.apiKeys,
    auth,
    ...(deps.deepHealthIntervalMs === undefined ? {} : { deepHealthIntervalMs: deps.deepHealthIntervalMs }),
  })

/**
 * @module The OpenAPI document without a running EM: the app built with inert dependencies, for
 * `npm run openapi`, the drift test and client generation.
 */
import { createApp } from './app'
import type { EmClient } from './em/types'
import { serializeDocument } from './openapi/document'

const inertEm: EmClient = {
  query: () => Promise.reject(new Error('offline')),
  getEntity: () => Promise.reject(new Error('offline')),
  checkLogon: () => Promise.reject(new Error('offline')),
  close: () => Promise.resolve(),
}

export const openapiDocument = (): string => {
  const app = createApp({ em: inertEm, apiKeys: () => Promise.resolve([]), pageTokenKey: 'offline' })
  return serializeDocument(app)
}

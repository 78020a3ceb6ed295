/**
 * @module The OpenAPI 3.1 document's top-level parts (info, servers, tags, security scheme).
 * The paths and schemas come from the routes themselves.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'

export const API_VERSION = '1.0.0'

export const DOC_CONFIG: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'EM Sessions API',
    version: API_VERSION,
    description:
      'Normalized, paginated JSON over Veeam Backup Enterprise Manager job and task session history (backup, replication, CDP).\n\n' +
      'Paging: every list answers `{ items, nextPageToken }`; pass `nextPageToken` back as `pageToken` with the same other parameters ' +
      '(also given as an RFC 8288 `Link: <…>; rel="next"` header). Errors are RFC 9457 `application/problem+json`.',
    license: { name: 'Proprietary' },
  },
  servers: [{ url: '/', description: 'This deployment' }],
  tags: [
    { name: 'backup', description: 'Backup job and task sessions (EM BackupJobSession, BackupTaskSession)' },
    {
      name: 'replica',
      description: 'Replication job and task sessions (EM ReplicaJobSession, ReplicaTaskSession)',
    },
    {
      name: 'cdp',
      description: 'CDP policy and task sessions (EM CdpReplicaSession, CdpReplicaTaskSession)',
    },
    { name: 'reports', description: 'Daily reports: job summary and VM protection' },
    { name: 'meta', description: 'Health, this document and its interactive view' },
  ],
}

export const registerSecurityScheme = (app: OpenAPIHono): void => {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `Authorization: Bearer <key>`.',
  })
}

/** The document as committed in openapi/openapi.json (2-space JSON, trailing newline). */
export const serializeDocument = (app: OpenAPIHono): string =>
  `${JSON.stringify(app.getOpenAPI31Document(DOC_CONFIG), null, 2)}\n`

/** Serialized once, on first use (off the cold path), then served as is. */
export const documentOnce = (app: OpenAPIHono): (() => string) => {
  let json: string | undefined
  return () => (json ??= serializeDocument(app))
}

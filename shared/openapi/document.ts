/**
 * @module The OpenAPI 3.1 document's top-level parts (info, servers, tags, security scheme).
 * The paths and schemas come from the routes themselves.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z, type OpenAPIHono } from '@hono/zod-openapi'

export const API_VERSION = '1.0.0'

/**
 * An SPDX `identifier` (OpenAPI 3.1) rather than a URL: there is no public licence page. A variable,
 * not an inline literal, because the generator's config type is OpenAPI 3.0's License Object.
 */
const LICENSE = { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' }

export const DOC_CONFIG: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'EM Sessions API',
    version: API_VERSION,
    description: [
      'Normalized, paginated JSON over Veeam Backup Enterprise Manager job and task session history (backup, replication, CDP), and two daily reports.',
      '',
      '**Auth.** Every `/v1` operation needs `Authorization: Bearer <api key>`; `/health`, `/openapi.json` and `/docs` are public.',
      '',
      '**Paging.** Every list answers `{ "items": [...], "nextPageToken": "..." | null }`. To get the next page, send the same request ' +
        'with `pageToken` set to `nextPageToken` (every other parameter unchanged, or it is a 400); stop when it is null. ' +
        'The next page is also given as an RFC 8288 `Link: <...>; rel="next"` header. Paging is keyset on creation time: walking every page ' +
        'returns each session that existed at the first request exactly once, even while EM creates new ones. ' +
        'List operations declare this in an `x-pagination` extension: ' +
        '`{ "cursorParam": "pageToken", "cursorPath": "$.nextPageToken", "itemsPath": "$.items", "sizeParam": "pageSize" }`.',
      '',
      '**Filtering.** Filters combine with AND; a repeated or comma-separated enum parameter (`state`, `result`) means any of its values. ' +
        'Times are RFC 3339 with an offset; `...After` is inclusive, `...Before` exclusive. Unknown parameters are a 400.',
      '',
      '**Errors.** RFC 9457 `application/problem+json` with a stable `type` URI (`urn:em-sessions-api:problem:...`); ' +
        '400s name each bad parameter in `errors`. 502, 503 and 504 describe Enterprise Manager, not this API.',
    ].join('\n'),
    license: LICENSE,
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
    {
      name: 'events',
      description:
        'A change feed to poll: sessions that started or finished, with a cursor that neither misses nor repeats',
    },
    { name: 'metrics', description: 'Prometheus scrape target: job results and VM protection as metrics' },
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

/** The file the build writes beside the Lambda bundle: this document, generated from the code. */
export const BUNDLED_DOCUMENT = 'openapi.json'

/** The document written beside the bundle this module runs in, if any (none in the source tree). */
const bundledDocument = async (): Promise<string | undefined> => {
  const file = join(dirname(fileURLToPath(import.meta.url)), BUNDLED_DOCUMENT)
  return existsSync(file) ? readFile(file, 'utf8') : undefined
}

/**
 * The document, serialized once on first use (off the cold path), then served as is: the one the
 * build wrote beside the Lambda bundle, else generated from the app `make` gives (every route group
 * loaded). A failure is not kept: the next call tries again.
 */
export const documentOnce = (make: () => Promise<OpenAPIHono>): (() => Promise<string>) => {
  let json: Promise<string> | undefined
  return () => {
    if (json === undefined) {
      const started = (async () => (await bundledDocument()) ?? serializeDocument(await make()))()
      started.catch(() => {
        if (json === started) json = undefined
      })
      json = started
    }
    return json
  }
}

const parametersDocSchema = () =>
  z.object({
    paths: z.record(
      z.string(),
      z.record(
        z.string(),
        z.looseObject({
          parameters: z
            .array(
              z.looseObject({
                name: z.string(),
                schema: z.looseObject({ type: z.unknown().optional() }).optional(),
              })
            )
            .optional(),
        })
      )
    ),
  })
let ParametersDocSchema: ReturnType<typeof parametersDocSchema> | undefined

/** The query parameters some operation of the document takes as a list (`state`, `result`, `kind`). */
export const repeatableParameters = (json: string): Set<string> => {
  const doc = (ParametersDocSchema ??= parametersDocSchema()).parse(JSON.parse(json))
  const out = new Set<string>()
  for (const item of Object.values(doc.paths))
    for (const op of Object.values(item))
      for (const p of op.parameters ?? []) if (p.schema?.type === 'array') out.add(p.name)
  return out
}

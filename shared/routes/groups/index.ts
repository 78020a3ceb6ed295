/**
 * @module The app's routes in groups (each session family, reports, metrics, events, meta), each with
 * the GET paths it serves, known up front, and a loader of its module. The app registers every path at
 * start and loads a group's module (its schemas, services and handlers) on the first request to one
 * of its paths (`lazy.ts`); the OpenAPI document registers every group, in this order (`document-app.ts`).
 * In the Lambda bundle each group is a chunk of its own, so a cold start loads only what its first
 * request needs.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { EventsConfig, ScrapeConfig } from '../../config/env'
import type { EmClient } from '../../em/types'
import { FAMILY_KEYS, PARENT_FAMILY_KEYS, type FamilyKey } from '../../families/keys'
import type { ApiKeySource, AuthOptions } from '../../http/auth'
import type { RollupStore } from '../../rollups/store'
import type { EmReader } from '../../services/em-reader'
import type { SessionServiceDeps } from '../../services/sessions'

/** What the groups read of the app's dependencies (`AppDeps`, documented there). */
export interface GroupDeps {
  readonly em: EmClient
  readonly apiKeys: ApiKeySource
  readonly onPage?: ((items: number) => void) | undefined
  readonly reportConcurrency?: number | undefined
  readonly reportTimeBudgetMs?: number | undefined
  readonly rollups?: RollupStore | undefined
  readonly now?: (() => Date) | undefined
  readonly scrape?: ScrapeConfig | undefined
  readonly events?: EventsConfig | undefined
  readonly deepHealthIntervalMs?: number | undefined
  readonly logger?: { warn(message: string, attributes?: Record<string, unknown>): void } | undefined
}

/** What the groups' routes are made from: the app's dependencies and what the app makes of them once. */
export interface RouteContext {
  readonly deps: GroupDeps
  readonly reader: EmReader
  readonly tokens: SessionServiceDeps['tokens']
  readonly auth: AuthOptions
  /** The OpenAPI document, serialized (`/openapi.json`). */
  readonly openapiJson: () => Promise<string>
}

/** Registers a group's routes on `app`. */
export type RegisterRoutes = (app: OpenAPIHono, ctx: RouteContext) => void

/** A session family's key (its routes), or one of the other groups. */
export type RouteGroupName = FamilyKey | 'reports' | 'metrics' | 'events' | 'meta'

export interface RouteGroup {
  readonly name: RouteGroupName
  /** Every path the group registers (Hono syntax), each with a GET route. */
  readonly paths: readonly string[]
  readonly load: () => Promise<RegisterRoutes>
}

/** A family's routes: a group each, so a first request builds only its own family's routes. */
const familyGroup = (key: FamilyKey): RouteGroup => ({
  name: key,
  paths: [
    `/v1/${key}`,
    `/v1/${key}/:id`,
    ...(PARENT_FAMILY_KEYS.includes(key) ? [`/v1/${key}/:id/task-sessions`] : []),
  ],
  load: async () => (await import('./sessions')).familyRoutes(key),
})

const reportPaths = ['job-summary', 'vm-protection'].flatMap((name) => [
  `/v1/reports/${name}`,
  `/v1/reports/${name}.csv`,
])

/** The groups in the order the OpenAPI document declares their operations. */
export const ROUTE_GROUPS: readonly RouteGroup[] = [
  ...FAMILY_KEYS.map(familyGroup),
  { name: 'reports', paths: reportPaths, load: async () => (await import('./reports')).registerReports },
  { name: 'metrics', paths: ['/v1/metrics'], load: async () => (await import('./metrics')).registerMetrics },
  { name: 'events', paths: ['/v1/events'], load: async () => (await import('./events')).registerEvents },
  {
    name: 'meta',
    paths: ['/health', '/openapi.json', '/docs', '/docs/init.js', '/docs/:asset'],
    load: async () => (await import('./meta')).registerMeta,
  },
]

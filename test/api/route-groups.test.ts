/**
 * The route groups (`shared/routes/groups/`): each declares the paths it serves before it loads, and the
 * app routes, 404s and 405s by those; a group whose routes differ from its declaration would fail its
 * first request. Held here for every group at once, against the committed document too. No server.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../shared/app'
import type { EmClient } from '../../shared/em/types'
import { ROUTE_GROUPS } from '../../shared/routes/groups/index'
import { groupApp } from '../../shared/routes/groups/lazy'
import { PageTokenCodec } from '../../shared/paging/page-token'
import { createEmReader } from '../../shared/services/em-reader'

const em: EmClient = {
  query: () => Promise.reject(new Error('no EM')),
  getEntity: () => Promise.reject(new Error('no EM')),
  checkLogon: () => Promise.reject(new Error('no EM')),
  close: () => Promise.resolve(),
}
const ctx = {
  deps: { em, apiKeys: () => Promise.resolve([]) },
  reader: createEmReader(em),
  tokens: new PageTokenCodec('route-groups-test'),
  auth: {},
  openapiJson: () => Promise.reject(new Error('not needed')),
}
const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, unknown>
}
const honoPath = (p: string): string => p.replace(/\{([^}]+)\}/g, ':$1')

describe('route groups', () => {
  it.each(ROUTE_GROUPS.map((g) => [g.name, g] as const))(
    'Should register exactly the paths %s declares',
    async (_name, group) => {
      const app = groupApp()
      ;(await group.load())(app, ctx)
      expect(new Set(app.routes.map((r) => r.path))).toEqual(new Set(group.paths))
      expect(new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path))).toEqual(
        new Set(group.paths)
      )
    }
  )

  it("Should declare every documented path once, and the document's paths are all declared", () => {
    const declared = ROUTE_GROUPS.flatMap((g) => g.paths)
    expect(new Set(declared).size).toBe(declared.length)
    for (const p of Object.keys(doc.paths)) expect(declared).toContain(honoPath(p))
  })

  it('Should register every group path on the app at start, before any group loads', () => {
    const app = createApp({ em, apiKeys: () => Promise.resolve([]), pageTokenKey: 'route-groups-test' })
    const gets = new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path))
    expect(gets).toEqual(new Set(ROUTE_GROUPS.flatMap((g) => g.paths)))
  })
})

/**
 * The layer rules of `shared/`, held against every import: each folder may import only the folders
 * listed for it (and itself), so the frame stays as designed. `tools/em-simulator` (it plays EM)
 * imports nothing of the product; product code imports nothing of the tools. Reads the sources as
 * text: relative `from '…'` and `import('…')` specifiers, resolved against the importing file.
 */
import { describe, expect, it } from 'vitest'
import { importsOf, sources } from './source-imports'

/** Folder of `shared/` → the folders it may import. `(root)` is app.ts, runtime.ts and other composition. */
const ALLOWED: Record<string, readonly string[]> = {
  model: [],
  em: [],
  observability: ['em'],
  config: ['em', 'observability'],
  mapping: ['em', 'model'],
  paging: ['em'],
  families: ['em', 'mapping', 'model', 'paging'],
  reports: ['config', 'model', 'observability'],
  metrics: ['model'],
  // Rollup format, storage and merge: over the report aggregators' state, nothing of EM.
  rollups: ['config', 'model', 'reports'],
  services: ['config', 'em', 'families', 'mapping', 'metrics', 'model', 'paging', 'reports', 'rollups'],
  jobs: ['config', 'em', 'model', 'observability', 'reports', 'rollups', 'services'],
  http: ['config', 'em', 'mapping', 'model', 'observability', 'security'],
  openapi: ['model'],
  security: ['em', 'paging'],
  routes: [
    'config',
    'em',
    'families',
    'http',
    'metrics',
    'model',
    'openapi',
    'reports',
    'rollups',
    'services',
  ],
}

/** `shared/services/x.ts` → `services`; `shared/app.ts` → `(root)`; outside shared: the top folder. */
const layerOf = (path: string): string => {
  const parts = path.split('/')
  if (parts[0] !== 'shared') return parts[0] === 'tools' ? `tools/${parts[1] ?? ''}` : (parts[0] ?? '')
  return parts.length === 2 ? '(root)' : (parts[1] ?? '')
}

/** Every cross-folder import: `from → to (file)`. */
const edges = (dirs: readonly string[]) =>
  dirs
    .flatMap(sources)
    .flatMap((file) =>
      importsOf(file).files.map((target) => ({ file, from: layerOf(file), to: layerOf(target) }))
    )

describe('layers', () => {
  const all = edges(['shared', 'functions', 'tools', 'scripts', 'bench'])

  it('Should know every folder of shared/', () => {
    const folders = new Set(sources('shared').map(layerOf))
    folders.delete('(root)')
    expect([...folders].sort()).toEqual(Object.keys(ALLOWED).sort())
  })

  it.each(Object.entries(ALLOWED))('%s imports only %j', (layer, allowed) => {
    const bad = all
      .filter((e) => e.from === layer && e.to !== layer && !allowed.includes(e.to))
      .map((e) => `${e.file} → ${e.to}`)
    expect(bad).toEqual([])
  })

  it('Should keep the simulator apart: it imports nothing of shared/, and shared/ and functions/ nothing of it', () => {
    const bad = all
      .filter(
        (e) =>
          (e.from.startsWith('tools/') && e.to !== e.from) ||
          ((e.from === 'functions' || !['scripts', 'bench'].includes(e.from)) &&
            e.to.startsWith('tools/') &&
            !e.from.startsWith('tools/'))
      )
      .map((e) => `${e.file} → ${e.to}`)
    expect(bad).toEqual([])
  })

  it('Should find the imports it checks (a sanity check on the reader itself)', () => {
    expect(all.filter((e) => e.from === 'services' && e.to === 'families').length).toBeGreaterThan(3)
  })
})

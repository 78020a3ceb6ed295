/**
 * What the EM reader loads: filters reach EM and the re-check from their declarations
 * (`families/filter-ops.ts`), so reading EM builds no zod schema. Only a route that validates a query
 * builds its parameters' schemas (`families/filters.ts`), on its first request. Reads the sources as
 * text, following value imports (`import type` loads nothing at run time).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

/** `import { a } from '…'`, `import '…'`, `export { a } from '…'`: not `import type`/`export type`. */
const VALUE_IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm

/** Every module `file` loads at run time (relative to the repository) and the packages each imports. */
const closure = (file: string): Map<string, string[]> => {
  const seen = new Map<string, string[]>()
  const visit = (abs: string): void => {
    const rel = relative(ROOT, abs)
    if (seen.has(rel)) return
    const packages: string[] = []
    seen.set(rel, packages)
    for (const m of readFileSync(abs, 'utf8').matchAll(VALUE_IMPORT)) {
      const spec = m[1] ?? ''
      if (!spec.startsWith('.')) packages.push(spec)
      else {
        const target = resolve(dirname(abs), spec.endsWith('.ts') ? spec : `${spec}.ts`)
        if (existsSync(target)) visit(target)
      }
    }
  }
  visit(resolve(ROOT, file))
  return seen
}

describe('the EM reader builds no schema', () => {
  const reader = closure('shared/services/em-reader.ts')

  it('Should follow the reader into the families (a sanity check on the reader of imports)', () => {
    expect([...reader.keys()]).toEqual(
      expect.arrayContaining(['shared/families/apply.ts', 'shared/families/filter-ops.ts'])
    )
  })

  it('Should load no module that imports zod', () => {
    const zod = [...reader].filter(([, packages]) =>
      packages.some((p) => p === 'zod' || p.includes('zod-openapi'))
    )
    expect(zod.map(([file]) => file)).toEqual([])
  })
})

/**
 * What the EM reader loads: filters reach EM and the re-check from their declarations
 * (`families/filter-ops.ts`), so reading EM builds no zod schema. Only a route that validates a query
 * builds its parameters' schemas (`families/filters.ts`), on its first request. Reads the sources as
 * text, following value imports (`import type` loads nothing at run time).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importsOf, ROOT } from './source-imports'

/** Every module `file` loads at run time (relative to the repository) and the packages each imports. */
const closure = (file: string): Map<string, string[]> => {
  const seen = new Map<string, string[]>()
  const visit = (path: string): void => {
    if (seen.has(path)) return
    const { files, packages } = importsOf(path, { valuesOnly: true })
    seen.set(path, packages)
    for (const f of files) if (existsSync(join(ROOT, f))) visit(f)
  }
  visit(file)
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

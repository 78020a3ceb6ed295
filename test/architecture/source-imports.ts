/**
 * @module The architecture tests' one reader of imports: the repository's TypeScript sources read as
 * text, and what each imports. Every `from '…'` and `import('…')` (types included: the layer rules),
 * or only the imports loaded at run time (`import type` and `export type` load nothing).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')

/** Every `.ts` file under `dir`, relative to the repository. */
export const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))

const ANY_IMPORT = /(?:from\s+|import\()\s*'([^']+)'/g
/** `import { a } from '…'`, `import '…'`, `export { a } from '…'`: not `import type`/`export type`. */
const VALUE_IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm

export interface SourceImports {
  /** Relative imports resolved to repository paths (`.ts` added when the specifier has none). */
  readonly files: string[]
  /** Package specifiers (`zod`, `node:fs`, …). */
  readonly packages: string[]
}

/** What `file` (relative to the repository) imports; `valuesOnly`: only what loads at run time. */
export const importsOf = (file: string, o: { readonly valuesOnly?: boolean } = {}): SourceImports => {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const out: SourceImports = { files: [], packages: [] }
  for (const m of text.matchAll(o.valuesOnly ? VALUE_IMPORT : ANY_IMPORT)) {
    const spec = m[1] ?? ''
    if (!spec.startsWith('.')) out.packages.push(spec)
    else
      out.files.push(relative(ROOT, resolve(ROOT, dirname(file), spec.endsWith('.ts') ? spec : `${spec}.ts`)))
  }
  return out
}

/**
 * @module The production Lambda bundles (`npm run build`): `functions/<name>.ts` → `dist/<name>/index.mjs`,
 * one minified ESM file each, for Node 22. `@aws-sdk/*` stays external (the Lambda runtime ships SDK
 * v3, and the app imports it lazily); zod keeps only its English locale; Swagger UI's two assets are
 * copied beside the API bundle (`shared/routes/docs-assets.ts` looks there first). Prints each
 * bundle's size and its ten largest inputs. `build()` is also used by the bundle test.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build as esbuild } from 'esbuild'
import type { Metafile } from 'esbuild'
import { zodEnglishOnly } from './esbuild-zod-locales'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const ENTRIES = ['api', 'report', 'rollup'] as const

export interface BundleReport {
  readonly name: string
  readonly file: string
  readonly bytes: number
  /** Inputs by bytes contributed to the output, largest first. */
  readonly topInputs: readonly { readonly path: string; readonly bytes: number }[]
}

const topInputs = (meta: Metafile, file: string) =>
  Object.entries(meta.outputs[file]?.inputs ?? {})
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 10)

const copySwaggerAssets = async (dir: string): Promise<void> => {
  const from = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  await mkdir(join(dir, 'swagger-ui'), { recursive: true })
  for (const name of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
    await copyFile(join(from, name), join(dir, 'swagger-ui', name))
  }
}

/**
 * Builds every `functions/<name>.ts` that exists into `<outdir>/<name>/index.mjs`.
 *
 * @param outdir default `dist` in the repository
 * @param names which functions (default: all of `api`, `report`, `rollup` that exist)
 */
export const build = async (
  outdir = join(root, 'dist'),
  names: readonly (typeof ENTRIES)[number][] = ENTRIES
): Promise<BundleReport[]> => {
  const reports: BundleReport[] = []
  for (const name of names) {
    const entry = join(root, 'functions', `${name}.ts`)
    if (!existsSync(entry)) continue
    const dir = join(outdir, name)
    const file = join(dir, 'index.mjs')
    const result = await esbuild({
      entryPoints: [entry],
      outfile: file,
      absWorkingDir: root,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      metafile: true,
      logLevel: 'warning',
      external: ['@aws-sdk/*'],
      plugins: [zodEnglishOnly],
      // An ESM bundle has no `require`; a bundled CJS dependency that calls it gets Node's.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);",
      },
    })
    if (name === 'api') await copySwaggerAssets(dir)
    const outKey = Object.keys(result.metafile.outputs).find((k) => resolve(root, k) === file) ?? file
    reports.push({
      name,
      file,
      bytes: (await stat(file)).size,
      topInputs: topInputs(result.metafile, outKey),
    })
  }
  return reports
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`

/** Prints the sizes and the largest inputs of each bundle. */
export const printReports = (reports: readonly BundleReport[]): void => {
  for (const r of reports) {
    console.log(`${r.name}: ${r.file} ${r.bytes} bytes (${kb(r.bytes)})`)
    for (const i of r.topInputs) console.log(`  ${kb(i.bytes).padStart(10)}  ${i.path}`)
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printReports(await build(process.argv[2] === undefined ? undefined : resolve(process.argv[2])))
}

/**
 * @module The production Lambda bundles (`npm run build`): `functions/<name>.ts` → `dist/<name>/index.mjs`
 * and its chunks beside it, minified ESM for Node 22. Code behind a dynamic `import()` (the API's route
 * groups) is a chunk of its own, loaded when first needed. `@aws-sdk/*` stays external (the Lambda
 * runtime ships SDK v3, and the app imports it lazily); zod keeps only its English locale. Beside the
 * API bundle: Swagger UI's two assets (`shared/routes/docs-assets.ts` looks there first) and the
 * OpenAPI document generated from the code (`shared/openapi/document.ts` serves it). Prints each
 * bundle's size and its ten largest inputs. `build()` is also used by the bundle test and the benchmark.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build as esbuild } from 'esbuild'
import type { BuildOptions, Metafile } from 'esbuild'
import { openapiDocument } from '../shared/offline-openapi'
import { BUNDLED_DOCUMENT } from '../shared/openapi/document'
import { zodEnglishOnly } from './esbuild-zod-locales'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const ENTRIES = ['api', 'report', 'rollup'] as const

export interface BundleReport {
  readonly name: string
  /** The entry file (`<dir>/index.mjs`): the Lambda handler's module. */
  readonly file: string
  /** Every JavaScript file of the bundle: the entry and its chunks. */
  readonly bytes: number
  /** What a fresh process loads at import: the entry and the chunks it imports statically. */
  readonly startBytes: number
  /** Inputs by bytes contributed to the output, largest first. */
  readonly topInputs: readonly { readonly path: string; readonly bytes: number }[]
}

/**
 * The esbuild options of every production Lambda bundle (without entry and output directory): minified
 * ESM for Node 22, `@aws-sdk/*` external, zod's English locale only, split into an entry
 * (`index.mjs`) and chunks beside it, so code behind a dynamic `import()` loads only when first
 * needed. The benchmark's reference Lambda (`bench/peers/`) is bundled with these too.
 */
export const lambdaBuildOptions = () =>
  ({
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    splitting: true,
    entryNames: 'index',
    // Beside the entry, not in a folder: modules that find files beside the bundle look in their own.
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
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
  }) satisfies BuildOptions

const topInputs = (meta: Metafile) => {
  const bytes = new Map<string, number>()
  for (const out of Object.values(meta.outputs))
    for (const [path, { bytesInOutput }] of Object.entries(out.inputs))
      bytes.set(path, (bytes.get(path) ?? 0) + bytesInOutput)
  return [...bytes]
    .map(([path, n]) => ({ path, bytes: n }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 10)
}

/** The bytes of `entry` and of every output it imports statically, transitively. */
const staticClosureBytes = (meta: Metafile, entry: string): number => {
  const seen = new Set<string>()
  const visit = (key: string): void => {
    const out = meta.outputs[key]
    if (out === undefined || seen.has(key)) return
    seen.add(key)
    for (const i of out.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path)
  }
  visit(entry)
  return [...seen].reduce((n, k) => n + (meta.outputs[k]?.bytes ?? 0), 0)
}

/**
 * Bundles one Lambda entry into `<dir>/index.mjs` (+ chunks) with `lambdaBuildOptions()`.
 * @param name what the report calls it
 */
export const bundleLambda = async (name: string, entry: string, dir: string): Promise<BundleReport> => {
  const file = join(dir, 'index.mjs')
  await rm(dir, { recursive: true, force: true })
  const { metafile } = await esbuild({ ...lambdaBuildOptions(), entryPoints: [entry], outdir: dir })
  const keys = Object.keys(metafile.outputs).filter((k) => k.endsWith('.mjs'))
  const entryKey = keys.find((k) => resolve(root, k) === file)
  if (entryKey === undefined) throw new Error(`esbuild wrote no ${file}`)
  return {
    name,
    file,
    bytes: keys.reduce((n, k) => n + (metafile.outputs[k]?.bytes ?? 0), 0),
    startBytes: staticClosureBytes(metafile, entryKey),
    topInputs: topInputs(metafile),
  }
}

const copySwaggerAssets = async (dir: string): Promise<void> => {
  const from = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  await mkdir(join(dir, 'swagger-ui'), { recursive: true })
  for (const name of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
    await copyFile(join(from, name), join(dir, 'swagger-ui', name))
  }
}

/**
 * Builds every `functions/<name>.ts` that exists into `<outdir>/<name>/index.mjs` (+ chunks).
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
    const report = await bundleLambda(name, entry, dir)
    if (name === 'api') {
      await copySwaggerAssets(dir)
      // Served at /openapi.json (and read for the repeatable parameters) instead of generating it there.
      await writeFile(join(dir, BUNDLED_DOCUMENT), openapiDocument())
    }
    reports.push(report)
  }
  return reports
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`

/** Prints the sizes and the largest inputs of each bundle. */
export const printReports = (reports: readonly BundleReport[]): void => {
  for (const r of reports) {
    console.log(
      `${r.name}: ${r.file} ${r.bytes} bytes (${kb(r.bytes)}; ${kb(r.startBytes)} loaded at import)`
    )
    for (const i of r.topInputs) console.log(`  ${kb(i.bytes).padStart(10)}  ${i.path}`)
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  printReports(await build(process.argv[2] === undefined ? undefined : resolve(process.argv[2])))
}

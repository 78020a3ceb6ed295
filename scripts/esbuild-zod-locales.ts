/**
 * @module An esbuild plugin that keeps only zod's English locale. `zod/v4/classic` re-exports every
 * locale (`export * as locales from '../locales/index.js'`, ~60 files, ~260 KB minified) although the
 * app only uses the default, English. Each locale module other than `en` resolves to a stub whose
 * default export says so if ever called.
 */
import type { Plugin } from 'esbuild'

const NAMESPACE = 'zod-locale-stub'
/** The locale index (`zod/v4/locales/index.js`, also reached as `zod/locales`). */
const LOCALES_INDEX = /[\\/]zod[\\/](?:v4[\\/])?locales[\\/]index\.js$/

/** Resolves `./<locale>.js` imported by zod's locale index to a stub, except `./en.js`. */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) => {
      if (!LOCALES_INDEX.test(args.importer) || args.path === './en.js') return undefined
      return { path: args.path, namespace: NAMESPACE }
    })
    b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: `export default function locale() { throw new Error('zod locale ${args.path} is not bundled (only en)') }`,
      loader: 'js',
    }))
  },
}

/**
 * @module Swagger UI's assets, served from this deployment (no CDN: nothing outside loads).
 * Read lazily on the first `/docs` request, so they stay off the cold path: next to the Lambda
 * bundle (`./swagger-ui/`, copied by the build) or from the installed `swagger-ui-dist` package.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const DOCS_ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const
export type DocsAsset = keyof typeof DOCS_ASSETS

/** True for an asset's name; `Object.hasOwn`, so inherited keys (`constructor`, `__proto__`) are not. */
export const isDocsAsset = (name: string): name is DocsAsset => Object.hasOwn(DOCS_ASSETS, name)

let dir: string | undefined
const assetsDir = (): string => {
  if (dir === undefined) {
    const besideBundle = join(dirname(fileURLToPath(import.meta.url)), 'swagger-ui')
    dir = existsSync(besideBundle)
      ? besideBundle
      : dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  }
  return dir
}

const cache = new Map<DocsAsset, Promise<string>>()
export const readDocsAsset = (name: DocsAsset): Promise<string> => {
  let p = cache.get(name)
  if (!p) {
    p = readFile(join(assetsDir(), name), 'utf8')
    cache.set(name, p)
    p.catch(() => cache.delete(name))
  }
  return p
}

export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>EM Sessions API</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
<link rel="icon" href="data:,">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`

/** The initializer is a file of its own (not inline) so the CSP can forbid inline scripts. */
export const DOCS_INIT_JS = `window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: false,
  validatorUrl: null,
  tryItOutEnabled: true,
});
`

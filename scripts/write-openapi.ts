/**
 * `npm run openapi`: writes openapi/openapi.json from the code (the same document `/openapi.json`
 * serves). `test/api/contract.test.ts` fails when the committed file drifts from the code.
 */
import { writeFileSync } from 'node:fs'
import { openapiDocument } from '../shared/offline-openapi'

writeFileSync(new URL('../openapi/openapi.json', import.meta.url), openapiDocument())
process.stdout.write('openapi/openapi.json written\n')

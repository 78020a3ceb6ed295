/**
 * The committed client types are what `npm run gen:client` makes from the committed contract, and
 * the committed contract is what the code serves: a route change without both regenerations fails here.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { openapiDocument } from '../../shared/offline-openapi'
import { OPENAPI_PATH, SCHEMA_PATH, generateClientSchema } from '../../scripts/gen-client'

describe('generated client drift', () => {
  it('Should match the code: openapi/openapi.json is current (else `npm run openapi`)', async () => {
    expect(await readFile(OPENAPI_PATH, 'utf8')).toBe(openapiDocument())
  })

  it('Should match the contract: clients/typescript/schema.d.ts is current (else `npm run gen:client`)', async () => {
    const generated = await generateClientSchema(await readFile(OPENAPI_PATH, 'utf8'))
    expect(await readFile(SCHEMA_PATH, 'utf8')).toBe(generated)
  })

  it('Should notice a change: a renamed operation changes the generated types', async () => {
    const doc = JSON.parse(await readFile(OPENAPI_PATH, 'utf8')) as {
      paths: Record<string, { get: { operationId: string } }>
    }
    const op = doc.paths['/v1/backup-job-sessions']?.get
    if (!op) throw new Error('contract lacks /v1/backup-job-sessions')
    const before = await generateClientSchema(JSON.stringify(doc))
    op.operationId = 'listBackupJobSessionsRenamed'
    const after = await generateClientSchema(JSON.stringify(doc))
    expect(after).not.toBe(before)
    expect(after).toContain('listBackupJobSessionsRenamed')
  })
})

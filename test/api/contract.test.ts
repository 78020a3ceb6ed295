/**
 * Every route's responses (items, pages and problems) checked against the committed OpenAPI
 * document, and the committed document checked against the code (drift fails CI).
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAMILY_LIST } from '../../shared/families/families'
import { openapiDocument } from '../../shared/offline-openapi'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'
import { responseSchema, validate } from '../support/json-schema'

const committed = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')
const doc = JSON.parse(committed) as Record<string, unknown>

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

describe('the committed document', () => {
  it('Should be exactly what the code generates (run `npm run openapi` after changing routes)', () => {
    expect(committed).toBe(openapiDocument())
  })

  it('Should be what /openapi.json serves', async () => {
    expect(await (await h.get('/openapi.json', { key: null })).text()).toBe(committed)
  })

  it('Should give every operation an id, tags, a summary and its problem responses', () => {
    const paths = doc['paths'] as Record<string, Record<string, Record<string, unknown>>>
    for (const [path, ops] of Object.entries(paths)) {
      for (const op of Object.values(ops)) {
        expect(op['operationId'], path).toEqual(expect.any(String))
        expect(op['tags'], path).toEqual(expect.arrayContaining([expect.any(String)]))
        expect(op['summary'], path).toEqual(expect.any(String))
        if (path.startsWith('/v1/')) {
          expect(Object.keys(op['responses'] as object), path).toEqual(
            expect.arrayContaining(['200', '400', '401', '502', '503', '504'])
          )
          expect(op['security'], path).toEqual([{ bearerAuth: [] }])
        }
      }
    }
  })
})

describe.each(FAMILY_LIST.map((f) => [f.key, f] as const))('%s responses', (key, family) => {
  it('Should match the document for a list page, an item and children', async () => {
    const list = await h.json(`/v1/${key}?pageSize=50`)
    expect(validate(doc, responseSchema(doc, `/v1/${key}`), list.body)).toEqual([])
    const s = h.sim.dataset.sessions(family.emType)[0]
    if (!s) throw new Error('empty')
    const one = await h.json(`/v1/${key}/${s.id}`)
    expect(validate(doc, responseSchema(doc, `/v1/${key}/{id}`), one.body)).toEqual([])
    if (family.children) {
      const children = await h.json(`/v1/${key}/${s.id}/task-sessions`)
      expect(validate(doc, responseSchema(doc, `/v1/${key}/{id}/task-sessions`), children.body)).toEqual([])
    }
    const bad = await h.get(`/v1/${key}?pageSize=0`)
    expect(
      validate(doc, responseSchema(doc, `/v1/${key}`, '400', 'application/problem+json'), await bad.json())
    ).toEqual([])
  })
})

it('Should catch a response that does not match (the checker itself can fail)', () => {
  const schema = responseSchema(doc, '/v1/backup-job-sessions/{id}')
  expect(validate(doc, schema, { id: 'x' }).length).toBeGreaterThan(3)
})

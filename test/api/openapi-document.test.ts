/**
 * The committed OpenAPI document, written for generators and fuzzers (api-contract.md, "Protocol
 * details (second edition)"): shared enums as components with `x-enum-varnames`, GUID parameters
 * with `format: uuid`, booleans as booleans, `default` → Problem and 414 on every operation,
 * `pageToken` with a pattern and a `maxLength` the URL limit admits, repeatable enums with
 * `maxItems`, `links` (next page, item → get, job session → children), the headers every answer
 * carries (`X-Request-Id`; `WWW-Authenticate` on 401; `Retry-After` on 503/504), and the CSV paths.
 * Reads the document only (no server): unit project.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { deref, formatHolds, validate } from '../support/json-schema'

type Schema = Record<string, unknown>
const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as Schema
const URL_LIMIT = 8192
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'

const obj = (v: unknown): Schema => (v !== null && typeof v === 'object' ? (v as Schema) : {})
const schemas = obj(obj(doc['components'])['schemas'])

interface Op {
  id: string
  path: string
  op: Schema
  params: Schema[]
}
const OPS: Op[] = Object.entries(obj(doc['paths'])).flatMap(([path, item]) =>
  Object.entries(obj(item))
    .filter(([m]) => ['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'].includes(m))
    .map(([, op]) => ({
      id: String(obj(op)['operationId']),
      path,
      op: obj(op),
      params: ((obj(op)['parameters'] as unknown[] | undefined) ?? []).map((p) => deref(doc, obj(p))),
    }))
)
const responses = (o: Op): Record<string, Schema> =>
  Object.fromEntries(Object.entries(obj(o.op['responses'])).map(([k, v]) => [k, deref(doc, obj(v))]))
const schemaOf = (p: Schema): Schema => deref(doc, obj(p['schema']))
const itemsOf = (s: Schema): Schema => deref(doc, obj(s['items']))
const headerNames = (r: Schema): string[] => Object.keys(obj(r['headers'])).map((h) => h.toLowerCase())

describe('enums for generators', () => {
  it.each(['SessionResult', 'JobSessionState', 'TaskSessionState', 'SortOrder', 'ReportKind'])(
    'Should have %s as a component with x-enum-varnames, one per value',
    (name) => {
      const s = obj(schemas[name])
      expect(Array.isArray(s['enum']), `${name} is not an enum component`).toBe(true)
      const names = s['x-enum-varnames'] as unknown[] | undefined
      expect(names, `${name} has no x-enum-varnames`).toBeDefined()
      expect(names?.length).toBe((s['enum'] as unknown[]).length)
      expect(new Set(names).size).toBe(names?.length)
    }
  )

  it('Should declare no parameter enum inline that a component already names', () => {
    const components = Object.entries(schemas)
      .filter(([, s]) => Array.isArray(obj(s)['enum']))
      .map(([name, s]) => [name, JSON.stringify([...(obj(s)['enum'] as unknown[])].sort())] as const)
    const found: string[] = []
    for (const o of OPS) {
      for (const p of o.params) {
        const raw = obj(p['schema'])
        const inline = raw['type'] === 'array' ? obj(raw['items']) : raw
        if (!Array.isArray(inline['enum'])) continue
        const key = JSON.stringify([...(inline['enum'] as unknown[])].sort())
        const same = components.find(([, k]) => k === key)
        if (same) found.push(`${o.id} ${String(p['name'])}: inline enum, use #/components/schemas/${same[0]}`)
      }
    }
    expect(found).toEqual([])
  })
})

describe('parameters', () => {
  it('Should give GUID parameters format: uuid, booleans type boolean, repeatable enums maxItems', () => {
    const found: string[] = []
    for (const o of OPS) {
      for (const p of o.params) {
        const s = schemaOf(p)
        const name = `${o.id} ${String(p['name'])}`
        if (s['pattern'] === UUID_PATTERN && s['format'] !== 'uuid')
          found.push(`${name}: a GUID without format: uuid`)
        const e = s['enum'] as unknown[] | undefined
        if (e && e.length === 2 && e.includes('true') && e.includes('false'))
          found.push(`${name}: a boolean as a string enum`)
        if (s['type'] === 'array' && Array.isArray(itemsOf(s)['enum']) && typeof s['maxItems'] !== 'number')
          found.push(`${name}: a repeatable enum without maxItems`)
      }
    }
    expect(found).toEqual([])
  })

  it('Should give pageToken a pattern and a maxLength the URL limit admits', () => {
    const found: string[] = []
    for (const o of OPS) {
      for (const p of o.params.filter((x) => x['name'] === 'pageToken')) {
        const s = schemaOf(p)
        if (typeof s['pattern'] !== 'string') found.push(`${o.id}: pageToken without a pattern`)
        const max = s['maxLength']
        if (typeof max !== 'number' || max + 500 > URL_LIMIT)
          found.push(`${o.id}: pageToken maxLength ${String(max)}`)
        if (
          typeof s['pattern'] === 'string' &&
          typeof s['example'] === 'string' &&
          !new RegExp(s['pattern']).test(s['example'])
        )
          found.push(`${o.id}: pageToken example does not match its pattern`)
      }
    }
    expect(found).toEqual([])
  })

  it('Should keep every string parameter within the URL limit and every example valid for its format', () => {
    const found: string[] = []
    for (const o of OPS) {
      for (const p of o.params) {
        const s = schemaOf(p)
        const inner = s['type'] === 'array' ? itemsOf(s) : s
        const max = inner['maxLength']
        if (typeof max === 'number' && max > URL_LIMIT)
          found.push(`${o.id} ${String(p['name'])}: maxLength ${max}`)
        if (s['example'] !== undefined) {
          const errors = validate(doc, s, s['example'])
          if (errors.length > 0) found.push(`${o.id} ${String(p['name'])}: example ${errors.join('; ')}`)
        }
        if (
          typeof inner['example'] === 'string' &&
          typeof inner['format'] === 'string' &&
          !formatHolds(inner['format'], inner['example'])
        )
          found.push(`${o.id} ${String(p['name'])}: example is not a ${inner['format']}`)
      }
    }
    expect(found).toEqual([])
  })
})

describe('responses', () => {
  it('Should declare default → Problem and 414 on every operation', () => {
    const found: string[] = []
    for (const o of OPS) {
      const r = responses(o)
      const def = obj(obj(r['default'])['content'])
      const problem = obj(def['application/problem+json'])['schema']
      if (!problem || JSON.stringify(problem) !== JSON.stringify({ $ref: '#/components/schemas/Problem' }))
        found.push(`${o.id}: no default → Problem`)
      if (r['414'] === undefined) found.push(`${o.id}: no 414`)
    }
    expect(found).toEqual([])
  })

  it('Should declare X-Request-Id on every response, WWW-Authenticate on 401, Retry-After on 503 and 504', () => {
    const found: string[] = []
    for (const o of OPS) {
      for (const [status, r] of Object.entries(responses(o))) {
        const h = headerNames(r)
        if (!h.includes('x-request-id')) found.push(`${o.id} ${status}: no X-Request-Id`)
        if (status === '401' && !h.includes('www-authenticate'))
          found.push(`${o.id} 401: no WWW-Authenticate`)
        if ((status === '503' || status === '504') && !h.includes('retry-after'))
          found.push(`${o.id} ${status}: no Retry-After`)
      }
    }
    expect(found).toEqual([])
  })

  it('Should link a page to its next page, an item to its get and a job session to its children', () => {
    const ids = new Set(OPS.map((o) => o.id))
    const found: string[] = []
    const linksOf = (o: Op): Schema[] =>
      Object.values(obj(responses(o)['200']?.['links'])).map((l) => deref(doc, obj(l)))
    for (const o of OPS) {
      for (const l of linksOf(o)) {
        if (typeof l['operationId'] === 'string' && !ids.has(l['operationId']))
          found.push(`${o.id}: a link to unknown operation ${l['operationId']}`)
      }
      const targets = linksOf(o).map((l) => l['operationId'])
      const paged = Boolean(o.op['x-pagination']) || o.params.some((p) => p['name'] === 'pageToken')
      if (paged && !targets.includes(o.id)) found.push(`${o.id}: no link to its next page`)
      const item = OPS.find((g) => g.path === `${o.path}/{id}`)
      if (paged && item && !targets.includes(item.id))
        found.push(`${o.id}: no link from an item to ${item.id}`)
      const children = OPS.find(
        (c) => c.path.startsWith(`${o.path}/`) && c.path.endsWith('-sessions') && o.path.endsWith('{id}')
      )
      if (children && !targets.includes(children.id))
        found.push(`${o.id}: no link to its children ${children.id}`)
    }
    expect(found).toEqual([])
  })
})

describe('the CSV paths', () => {
  it.each(['/v1/reports/job-summary.csv', '/v1/reports/vm-protection.csv'])(
    'Should declare %s as text/csv',
    (path) => {
      const op = OPS.find((o) => o.path === path)
      expect(op, `${path} is not in the document`).toBeDefined()
      if (!op) return
      expect(Object.keys(obj(responses(op)['200']?.['content']))).toEqual(['text/csv'])
    }
  )
})

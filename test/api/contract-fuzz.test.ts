/**
 * Requests derived from the committed OpenAPI document itself, for every operation, sent over HTTP to
 * the real server (the simulator behind it): valid ones (each parameter's schema: enums, uuid and
 * date-time formats, integer and number ranges, patterns, lengths, repeatable enums within
 * `maxItems`, booleans) and invalid ones (wrong types, out of range, bad formats, unknown parameters,
 * empty parameter names, a non-repeatable parameter twice, over-long values, no key or a wrong key).
 * Every answer is judged against the document: a declared status (or `default`), a body matching the
 * declared schema for that status and media type, `X-Request-Id`, no 5xx but the 502/503/504 the
 * operation declares and only while EM is made to fail, `Retry-After` on 503/504,
 * `WWW-Authenticate: Bearer` on 401, and 400 naming the parameter for what the contract refuses.
 *
 * Deterministic: fast-check draws from `CONTRACT_FUZZ_SEED` (default below); `CONTRACT_FUZZ_RUNS`
 * scales the requests per operation. The count and every finding are printed.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY } from '../support/harness'
import { deref, validate } from '../support/json-schema'
import { startServed } from '../integrators/served'
import type { Served } from '../integrators/served'

type Schema = Record<string, unknown>

const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as Schema
const SEED = Number(process.env['CONTRACT_FUZZ_SEED'] ?? 20_261_130)
const RUNS = Number(process.env['CONTRACT_FUZZ_RUNS'] ?? 80)
/** The URL length the contract promises to take (longer: 414). */
const URL_LIMIT = 8192
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'] as const

interface Param {
  readonly name: string
  readonly in: 'path' | 'query'
  readonly required: boolean
  readonly schema: Schema
  /** An array parameter, exploded (`?k=a&k=b`) unless `explode: false`. */
  readonly array: boolean
  readonly explode: boolean
}

interface Operation {
  readonly id: string
  readonly method: string
  readonly path: string
  readonly params: readonly Param[]
  readonly responses: Record<string, Schema>
  /** 'required': a key is needed; 'optional': `{}` is one of the alternatives; 'none'. */
  readonly security: 'required' | 'optional' | 'none'
}

const asSchema = (v: unknown): Schema => (v !== null && typeof v === 'object' ? (v as Schema) : {})

const operations = (): Operation[] => {
  const out: Operation[] = []
  for (const [path, item] of Object.entries(asSchema(doc['paths']))) {
    const pathItem = asSchema(item)
    const shared = Array.isArray(pathItem['parameters']) ? (pathItem['parameters'] as Schema[]) : []
    for (const method of METHODS) {
      const op = pathItem[method]
      if (op === undefined) continue
      const o = asSchema(op)
      const own = Array.isArray(o['parameters']) ? (o['parameters'] as Schema[]) : []
      const params = [...shared, ...own].map((p) => deref(doc, p))
      const security = (o['security'] ?? doc['security'] ?? []) as Schema[]
      out.push({
        id: String(o['operationId'] ?? `${method} ${path}`),
        method: method.toUpperCase(),
        path,
        params: params
          .filter((p) => p['in'] === 'path' || p['in'] === 'query')
          .map((p) => {
            const schema = deref(doc, asSchema(p['schema']))
            return {
              name: String(p['name']),
              in: p['in'] as 'path' | 'query',
              required: p['required'] === true,
              schema,
              array: schema['type'] === 'array',
              explode: p['explode'] !== false,
            }
          }),
        responses: Object.fromEntries(
          Object.entries(asSchema(o['responses'])).map(([k, v]) => [k, deref(doc, asSchema(v))])
        ),
        security:
          security.length === 0
            ? 'none'
            : security.some((s) => Object.keys(s).length === 0)
              ? 'optional'
              : 'required',
      })
    }
  }
  return out
}

const OPS = operations()

// ---------------------------------------------------------------------------------------------
// Values from schemas

const typesOf = (s: Schema): string[] =>
  Array.isArray(s['type']) ? (s['type'] as string[]) : typeof s['type'] === 'string' ? [s['type']] : []

const num = (s: Schema, k: string): number | undefined => (typeof s[k] === 'number' ? s[k] : undefined)

/** Dates around the data set's "now", so windows hold sessions and reports stay small. */
const DATES = { min: new Date('2026-10-29T00:00:00Z'), max: new Date('2026-11-02T00:00:00Z') }

const dateTime = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.date({ ...DATES, noInvalidDate: true }), fc.constantFrom('Z', 'ms', '+02:00'))
    .map(([d, style]) => {
      const iso = d.toISOString()
      if (style === 'ms') return iso
      if (style === 'Z') return `${iso.slice(0, 19)}Z`
      const local = new Date(d.getTime() + 2 * 3_600_000).toISOString()
      return `${local.slice(0, 19)}+02:00`
    })

const isUuidParam = (s: Schema): boolean => s['format'] === 'uuid' || s['pattern'] === UUID_PATTERN

/** One valid serialized value for a scalar schema. */
const validScalar = (s: Schema, ids: readonly string[]): fc.Arbitrary<string> => {
  if (Array.isArray(s['enum'])) return fc.constantFrom(...(s['enum'] as unknown[]).map(String))
  if ('const' in s) return fc.constant(String(s['const']))
  const types = typesOf(s)
  if (types.includes('boolean')) return fc.constantFrom('true', 'false')
  if (types.includes('integer') || types.includes('number')) {
    const lo = num(s, 'minimum') ?? (num(s, 'exclusiveMinimum') ?? -1_000_001) + 1
    const hi = num(s, 'maximum') ?? (num(s, 'exclusiveMaximum') ?? 1_000_001) - 1
    const ints = fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: lo, max: Math.min(hi, lo + 25) }) },
      { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) },
      { weight: 1, arbitrary: fc.constantFrom(lo, hi) }
    )
    if (types.includes('integer')) return ints.map(String)
    const decimals = fc
      .double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true })
      .map((v) => String(Math.round(v * 1000) / 1000))
      .filter((t) => {
        const v = Number(t)
        const exMin = num(s, 'exclusiveMinimum')
        const exMax = num(s, 'exclusiveMaximum')
        return v >= lo && v <= hi && (exMin === undefined || v > exMin) && (exMax === undefined || v < exMax)
      })
    return fc.oneof(ints.map(String), decimals)
  }
  if (isUuidParam(s)) {
    const random = fc.uuid().map((u) => u)
    return ids.length > 0
      ? fc.oneof(
          fc.constantFrom(...ids),
          fc.constantFrom(...ids).map((u) => u.toUpperCase()),
          random
        )
      : random
  }
  if (s['format'] === 'date-time') return dateTime()
  const minLength = num(s, 'minLength') ?? 0
  const maxLength = Math.min(num(s, 'maxLength') ?? 64, 64)
  if (typeof s['pattern'] === 'string') {
    const re = new RegExp(s['pattern'])
    const matching = fc
      .stringMatching(re)
      .filter((t) => [...t].length >= minLength && [...t].length <= (num(s, 'maxLength') ?? Infinity))
    const example = typeof s['example'] === 'string' ? [s['example']] : []
    return example.length > 0 ? fc.oneof(matching, fc.constantFrom(...example)) : matching
  }
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ unit: 'grapheme', minLength, maxLength: Math.max(minLength, Math.floor(maxLength / 4)) })
  )
}

/** The serialized values of a valid parameter (several for an exploded array). */
const validValues = (p: Param, ids: readonly string[]): fc.Arbitrary<string[]> => {
  if (!p.array) return validScalar(p.schema, ids).map((v) => [v])
  const items = deref(doc, asSchema(p.schema['items']))
  const choices = Array.isArray(items['enum']) ? (items['enum'] as unknown[]).map(String) : undefined
  const minLength = Math.max(1, num(p.schema, 'minItems') ?? 1)
  const maxLength = Math.min(num(p.schema, 'maxItems') ?? 4, choices?.length ?? 4)
  const values = choices
    ? fc.uniqueArray(fc.constantFrom(...choices), { minLength, maxLength })
    : fc.array(validScalar(items, ids), { minLength, maxLength })
  return values.map((vs) => (p.explode ? vs : [vs.join(',')]))
}

/** Values the parameter's schema refuses (each with why). */
const invalidScalars = (s: Schema, inPath: boolean): fc.Arbitrary<{ value: string; why: string }> => {
  const bad: { value: string; why: string }[] = []
  const types = typesOf(s)
  if (Array.isArray(s['enum'])) {
    const enums = (s['enum'] as unknown[]).map(String)
    for (const v of ['bogus', 'None;', `${enums[0] ?? 'x'}x`])
      if (!enums.includes(v)) bad.push({ value: v, why: 'not in enum' })
  } else if (types.includes('boolean')) {
    bad.push({ value: 'yes', why: 'not a boolean' }, { value: '2', why: 'not a boolean' })
  } else if (types.includes('integer') || types.includes('number')) {
    bad.push({ value: 'abc', why: 'not a number' }, { value: '', why: 'empty number' })
    if (types.includes('integer')) bad.push({ value: '1.5', why: 'not an integer' })
    const min = num(s, 'minimum')
    const max = num(s, 'maximum')
    const exMin = num(s, 'exclusiveMinimum')
    if (min !== undefined) bad.push({ value: String(min - 1), why: 'below minimum' })
    if (exMin !== undefined) bad.push({ value: String(exMin), why: 'at exclusiveMinimum' })
    if (max !== undefined) bad.push({ value: String(max + 1), why: 'above maximum' })
    bad.push({ value: '99999999999999999999999', why: 'huge' }, { value: 'NaN', why: 'NaN' })
  } else if (isUuidParam(s)) {
    bad.push(
      { value: 'not-a-uuid', why: 'bad uuid' },
      { value: '0f8fad5b-d9cb-469f-a165-70867728950', why: 'bad uuid (short)' },
      { value: '0f8fad5b-d9cb-469f-a165-70867728950g', why: 'bad uuid (g)' }
    )
  } else if (s['format'] === 'date-time') {
    bad.push(
      { value: 'not-a-date', why: 'bad date-time' },
      { value: '2026-13-01T00:00:00Z', why: 'bad date-time (month 13)' },
      { value: '2026-11-31T00:00:00Z', why: 'bad date-time (Nov 31)' },
      { value: '2026-11-01T25:00:00Z', why: 'bad date-time (hour 25)' },
      { value: '1730462400', why: 'bad date-time (epoch)' }
    )
  } else if (typeof s['pattern'] === 'string') {
    const re = new RegExp(s['pattern'])
    for (const v of ['***', 'a b', '%'])
      if (!re.test(v)) bad.push({ value: v, why: 'does not match pattern' })
  }
  const minLength = num(s, 'minLength')
  if (!inPath && minLength !== undefined && minLength > 0) bad.push({ value: '', why: 'empty (minLength)' })
  const maxLength = num(s, 'maxLength')
  if (maxLength !== undefined && maxLength + 1 + 300 <= URL_LIMIT)
    bad.push({ value: 'a'.repeat(maxLength + 1), why: 'over maxLength' })
  if (bad.length === 0) bad.push({ value: '\u0000', why: 'NUL' })
  return fc.constantFrom(...bad)
}

// ---------------------------------------------------------------------------------------------
// Requests

type Kind = 'valid' | 'invalid' | 'no-key' | 'wrong-key'

interface Req {
  readonly op: Operation
  readonly kind: Kind
  readonly why: string
  /** Parameter the answer should name (a 400's `errors[].parameter`). */
  readonly names?: string
  /** Statuses this request must get (besides the document's checks); undefined: any declared. */
  readonly expect?: readonly number[]
  readonly url: string
  readonly key: string | null
}

const encode = (v: string): string => encodeURIComponent(v)

const buildUrl = (op: Operation, path: Record<string, string>, query: [string, string][]): string => {
  const p = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(path[name] ?? ''))
  const q = query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')
  return q === '' ? p : `${p}?${q}`
}

/** A valid request: required parameters always, optional ones half the time. */
const validParts = (
  op: Operation,
  ids: readonly string[]
): fc.Arbitrary<{ path: Record<string, string>; query: [string, string][] }> => {
  const parts = op.params.map((p) =>
    p.required
      ? validValues(p, ids).map((v) => [p, v] as const)
      : fc.option(validValues(p, ids).map((v) => [p, v] as const))
  )
  return fc.tuple(...parts).map((chosen) => {
    const path: Record<string, string> = {}
    const query: [string, string][] = []
    for (const c of chosen) {
      if (c === null) continue
      const [p, values] = c
      if (p.in === 'path') path[p.name] = values[0] ?? ''
      else for (const v of values) query.push([p.name, v])
    }
    return { path, query }
  })
}

/** Operations that validate their parameters (declare 400) must refuse what the contract refuses. */
const has400 = (op: Operation): boolean => '400' in op.responses

const requestsFor = (op: Operation, ids: readonly string[]): fc.Arbitrary<Req> => {
  const valid = validParts(op, ids)
  const key = op.security === 'none' ? null : API_KEY
  const validReq = valid.map((v): Req => ({
    op,
    kind: 'valid',
    why: 'valid',
    url: buildUrl(op, v.path, v.query),
    key,
  }))
  const invalid: fc.Arbitrary<Req>[] = []
  const refused = has400(op) ? [400] : undefined
  invalid.push(
    fc.tuple(valid, fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/)).map(([v, name]): Req => {
      const unknown = `x${name}`
      return {
        op,
        kind: 'invalid',
        why: 'unknown parameter',
        names: unknown,
        expect: refused,
        url: buildUrl(op, v.path, [...v.query, [unknown, '1']]),
        key,
      }
    }),
    valid.map((v): Req => ({
      op,
      kind: 'invalid',
      why: 'empty parameter name',
      expect: refused,
      url: buildUrl(op, v.path, [...v.query, ['', 'x']]),
      key,
    }))
  )
  for (const p of op.params) {
    invalid.push(
      fc
        .tuple(
          valid,
          invalidScalars(p.array ? deref(doc, asSchema(p.schema['items'])) : p.schema, p.in === 'path')
        )
        .map(([v, bad]): Req => {
          const path = { ...v.path }
          const query = v.query.filter(([k]) => k !== p.name)
          if (p.in === 'path') path[p.name] = bad.value
          else query.push([p.name, bad.value])
          return {
            op,
            kind: 'invalid',
            why: `${p.name}: ${bad.why}`,
            names: p.name,
            expect: refused,
            url: buildUrl(op, path, query),
            key,
          }
        })
    )
    if (p.in !== 'query') continue
    if (!p.array) {
      invalid.push(
        fc.tuple(valid, validValues(p, ids), validValues(p, ids)).map(([v, a, b]): Req => {
          const query = v.query.filter(([k]) => k !== p.name)
          query.push([p.name, a[0] ?? ''], [p.name, b[0] ?? ''])
          return {
            op,
            kind: 'invalid',
            why: `${p.name}: repeated`,
            names: p.name,
            expect: refused,
            url: buildUrl(op, v.path, query),
            key,
          }
        })
      )
    }
    const maxItems = num(p.schema, 'maxItems')
    if (p.array && maxItems !== undefined) {
      const items = deref(doc, asSchema(p.schema['items']))
      const first = Array.isArray(items['enum']) ? String((items['enum'] as unknown[])[0]) : 'x'
      invalid.push(
        valid.map((v): Req => {
          const query = v.query.filter(([k]) => k !== p.name)
          for (let i = 0; i <= maxItems; i++) query.push([p.name, first])
          return {
            op,
            kind: 'invalid',
            why: `${p.name}: over maxItems`,
            names: p.name,
            expect: refused,
            url: buildUrl(op, v.path, query),
            key,
          }
        })
      )
    }
    const maxLength = num(p.array ? deref(doc, asSchema(p.schema['items'])) : p.schema, 'maxLength')
    if (maxLength !== undefined && maxLength + 1 + 300 > URL_LIMIT) {
      invalid.push(
        valid.map((v): Req => ({
          op,
          kind: 'invalid',
          why: `${p.name}: URL over ${URL_LIMIT} (maxLength ${maxLength} needs a longer URL)`,
          expect: [414],
          url: buildUrl(op, v.path, [
            ...v.query.filter(([k]) => k !== p.name),
            [p.name, 'a'.repeat(URL_LIMIT + 100)],
          ]),
          key,
        }))
      )
    }
  }
  const unauth: fc.Arbitrary<Req>[] =
    op.security === 'required'
      ? [
          valid.map((v): Req => ({
            op,
            kind: 'no-key',
            why: 'no key',
            expect: [401],
            url: buildUrl(op, v.path, v.query),
            key: null,
          })),
          valid.map((v): Req => ({
            op,
            kind: 'wrong-key',
            why: 'wrong key',
            expect: [401],
            url: buildUrl(op, v.path, v.query),
            key: 'wrong-key-0123456789abcdef',
          })),
        ]
      : op.security === 'optional'
        ? [
            valid.map((v): Req => ({
              op,
              kind: 'no-key',
              why: 'no key',
              url: buildUrl(op, v.path, v.query),
              key: null,
            })),
          ]
        : []
  return fc.oneof(
    { weight: 5, arbitrary: validReq },
    { weight: 5, arbitrary: fc.oneof(...invalid) },
    ...(unauth.length > 0 ? [{ weight: 1, arbitrary: fc.oneof(...unauth) }] : [])
  )
}

// ---------------------------------------------------------------------------------------------
// Judging answers

interface Finding {
  readonly op: string
  readonly request: string
  readonly problem: string
}

const mediaOf = (contentType: string | null): string =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''

const judge = async (req: Req, res: Response, emFailing: boolean): Promise<Finding[]> => {
  const out: string[] = []
  const status = res.status
  const declared = req.op.responses[String(status)] ?? req.op.responses['default']
  if (!res.headers.get('x-request-id')) out.push('no X-Request-Id')
  if (declared === undefined)
    out.push(`status ${status} not declared (${Object.keys(req.op.responses).join(',')})`)
  if (status >= 500) {
    if (![502, 503, 504].includes(status)) out.push(`5xx: ${status}`)
    else if (!emFailing) out.push(`${status} while EM was healthy`)
  }
  if (req.expect && !req.expect.includes(status)) out.push(`expected ${req.expect.join('|')}, got ${status}`)
  if ((status === 503 || status === 504) && !res.headers.get('retry-after'))
    out.push(`${status} without Retry-After`)
  if (status === 401 && !/^Bearer\b/i.test(res.headers.get('www-authenticate') ?? ''))
    out.push('401 without WWW-Authenticate: Bearer')
  const text = await res.text()
  const media = mediaOf(res.headers.get('content-type'))
  if (declared !== undefined) {
    const content = asSchema(declared['content'])
    const entry = content[media]
    if (text.length > 0 && entry === undefined)
      out.push(
        `body as ${media || '(no content-type)'}, declared: ${Object.keys(content).join(',') || 'no body'}`
      )
    else if (entry !== undefined && /json$/.test(media)) {
      let body: unknown
      try {
        body = JSON.parse(text) as unknown
      } catch {
        out.push(`${media} body is not JSON`)
      }
      if (body !== undefined) {
        const errors = validate(doc, asSchema(asSchema(entry)['schema']), body)
        if (errors.length > 0)
          out.push(`body does not match the ${status} ${media} schema: ${errors.slice(0, 3).join('; ')}`)
        if (status === 400 && req.names !== undefined) {
          const named = (asSchema(body)['errors'] as { parameter?: unknown }[] | undefined) ?? []
          if (!named.some((e) => e.parameter === req.names)) out.push(`400 does not name ${req.names}`)
        }
      }
    }
  }
  const shown = req.url.length > 160 ? `${req.url.slice(0, 150)}…(${req.url.length} chars)` : req.url
  return out.map((problem) => ({
    op: req.op.id,
    request: `${req.op.method} ${shown} [${req.kind}: ${req.why}]`,
    problem,
  }))
}

// ---------------------------------------------------------------------------------------------

let s: Served
beforeAll(async () => {
  s = await startServed()
})
afterAll(async () => {
  await s?.close()
})

/** Ids for path parameters: the first page of the list operation at the parent path. */
const idPools = async (): Promise<Map<string, string[]>> => {
  const pools = new Map<string, string[]>()
  for (const op of OPS) {
    if (op.method !== 'GET' || op.params.some((p) => p.in === 'path') || op.security === 'none') continue
    const res = await fetch(`${s.baseUrl}${op.path}?pageSize=20`, {
      headers: { Authorization: `Bearer ${API_KEY}` },
    })
    if (res.status !== 200) continue
    const body = asSchema(await res.json())
    const items = Array.isArray(body['items']) ? (body['items'] as Schema[]) : []
    pools.set(
      op.path,
      items.map((i) => i['id']).filter((id): id is string => typeof id === 'string')
    )
  }
  return pools
}

const send = async (req: Req): Promise<Response> =>
  fetch(`${s.baseUrl}${req.url}`, {
    method: req.op.method,
    headers: req.key === null ? {} : { Authorization: `Bearer ${req.key}` },
    redirect: 'manual',
  })

/**
 * Sends with four workers; operations that declare 429 (a per-key bound on concurrent runs) go
 * through one worker of their own, so a 429 never stands in for the answer being judged.
 */
const runAll = async (
  reqs: readonly Req[],
  emFailing: boolean,
  findings: Finding[],
  statuses: Map<number, number>
): Promise<void> => {
  const worker = async (queue: readonly Req[]): Promise<void> => {
    let next = 0
    const take = (): Req | undefined => queue[next++]
    for (let req = take(); req !== undefined; req = take()) {
      const res = await send(req)
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
      findings.push(...(await judge(req, res, emFailing)))
    }
  }
  const bounded = reqs.filter((r) => '429' in r.op.responses)
  const free = reqs.filter((r) => !('429' in r.op.responses))
  const thirds = [0, 1, 2].map((i) => free.filter((_, j) => j % 3 === i))
  await Promise.all([worker(bounded), ...thirds.map((q) => worker(q))])
}

describe('requests derived from the OpenAPI document', () => {
  it('Should find a type for every parameter it derives values from', () => {
    const untyped = OPS.flatMap((op) =>
      op.params
        .map((p) => (p.array ? deref(doc, asSchema(p.schema['items'])) : p.schema))
        .filter((x) => typesOf(x).length === 0 && !Array.isArray(x['enum']))
        .map(() => op.id)
    )
    expect(untyped).toEqual([])
  })

  it('Should answer every derived request as the document says', async () => {
    const pools = await idPools()
    const findings: Finding[] = []
    const statuses = new Map<number, number>()
    const healthy: Req[] = []
    const failing: Req[] = []
    OPS.forEach((op, i) => {
      const parent = op.path.replace(/\/\{[^}]+\}.*$/, '')
      const ids = pools.get(parent) ?? []
      healthy.push(...fc.sample(requestsFor(op, ids), { seed: SEED + i, numRuns: RUNS }))
      failing.push(
        ...fc.sample(validParts(op, ids), { seed: SEED + 1000 + i, numRuns: 5 }).map((v): Req => ({
          op,
          kind: 'valid',
          why: 'valid, EM failing',
          url: buildUrl(op, v.path, v.query),
          key: op.security === 'none' ? null : API_KEY,
        }))
      )
    })
    const started = Date.now()
    await runAll(healthy, false, findings, statuses)
    // Last, as the breaker then stays open for its cool-down.
    s.h.sim.setFaults({ status: 503 })
    try {
      await runAll(failing, true, findings, statuses)
    } finally {
      s.h.sim.clearFaults()
    }
    const total = healthy.length + failing.length
    const distinct = new Map<string, Finding>()
    for (const f of findings) {
      const k = `${f.op} | ${f.problem.replace(/: .*$/, '')} | ${f.request.replace(/^.*\[/, '')}`
      if (!distinct.has(k)) distinct.set(k, f)
    }
    const lines = [
      `contract fuzz: seed ${SEED}, ${total} requests (${healthy.length} with EM healthy, ${failing.length} with EM failing) over ${OPS.length} operations in ${Date.now() - started} ms`,
      `statuses: ${[...statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([k, v]) => `${k}×${v}`)
        .join(' ')}`,
      `findings: ${findings.length} (${distinct.size} distinct)`,
      ...[...distinct.values()].slice(0, 80).map((f) => `  ${f.op}: ${f.problem}\n      ${f.request}`),
    ]
    process.stdout.write(`${lines.join('\n')}\n`)
    expect(total).toBeGreaterThan(500)
    expect([...distinct.values()].map((f) => `${f.op}: ${f.problem} — ${f.request}`)).toEqual([])
  }, 120_000)
})

/**
 * @module Property-based abuse of every list route's query string: hostile parameter names and values
 * never give a 5xx, every 400 names exactly the bad parameters (an oracle written here from the
 * contract), and string filters reach EM as exactly one quoted value of exactly the intended field,
 * returning exact matches only (computed from the simulator's data set).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseFilter } from '../../tools/em-simulator/filter-parser'
import type { FilterAst } from '../../tools/em-simulator/filter-parser'
import type { SimSession } from '../../tools/em-simulator/index'
import { anyText, isWellFormed, junk } from '../support/fast-check-hostile'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'
import { listRoutes } from './support/list-routes'
import type { ListRoute, QueryKind } from './support/list-routes'
import { expectProblem, stackHits } from './support/problem'
import { PAGE_TOKEN_PATTERN } from '../../shared/paging/page-token'

let h: Harness
let routes: ListRoute[]
beforeAll(async () => {
  h = await startHarness()
  routes = listRoutes(h.sim.dataset)
})
afterAll(async () => {
  await h.close()
})

/** One query parameter as sent: its name, its value(s) (repeated key when several), and whether it is valid. */
interface Sent {
  readonly name: string
  readonly values: readonly string[]
  /** `late`: schema-valid but refused by the list service (a pageToken that is not one). */
  readonly verdict: 'ok' | 'bad' | 'late'
}

const ok = (values: readonly string[]): Pick<Sent, 'values' | 'verdict'> => ({ values, verdict: 'ok' })
const bad = (values: readonly string[]): Pick<Sent, 'values' | 'verdict'> => ({ values, verdict: 'bad' })
const one = (a: fc.Arbitrary<string>) => a.map((v) => [v])

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .chain((d) =>
    fc.constantFrom(
      d.toISOString(),
      `${d.toISOString().slice(0, 19)}Z`,
      `${d.toISOString().slice(0, 19)}+02:00`,
      `${d.toISOString().slice(0, 23)}-05:30`
    )
  )

/** A value (or repeated values) for a known parameter, valid or not by construction. */
const valueFor = (kind: QueryKind, enumValues: readonly string[]): fc.Arbitrary<Omit<Sent, 'name'>> => {
  const repeated = fc.tuple(anyText(), anyText()).map(([a, b]) => bad([a, b]))
  const valid: fc.Arbitrary<string[]> = {
    pageSize: one(fc.integer({ min: 1, max: 1000 }).map(String)),
    pageToken: fc.constant([] as string[]),
    sort: one(fc.constantFrom('creationTime', '-creationTime')),
    time: one(isoDate),
    enum: fc
      .subarray([...enumValues], { minLength: 1 })
      .chain((vs) => fc.constantFrom(vs, [vs.join(',')], [vs.join(' , ')])),
    guid: one(fc.uuid().chain((u) => fc.constantFrom(u, u.toUpperCase()))),
    string: one(anyText().filter((s) => s.length >= 1 && s.length <= 512 && !CONTROL.test(s))),
  }[kind]
  const invalid: fc.Arbitrary<string[]> = {
    pageSize: one(fc.oneof(fc.constantFrom('0', '1001', '-1', '1.5', 'abc', '', '10abc', '1e9'), junk())),
    pageToken: one(fc.constant('')),
    sort: one(fc.oneof(fc.constantFrom('creationtime', 'CreationTime', 'name', ''), junk())),
    time: one(
      fc.oneof(
        fc.constantFrom('2026-11-01T00:00:00', '2026-11-01', '2026-13-01T00:00:00Z', 'yesterday', ''),
        junk()
      )
    ),
    enum: fc.oneof(
      one(fc.constantFrom('', ',', 'success', 'FAILED')),
      fc.tuple(fc.constantFrom(...enumValues), junk()).map(([v, j]) => [v, j])
    ),
    guid: one(
      fc.oneof(
        fc.uuid().map((u) => `{${u}}`),
        fc.uuid().map((u) => u.slice(1)),
        junk()
      )
    ),
    string: one(
      fc.oneof(
        fc.constant(''),
        fc.constantFrom('a\rb', 'a\nb', 'a\u0000b', 'tab\there', '\u007f'),
        fc.integer({ min: 513, max: 700 }).map((n) => 'x'.repeat(n))
      )
    ),
  }[kind]
  const choices: fc.Arbitrary<Omit<Sent, 'name'>>[] = [valid.map((v) => ok(v)), invalid.map((v) => bad(v))]
  // A token-shaped value passes the schema's pattern and is refused by the list service; anything else by the schema.
  if (kind === 'pageToken')
    choices.push(
      junk().map((v) => ({
        values: [v],
        verdict: TOKEN_SHAPE.test(v) ? ('late' as const) : ('bad' as const),
      }))
    )
  if (kind !== 'enum' && kind !== 'pageToken') choices.push(repeated)
  return fc.oneof(...choices)
}

const TOKEN_SHAPE = new RegExp(PAGE_TOKEN_PATTERN)
// eslint-disable-next-line no-control-regex -- name filters refuse control characters
const CONTROL = /[\u0000-\u001f\u007f]/

const TRICKY_NAMES = [
  'PageSize',
  'page_size',
  'pagesize',
  'filter',
  'type',
  'format',
  'JobName',
  'jobname',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'id',
  'jobSessionId',
  'policySessionId',
  'deep',
  'from',
  'kind',
]

/** A whole query for a route: known parameters (valid or not) and unknown ones, names unique. */
const queryFor = (route: ListRoute): fc.Arbitrary<Sent[]> => {
  const known = [...route.params].map(([name, kind]) =>
    valueFor(kind, name === 'state' ? route.enums.state : route.enums.result).map((v) => ({ name, ...v }))
  )
  const unknownName = fc
    .oneof(fc.constantFrom(...TRICKY_NAMES), anyText(16))
    .filter((n) => n !== '' && !route.params.has(n) && isWellFormed(n))
  const unknown = fc.record({
    name: unknownName,
    values: one(anyText()),
    verdict: fc.constant('bad' as const),
  })
  return fc
    .tuple(fc.subarray(known, { maxLength: 5 }), fc.array(unknown, { maxLength: 2 }))
    .chain(([picked, unknowns]) =>
      fc.tuple(fc.tuple(...picked.map((a) => a)), fc.constant(unknowns)).map(([k, u]) => [...k, ...u])
    )
    .map((sent) => sent.filter((s, i) => sent.findIndex((t) => t.name === s.name) === i))
}

const queryString = (sent: readonly Sent[]): string =>
  sent.flatMap((s) => s.values.map((v) => `${encodeURIComponent(s.name)}=${encodeURIComponent(v)}`)).join('&')

/** The parameters a 400 must name: the schema-invalid ones, or the bad page token when nothing else is wrong. */
const expectedBad = (sent: readonly Sent[]): string[] => {
  const schema = sent.filter((s) => s.verdict === 'bad').map((s) => s.name)
  if (schema.length > 0) return schema.sort()
  return sent
    .filter((s) => s.verdict === 'late')
    .map((s) => s.name)
    .sort()
}

describe('list query strings (property)', () => {
  it('Should never answer 5xx, and name exactly the bad parameters of every 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 0, max: 8 })
          .chain((i) => fc.tuple(fc.constant(i), queryFor(routes[i] as ListRoute))),
        async ([i, sent]) => {
          const route = routes[i] as ListRoute
          const url = `${route.path}?${queryString(sent)}`
          const res = await h.get(url)
          const want = expectedBad(sent)
          if (want.length === 0) {
            expect(res.status, `${url}\n${await res.clone().text()}`).toBe(200)
            return
          }
          const problem = await expectProblem(res, 400)
          const named = [...new Set((problem.errors ?? []).map((e) => e.parameter))].sort()
          expect(named, url).toEqual(want)
        }
      ),
      { numRuns: 200 }
    )
  })

  it('Should never answer 5xx for raw (not percent-encoded) hostile query text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 8 }),
        fc.array(
          fc.tuple(fc.oneof(anyText(8), fc.constantFrom('pageSize', 'jobName', 'result')), anyText()),
          {
            maxLength: 4,
          }
        ),
        async (i, pairs) => {
          const route = routes[i] as ListRoute
          // Only what cannot be sent raw is escaped: '#' (fragment), space and controls; '%', '&', '=' stay.
          const raw = [...pairs.map(([n, v]) => `${n}=${v}`).join('&')]
            .map((ch) =>
              ch === '#' || /\s/.test(ch) || ch.charCodeAt(0) < 0x20 || ch === '\x7f'
                ? encodeURIComponent(ch)
                : ch
            )
            .join('')
          const res = await h.get(`${route.path}?${raw}`)
          expect(res.status).toBeLessThan(500)
          expect([200, 400]).toContain(res.status)
          expect(stackHits(await res.text())).toEqual([])
        }
      ),
      { numRuns: 100 }
    )
  })
})

const STRING_PARAMS = ['jobName', 'vmName', 'backupServerName', 'policyName', 'jobType'] as const
type StringParam = (typeof STRING_PARAMS)[number]
const DAY = 86_400_000

/** The data set's value of a string filter (the test's own reading of the contract). */
const simValue = (s: SimSession, p: StringParam): string => {
  const r = s as unknown as Record<string, unknown>
  if (p === 'backupServerName') return s.serverName
  if (p === 'policyName') return String(r['jobName'])
  return String(r[p])
}

/** Every comparison of a filter AST, in order. */
const comparisons = (ast: FilterAst): Extract<FilterAst, { kind: 'cmp' }>[] =>
  ast.kind === 'cmp' ? [ast] : ast.items.flatMap(comparisons)

const MUTATIONS: readonly ((v: string, field: string) => string)[] = [
  (v) => `${v}"`,
  (v) => `"${v}`,
  (v) => v.toUpperCase(),
  (v) => v.toLowerCase(),
  (v) => `${v} `,
  (v) => ` ${v}`,
  (v) => `${v}*`,
  (v) => v.slice(0, -1),
  (v, f) => `${v}",${f}!="`,
  (v, f) => `${v}" , ${f} != "x`,
  (v, f) => `x");(${f}=="${v}`,
  (v) => `${v}")`,
  (v) => `(${v}`,
  (v) => `${v};`,
  (v) => `${v}%00`,
  (v) => `${v}\u0000`,
  (v) => `${v}""`,
]

describe('string filters reach EM escaped (property)', () => {
  it('Should send each value as exactly one quoted value of its field, and return exact matches only', async () => {
    const cases = routes.flatMap((route) =>
      STRING_PARAMS.filter((p) => route.params.has(p)).map((param) => ({ route, param }))
    )
    const from = new Date(h.sim.dataset.now.getTime() - 2 * DAY)
    const inScope = (route: ListRoute) =>
      h.sim.dataset
        .sessions(route.family.emType)
        .filter(
          (s) =>
            s.creationTime >= from &&
            (route.fixed === undefined || (s as { jobSessionId?: string }).jobSessionId === route.fixed.id)
        )
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.nat(),
        fc.integer({ min: 0, max: MUTATIONS.length - 1 }),
        anyText(),
        fc.constantFrom('exact', 'mutated', 'text'),
        async (c, pick, m, text, mode) => {
          const { route, param } = cases[c] as (typeof cases)[number]
          const field = route.family.filters[param]?.field ?? ''
          const scope = inScope(route)
          const known = [...new Set(scope.map((s) => simValue(s, param)))]
          const seed = known[pick % Math.max(known.length, 1)] ?? 'none'
          const mutate = MUTATIONS[m] ?? ((v) => v)
          const value = mode === 'exact' ? seed : mode === 'mutated' ? mutate(seed, field) : text
          fc.pre(value.length >= 1 && value.length <= 512 && !CONTROL.test(value))

          const base = `${route.path}?pageSize=500&createdAfter=${from.toISOString()}&${param}=${encodeURIComponent(value)}`
          h.sim.clearLog()
          const ids: string[] = []
          let token: string | null = null
          for (let page = 0; page < 20; page++) {
            const url: string = token ? `${base}&pageToken=${encodeURIComponent(token)}` : base
            const res = await h.json<{ items: Record<string, unknown>[]; nextPageToken: string | null }>(url)
            expect(res.status, url).toBe(200)
            for (const item of res.body.items) ids.push(String(item['id']))
            token = res.body.nextPageToken
            if (!token) break
          }
          expect(token).toBeNull()

          const sent = h.sim.log.find((e) => e.path.toLowerCase() === '/api/query')
          const cmps = comparisons(parseFilter(sent?.query['filter'] ?? ''))
          const carrying = cmps.filter((x) => x.value === value)
          expect(carrying).toEqual([{ kind: 'cmp', field, op: '==', value, quoted: true }])
          expect(cmps.map((x) => x.field).sort()).toEqual(
            [
              field,
              route.family.timeFields.created,
              ...(route.fixed ? [route.family.filters[route.fixed.param]?.field] : []),
            ].sort()
          )
          expect(cmps.every((x) => x.quoted)).toBe(true)

          const want = scope.filter((s) => simValue(s, param) === value).map((s) => s.id)
          expect(new Set(ids).size).toBe(ids.length)
          expect(ids.sort()).toEqual(want.sort())
        }
      ),
      { numRuns: 150 }
    )
  })
})

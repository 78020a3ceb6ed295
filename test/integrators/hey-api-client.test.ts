/**
 * A second generator on the contract: @hey-api/openapi-ts generates a fetch client from the committed
 * document into test/artifacts/hey-api (a NodeNext, strict project), `tsc --strict --noEmit` compiles
 * it with its driver (test/integrators/hey-api/drive.ts), and the driver runs against the real server
 * over HTTP: every page of a window, a get, a job session's children, both reports as JSON and through
 * their CSV paths, and a typed 400 Problem. Also counts the enum types the generator made.
 */
import { execFile } from 'node:child_process'
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { createClient } from '@hey-api/openapi-ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY } from '../support/harness'
import { startServed } from './served'
import type { Served } from './served'

const root = fileURLToPath(new URL('../../', import.meta.url))
const dir = fileURLToPath(new URL('../artifacts/hey-api/', import.meta.url))
const openapiPath = `${root}openapi/openapi.json`
const doc = JSON.parse(await readFile(openapiPath, 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>
}

/** What the driver gives back (its own types come from the generated client, compiled apart). */
interface Driven {
  walk: { ids: string[]; pages: number }
  got: { id: string } | undefined
  children: { status: number; jobSessionIds: string[] }
  jobSummary: { rows: unknown[]; window: { from: string; to: string } } | undefined
  vmProtection: { rows: unknown[]; window: { from: string; to: string } } | undefined
  problem: { status: number; type: string; parameters: string[]; contentType: string | null }
}
interface Csv {
  status: number
  contentType: string | null
  text: string
}
interface Window {
  from: string
  to: string
}
interface Driver {
  makeClient(baseUrl: string, apiKey: string): object
  drive(client: object, window: Window, pageSize: number): Promise<Driven>
  csv(client: object, url: string, window: Window): Promise<Csv>
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  include: ['**/*.ts'],
}

let s: Served
let driver: Driver
let generatedTypes = ''
beforeAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  // The tsconfig first: the generator reads it to write NodeNext (`.js`) imports.
  await writeFile(`${dir}tsconfig.json`, JSON.stringify(TSCONFIG, null, 2))
  await createClient({
    input: openapiPath,
    output: { path: `${dir}client`, tsConfigPath: `${dir}tsconfig.json` },
    plugins: ['@hey-api/client-fetch'],
    logs: { level: 'silent', file: false },
  })
  await copyFile(fileURLToPath(new URL('./hey-api/drive.ts', import.meta.url)), `${dir}drive.ts`)
  generatedTypes = await readFile(`${dir}client/types.gen.ts`, 'utf8')
  s = await startServed()
  driver = (await import(pathToFileURL(`${dir}drive.ts`).href)) as Driver
}, 120_000)
afterAll(async () => {
  await s?.close()
})

const window = (): Window => {
  const to = new Date(s.h.sim.dataset.now.getTime() - 86_400_000)
  return { from: new Date(to.getTime() - 12 * 3_600_000).toISOString(), to: to.toISOString() }
}

describe('the hey-api client', () => {
  it('Should compile with its driver under tsc --strict (NodeNext)', async () => {
    const tsc = `${root}node_modules/typescript/bin/tsc`
    const run = promisify(execFile)
    const result = await run(process.execPath, [tsc, '-p', dir, '--strict', '--noEmit']).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? String(err)
    )
    expect(result).toBe('')
  }, 120_000)

  it('Should name its enums (counted: the named literal-union types it generated)', () => {
    const named = [...generatedTypes.matchAll(/^export type (\w+) = (?:'[^']*'(?: \| )?)+;$/gm)].map(
      (m) => m[1]
    )
    const inline = [...generatedTypes.matchAll(/(?<!^export type \w+ = )(?:'[^'\n]*' \| )+'[^'\n]*'/gm)]
      .length
    process.stdout.write(
      `hey-api enum types: ${named.length} named (${named.join(', ')}), ${inline} inline literal unions\n`
    )
    // The shared enums the contract names as components (api-contract.md, Protocol details, second edition).
    expect(named).toEqual(
      expect.arrayContaining([
        'SessionResult',
        'JobSessionState',
        'TaskSessionState',
        'SortOrder',
        'ReportKind',
      ])
    )
  })

  it('Should walk every page, get one, list its children, read both reports and a typed 400', async () => {
    const w = window()
    const d = await driver.drive(driver.makeClient(s.baseUrl, API_KEY), w, 3)
    const from = new Date(w.from)
    const to = new Date(w.to)
    const expected = s.h.sim.dataset
      .sessions('BackupJobSession')
      .filter((x) => x.creationTime >= from && x.creationTime < to)
      .map((x) => x.id)
    expect(expected.length).toBeGreaterThan(3)
    expect(d.walk.ids).toEqual(expected)
    expect(d.walk.pages).toBe(Math.ceil(expected.length / 3))
    expect(d.got?.id).toBe(expected[0])
    expect(d.children.status).toBe(200)
    expect(d.children.jobSessionIds.length).toBeGreaterThan(0)
    expect(new Set(d.children.jobSessionIds)).toEqual(new Set([expected[0]]))
    expect(d.jobSummary?.window).toEqual({ from: w.from, to: w.to })
    expect(d.jobSummary?.rows.length).toBeGreaterThan(0)
    expect(d.vmProtection?.window).toEqual({ from: w.from, to: w.to })
    expect(d.vmProtection?.rows.length).toBeGreaterThan(0)
    expect(d.problem).toMatchObject({
      status: 400,
      type: 'urn:em-sessions-api:problem:invalid-parameters',
      parameters: ['pageSize'],
    })
    expect(d.problem.contentType).toMatch(/^application\/problem\+json/)
  }, 60_000)

  it.each(['/v1/reports/job-summary.csv', '/v1/reports/vm-protection.csv'])(
    'Should read %s, declared in the document as text/csv, through the same client',
    async (path) => {
      const op = doc.paths[path]?.['get']
      expect(op, `${path} is not in openapi/openapi.json`).toBeDefined()
      expect(Object.keys(op?.responses['200']?.content ?? {})).toEqual(['text/csv'])
      const csv = await driver.csv(driver.makeClient(s.baseUrl, API_KEY), path, window())
      expect(csv.status).toBe(200)
      expect(csv.contentType).toMatch(/^text\/csv/)
      const lines = csv.text.split('\r\n')
      expect(lines.length).toBeGreaterThan(2)
      expect(lines[0]).toMatch(/^kind,|^vmName,|,/)
    }
  )
})

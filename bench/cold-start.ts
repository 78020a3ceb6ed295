/**
 * @module Lambda cold-start figure: the production API bundle (`scripts/build.ts`, the code behind
 * `npm run build`) imported by a fresh `node` process that then invokes its `handler` once with an API
 * Gateway HTTP API v2 event (a list page against the simulator, so logon, query, decode and render are
 * all on the path), timed from spawn to exit. The reference is a minimal `@hono/zod-openapi` Lambda
 * (`bench/peers/minimal-lambda.ts`: one validated route and its document), bundled in the same run
 * with the same esbuild options and invoked the same way with an event of the same shape for its one
 * route. `NODE_EXTRA_CA_CERTS` is unset in both.
 */
import { writeFile } from 'node:fs/promises'
import { z } from 'zod'
import { join } from 'node:path'
import { build, bundleLambda, type BundleReport } from '../scripts/build'
import type { SimReady } from './protocol'
import { OUT_DIR, ROOT, runNode } from './procs'
import { interleave, median, ratioFigure, type Figure } from './stats'

const API_PATH = '/v1/backup-job-sessions'
/** The one route of the reference Lambda. */
const PEER_PATH = '/v1/items'
const INVOKE_QUERY = 'pageSize=10'

/** The line the child prints its phases on (stdout also carries the API's log lines). */
const PHASES = 'cold-phases '

/**
 * The child script: import the bundle, invoke once, print how long the import and the invoke took,
 * exit 0 only on a 200 with items.
 */
const invokeScript = (bundle: string, path: string, apiKey: string): string => `
const started = performance.now()
const { handler } = await import(${JSON.stringify(bundle)})
const imported = performance.now()
const domainName = 'abc123.execute-api.eu-west-1.amazonaws.com'
const event = {
  version: '2.0', routeKey: '$default', rawPath: ${JSON.stringify(path)}, rawQueryString: ${JSON.stringify(INVOKE_QUERY)},
  headers: { host: domainName, authorization: ${JSON.stringify(`Bearer ${apiKey}`)}, 'x-forwarded-proto': 'https' },
  queryStringParameters: { pageSize: '10' },
  requestContext: { accountId: '123456789012', apiId: 'abc123', domainName, domainPrefix: 'abc123',
    http: { method: 'GET', path: ${JSON.stringify(path)}, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'bench' },
    requestId: 'bench-cold', routeKey: '$default', stage: '$default', time: '20/Oct/2025:12:00:00 +0000', timeEpoch: 1760961600000 },
  isBase64Encoded: false,
}
const context = { functionName: 'api', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api',
  memoryLimitInMB: '1024', awsRequestId: 'bench-cold', logGroupName: '/aws/lambda/api', logStreamName: 'bench', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 29000, done() {}, fail() {}, succeed() {} }
const res = await handler(event, context)
process.stdout.write(${JSON.stringify(PHASES)} + JSON.stringify({ importMs: imported - started, invokeMs: performance.now() - imported }) + '\\n')
const items = res.statusCode === 200 ? JSON.parse(res.body).items : undefined
if (!Array.isArray(items) || items.length === 0) { process.stderr.write('invoke failed: ' + res.statusCode + ' ' + String(res.body).slice(0, 200) + '\\n'); process.exit(1) }
process.exit(0)
`

/** One bundle ready to invoke: its invoke script and the environment of the process. */
export interface ColdTarget {
  readonly script: string
  readonly bundle: BundleReport
  readonly env: Record<string, string>
}

export interface ColdStartSetup {
  readonly api: ColdTarget
  readonly peer: ColdTarget
  /** The reference that also logs on to EM and runs the query (`bench/peers/minimal-em-lambda.ts`). */
  readonly emPeer: ColdTarget
}

/** Builds the three bundles into `dist/bench/lambda/` and writes their invoke scripts beside them. */
export const prepareColdStart = async (sim: SimReady, apiKey: string): Promise<ColdStartSetup> => {
  const dir = join(OUT_DIR, 'lambda')
  const [api] = await build(dir, ['api'])
  if (api === undefined) throw new Error('the build produced no api bundle')
  const peerTarget = async (name: string, path: string, env: Record<string, string>): Promise<ColdTarget> => {
    const bundle = await bundleLambda(name, join(ROOT, 'bench', 'peers', `${name}.ts`), join(dir, name))
    const script = join(OUT_DIR, `lambda-invoke-${name}.mjs`)
    await writeFile(script, invokeScript(bundle.file, path, apiKey))
    return { script, bundle, env }
  }
  const apiScript = join(OUT_DIR, 'lambda-invoke-api.mjs')
  await writeFile(apiScript, invokeScript(api.file, API_PATH, apiKey))
  const lambdaEnv = { AWS_LAMBDA_FUNCTION_NAME: 'api', AWS_REGION: 'eu-west-1' }
  const emEnv = { EM_URL: sim.url, EM_USERNAME: sim.username, EM_PASSWORD: sim.password, ...lambdaEnv }
  return {
    api: {
      script: apiScript,
      bundle: api,
      env: { ...emEnv, API_KEYS: apiKey, PAGE_TOKEN_KEY: 'bench-page-token-key' },
    },
    peer: await peerTarget('minimal-lambda', PEER_PATH, lambdaEnv),
    emPeer: await peerTarget('minimal-em-lambda', PEER_PATH, emEnv),
  }
}

/** Inside the process: the bundle's import and its first invoke, ms. */
const PhasesSchema = z.object({ importMs: z.number(), invokeMs: z.number() })
type Phases = z.infer<typeof PhasesSchema>

/** One fresh-process import + first invoke: ms from spawn to exit, and the two phases inside. */
export const coldInvoke = async (
  t: ColdTarget
): Promise<{ readonly ms: number; readonly phases: Phases }> => {
  const run = await runNode([t.script], t.env)
  if (run.code !== 0) throw new Error(`cold invoke failed (${run.code}): ${run.stderr.slice(0, 300)}`)
  const line = run.stdout.split('\n').find((l) => l.startsWith(PHASES))
  if (line === undefined) throw new Error('the cold invoke printed no phases')
  return { ms: run.ms, phases: PhasesSchema.parse(JSON.parse(line.slice(PHASES.length))) }
}

/** Samples `t` for `interleave`, keeping each run's phases. */
const sampler = (t: ColdTarget, phases: Phases[]) => async (): Promise<number> => {
  const run = await coldInvoke(t)
  phases.push(run.phases)
  return run.ms
}

const phaseNote = (phases: readonly Phases[]): string =>
  `import ${median(phases.map((p) => p.importMs)).toFixed(0)} ms + first invoke ${median(phases.map((p) => p.invokeMs)).toFixed(0)} ms`

const kb = (b: BundleReport): string =>
  `${(b.bytes / 1024).toFixed(0)} KB (${(b.startBytes / 1024).toFixed(0)} KB at import)`

/**
 * Figures: median of `reps` cold invokes of the API vs the reference Lambda's, spawn to exit (≤ 1.0×);
 * and, reported, the same against the reference whose route also logs on to EM and reads the page.
 */
export const coldStartFigures = async (s: ColdStartSetup, reps = 10): Promise<Figure[]> => {
  const warmup = 1
  const api: Phases[] = []
  const peer: Phases[] = []
  const samples = await interleave(reps, sampler(s.api, api), sampler(s.peer, peer), warmup)
  const apiEm: Phases[] = []
  const emPeer: Phases[] = []
  const emSamples = await interleave(reps, sampler(s.api, apiEm), sampler(s.emPeer, emPeer), warmup)
  const measured = median(emSamples.measured)
  const reference = median(emSamples.reference)
  return [
    ratioFigure({
      id: 'lambda-cold',
      name: 'Lambda bundle: fresh import + first invoke',
      unit: 'ms',
      samples,
      kind: 'max',
      limit: 1.0,
      note:
        `GET ${API_PATH}?${INVOKE_QUERY} against the simulator (logon + query), API bundle ${kb(s.api.bundle)}, ` +
        `${phaseNote(api.slice(warmup))} (reference: ${phaseNote(peer.slice(warmup))}), the rest is Node's start and exit; ` +
        `reference: a minimal @hono/zod-openapi Lambda (one validated GET ${PEER_PATH}?${INVOKE_QUERY} + its doc31 document, ` +
        `bench/peers/minimal-lambda.ts), same esbuild options, same event shape, ${kb(s.peer.bundle)}; median of ${reps}, interleaved`,
    }),
    {
      id: 'lambda-cold-em-peer',
      name: 'Lambda bundle cold start vs a minimal one that logs on to EM too',
      unit: 'ms',
      measured,
      reference,
      ratio: measured / reference,
      budget: 'reported',
      pass: true,
      note:
        `spawn to exit, as above; API ${phaseNote(apiEm.slice(warmup))}; reference (bench/peers/minimal-em-lambda.ts: ` +
        `the same minimal app, its route logs on to EM and reads one query page over node:http, no checks, no token, ` +
        `no logging) ${phaseNote(emPeer.slice(warmup))}, ${kb(s.emPeer.bundle)}; median of ${reps}, interleaved`,
    },
  ]
}

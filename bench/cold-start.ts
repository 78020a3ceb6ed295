/**
 * @module Lambda cold-start figure: the production bundle (`scripts/build.ts`, the code behind
 * `npm run build`) imported by a fresh `node` process that then invokes its `handler` once with an API
 * Gateway HTTP API v2 event (a list page against the simulator, so logon, query, decode and render are
 * all on the path), timed from spawn to exit, vs `node -e 0`. `NODE_EXTRA_CA_CERTS` is unset in both.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from '../scripts/build'
import type { SimReady } from './protocol'
import { OUT_DIR, runNode } from './procs'
import { interleave, ratioFigure, type Figure } from './stats'

const INVOKE_PATH = '/v1/backup-job-sessions'
const INVOKE_QUERY = 'pageSize=10'

/** The child script: import the bundle, invoke once, exit 0 only on a 200 with items. */
const invokeScript = (bundle: string, apiKey: string): string => `
const { handler } = await import(${JSON.stringify(bundle)})
const domainName = 'abc123.execute-api.eu-west-1.amazonaws.com'
const event = {
  version: '2.0', routeKey: '$default', rawPath: ${JSON.stringify(INVOKE_PATH)}, rawQueryString: ${JSON.stringify(INVOKE_QUERY)},
  headers: { host: domainName, authorization: ${JSON.stringify(`Bearer ${apiKey}`)}, 'x-forwarded-proto': 'https' },
  queryStringParameters: { pageSize: '10' },
  requestContext: { accountId: '123456789012', apiId: 'abc123', domainName, domainPrefix: 'abc123',
    http: { method: 'GET', path: ${JSON.stringify(INVOKE_PATH)}, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'bench' },
    requestId: 'bench-cold', routeKey: '$default', stage: '$default', time: '20/Oct/2025:12:00:00 +0000', timeEpoch: 1760961600000 },
  isBase64Encoded: false,
}
const context = { functionName: 'api', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api',
  memoryLimitInMB: '1024', awsRequestId: 'bench-cold', logGroupName: '/aws/lambda/api', logStreamName: 'bench', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 29000, done() {}, fail() {}, succeed() {} }
const res = await handler(event, context)
const items = res.statusCode === 200 ? JSON.parse(res.body).items : undefined
if (!Array.isArray(items) || items.length === 0) { process.stderr.write('invoke failed: ' + res.statusCode + ' ' + String(res.body).slice(0, 200) + '\\n'); process.exit(1) }
process.exit(0)
`

export interface ColdStartSetup {
  readonly script: string
  readonly bundleBytes: number
  readonly env: Record<string, string>
}

/** Builds the bundles into `dist/bench/lambda/` and writes the invoke script beside them. */
export const prepareColdStart = async (sim: SimReady, apiKey: string): Promise<ColdStartSetup> => {
  const reports = await build(join(OUT_DIR, 'lambda'))
  const api = reports.find((r) => r.name === 'api')
  if (api === undefined) throw new Error('the build produced no api bundle')
  const script = join(OUT_DIR, 'lambda-invoke.mjs')
  await writeFile(script, invokeScript(api.file, apiKey))
  return {
    script,
    bundleBytes: api.bytes,
    env: {
      EM_URL: sim.url,
      EM_USERNAME: sim.username,
      EM_PASSWORD: sim.password,
      API_KEYS: apiKey,
      PAGE_TOKEN_KEY: 'bench-page-token-key',
      AWS_LAMBDA_FUNCTION_NAME: 'api',
      AWS_REGION: 'eu-west-1',
    },
  }
}

/** One fresh-process import + first invoke, ms from spawn to exit. */
export const coldInvoke = async (s: ColdStartSetup): Promise<number> => {
  const run = await runNode([s.script], s.env)
  if (run.code !== 0) throw new Error(`cold invoke failed (${run.code}): ${run.stderr.slice(0, 300)}`)
  return run.ms
}

/** One `node -e 0`, ms from spawn to exit. */
export const bareNode = async (): Promise<number> => (await runNode(['-e', '0'])).ms

/** Figure: median of `reps` cold invokes vs `node -e 0` (≤ 2.5×). */
export const coldStartFigure = async (s: ColdStartSetup, reps = 10): Promise<Figure> => {
  const samples = await interleave(reps, () => coldInvoke(s), bareNode, 1)
  return ratioFigure({
    id: 'lambda-cold',
    name: 'Lambda bundle: fresh import + first invoke',
    unit: 'ms',
    samples,
    kind: 'max',
    limit: 2.5,
    note: `dist/api/index.mjs ${(s.bundleBytes / 1024).toFixed(0)} KB; GET ${INVOKE_PATH}?${INVOKE_QUERY} against the simulator (logon + query); median of ${reps}, interleaved with node -e 0`,
  })
}

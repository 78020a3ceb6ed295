/* global process */
/**
 * @module Runs a built Lambda bundle the way the Node.js Lambda runtime does, in a fresh process:
 * imports the bundle (init), then calls `handler(event, context)` for each event in order.
 * Usage: node lambda-driver.mjs <bundle.mjs> <events.json> <result.json>
 * Results go to a file because the bundle's logger and metrics own stdout. Timings are
 * `performance.now()` readings, i.e. ms since this process started.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'

const [bundle, eventsFile, resultFile] = process.argv.slice(2)
const events = JSON.parse(await readFile(eventsFile, 'utf8'))

const startMs = performance.now()
const { handler } = await import(pathToFileURL(bundle).href)
const importedMs = performance.now()

const context = (requestId) => ({
  awsRequestId: requestId,
  functionName: 'em-sessions-api-Api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:em-sessions-api-Api',
  memoryLimitInMB: '1024',
  logGroupName: '/aws/lambda/em-sessions-api-Api',
  logStreamName: '2025/10/20/[$LATEST]0123456789abcdef',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 25_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
})

const results = []
let firstInvokedMs = null
for (const event of events) {
  try {
    results.push({ ok: true, value: await handler(event, context(event.requestContext.requestId)) })
  } catch (error) {
    results.push({ ok: false, error: String(error) })
  }
  firstInvokedMs ??= performance.now()
}
await writeFile(resultFile, JSON.stringify({ startMs, importedMs, firstInvokedMs, results }))
// Like the Lambda runtime, do not wait for keep-alive sockets to close.
process.exit(0)

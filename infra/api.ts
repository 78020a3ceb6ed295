/**
 * @module The public API: an API Gateway HTTP API (payload v2) whose `$default` route sends every
 * request to one Lambda function (`functions/api.ts`), which serves the whole Hono app. Callers reach
 * it through CloudFront and AWS WAF (infra/edge.ts); the function refuses requests that did not come
 * through CloudFront (`ORIGIN_VERIFY`).
 */
import { apiRollupReadGrants, logRetention } from './policies'
import { reportBucket } from './reports'
import { apiSecret, emSecret, originVerify } from './secrets'

/**
 * At most this many API processes exist (reserved concurrency; `API_RESERVED_CONCURRENCY` at deploy
 * time, default 10), so at most this many EM logon sessions. Each process sends EM at most
 * `EM_MAX_CONCURRENCY` (8) requests at once: the API makes at most 10 × 8 = 80 concurrent EM requests
 * (a Lambda process serves one request at a time; a report keeps REPORT_CONCURRENCY, 8 by default,
 * pages in flight). Beyond it, callers get API Gateway's 429/503, not EM.
 */
const reservedConcurrency = Number(process.env.API_RESERVED_CONCURRENCY ?? '10')
const EM_MAX_CONCURRENCY = '8'

export const api = new sst.aws.ApiGatewayV2('Api', {
  // The app answers CORS itself (CORS_ORIGINS); API Gateway's CORS would override its headers.
  cors: false,
  accessLog: { retention: logRetention($app.stage) },
  transform: {
    // Throttling for all routes of the stage, all clients together: the backstop behind the WAF's
    // per-IP rule; protects EM (one EM query per API page) and the bill.
    stage: { defaultRouteSettings: { throttlingRateLimit: 20, throttlingBurstLimit: 40 } },
  },
})

api.route('$default', {
  // The artifact `npm run build` makes and test/aws/bundle.test.ts invokes (index.mjs and the chunks it
  // loads on demand, zod trimmed to English, SDK external, Swagger UI assets and openapi.json beside
  // it): the whole directory is deployed as built, SST does not re-bundle it.
  bundle: 'dist/api',
  handler: 'index.handler',
  runtime: 'nodejs22.x',
  // Graviton: cheaper per GB-second than x86 and as fast for this JSON/XML work.
  architecture: 'arm64',
  // CPU scales with memory; parsing a 1,000-entity EM XML page is CPU-bound (~100 ms on a full core),
  // and 1 GB gives ~0.6 vCPU at a low price. Measure with the EmLatency metric before lowering.
  memory: '1024 MB',
  // Under API Gateway's 29 s integration limit, so the function, not the gateway, answers a slow EM
  // with a 504 problem: secret read (≤5 s) + EM logon and query (EM_TIMEOUT_MS 10 s each at worst).
  timeout: '25 seconds',
  concurrency: { reserved: reservedConcurrency },
  // GetSecretValue on these two ARNs only.
  link: [emSecret, apiSecret],
  // Read-only on rollups/ of the report bucket (GetObject + a listing of that prefix): reports serve
  // whole days from them. Nothing else of the bucket.
  permissions: apiRollupReadGrants(reportBucket.arn, (arn, path) => $interpolate`${arn}${path}`),
  environment: {
    ROLLUP_BUCKET: reportBucket.name,
    EM_SECRET_ID: emSecret.arn,
    // API keys and the page-token key, read at run time (never a plain environment variable).
    API_SECRET_ID: apiSecret.arn,
    // Turns on the deployed rules: weak settings are refused at start.
    DEPLOY_STAGE: $app.stage,
    ORIGIN_VERIFY: originVerify.value,
    EM_TIMEOUT_MS: '10000',
    EM_MAX_CONCURRENCY,
    EM_BREAKER_FAILURES: '5',
    EM_BREAKER_COOLDOWN_MS: '10000',
    POWERTOOLS_SERVICE_NAME: 'em-sessions-api',
    POWERTOOLS_LOG_LEVEL: 'INFO',
  },
  logging: { retention: logRetention($app.stage) },
})

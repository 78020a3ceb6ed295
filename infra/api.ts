/**
 * @module The public API: an API Gateway HTTP API (payload v2) whose `$default` route sends every
 * request to one Lambda function (`functions/api.ts`), which serves the whole Hono app.
 */
import { emSecret, pageTokenKey } from './secrets'

export const api = new sst.aws.ApiGatewayV2('Api', {
  // The app answers CORS itself (CORS_ORIGINS); API Gateway's CORS would override its headers.
  cors: false,
  accessLog: { retention: '1 month' },
  transform: {
    // Throttling for all routes of the stage: protects EM (one EM query per API page) and the bill.
    stage: { defaultRouteSettings: { throttlingRateLimit: 20, throttlingBurstLimit: 40 } },
  },
})

api.route('$default', {
  // The artifact `npm run build` makes and test/aws/bundle.test.ts invokes (zod trimmed to English,
  // SDK external, Swagger UI assets beside it): deployed as built, SST does not re-bundle it.
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
  link: [emSecret],
  environment: {
    EM_SECRET_ID: emSecret.arn,
    EM_TIMEOUT_MS: '10000',
    PAGE_TOKEN_KEY: pageTokenKey.value,
    POWERTOOLS_SERVICE_NAME: 'em-sessions-api',
    POWERTOOLS_LOG_LEVEL: 'INFO',
  },
  logging: { retention: '1 month' },
})

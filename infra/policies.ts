/**
 * @module The infrastructure's security decisions as small pure functions (no SST or Pulumi globals),
 * so that `test/infra/policies.test.ts` can assert the synthesised grants and the WAF rule without
 * AWS: what the report function may do in its bucket, who reads which secret, and the per-IP rate
 * rule in front of the API. `infra/*.ts` pass Pulumi outputs through `join`; tests pass strings.
 */

/** One IAM statement as SST's `permissions` takes it (and as it lands in the role's policy). */
export interface Grant<T> {
  readonly actions: string[]
  readonly resources: T[]
  readonly conditions?: { test: string; variable: string; values: string[] }[]
}

/** Appends a path to an ARN (`$interpolate` in infra/, `+` in tests). */
export type Join<T> = (arn: T, path: string) => T

/** Report bucket prefixes: daily reports (write only) and rollups (read and write). */
export const REPORTS_PREFIX = 'reports/'
export const ROLLUPS_PREFIX = 'rollups/'

/**
 * The report function's grants in its bucket: `s3:PutObject` on `reports/*`, read and write on
 * `rollups/*` and a listing limited to `rollups/`. No delete, no ACLs, no bucket policy, no other
 * prefix (SST's link would give `s3:*` on the whole bucket).
 */
export const reportBucketGrants = <T>(bucketArn: T, join: Join<T>): Grant<T>[] => [
  { actions: ['s3:PutObject'], resources: [join(bucketArn, `/${REPORTS_PREFIX}*`)] },
  { actions: ['s3:GetObject', 's3:PutObject'], resources: [join(bucketArn, `/${ROLLUPS_PREFIX}*`)] },
  {
    actions: ['s3:ListBucket'],
    resources: [bucketArn],
    conditions: [{ test: 'StringLike', variable: 's3:prefix', values: [`${ROLLUPS_PREFIX}*`] }],
  },
]

/** Reading one secret: `GetSecretValue` on its ARN only (no list, no write, no other secret). */
export const secretReadGrant = <T>(secretArn: T): Grant<T> => ({
  actions: ['secretsmanager:GetSecretValue'],
  resources: [secretArn],
})

/** Which function reads which secret: the API keys and page-token key are the API's alone. */
export const SECRET_READERS = {
  api: ['em-connection', 'api'],
  report: ['em-connection'],
} as const

/** An IAM policy document of grants (what the role ends up with), for assertions. */
export const policyDocument = (grants: readonly Grant<string>[]) => ({
  Version: '2012-10-17',
  Statement: grants.map((g) => ({
    Effect: 'Allow',
    Action: g.actions,
    Resource: g.resources,
    ...(g.conditions
      ? { Condition: Object.fromEntries(g.conditions.map((c) => [c.test, { [c.variable]: c.values }])) }
      : {}),
  })),
})

/** Requests one client IP may send in 5 minutes before the WAF blocks it (≈ 3.3/s sustained). */
export const RATE_LIMIT_PER_5_MIN = 1000

/**
 * The WAF rule: a rate-based statement aggregated by client IP over 5 minutes, blocking with a 429.
 * (The API Gateway stage throttle stays as the backstop for all clients together.)
 */
export const rateLimitRule = (limit = RATE_LIMIT_PER_5_MIN) => ({
  name: 'rate-limit-per-ip',
  priority: 0,
  action: {
    block: { customResponse: { responseCode: 429, responseHeaders: [{ name: 'retry-after', value: '60' }] } },
  },
  statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
  visibilityConfig: {
    cloudwatchMetricsEnabled: true,
    metricName: 'RateLimitPerIp',
    sampledRequestsEnabled: true,
  },
})

/** Log retention: 90 days in production (the security review), a month elsewhere. */
export const logRetention = (stage: string): '3 months' | '1 month' =>
  stage === 'production' ? '3 months' : '1 month'

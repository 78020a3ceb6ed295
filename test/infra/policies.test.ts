/**
 * @module The synthesised security of infra/: the report function's grants in its bucket (no `s3:*`,
 * PutObject on `reports/` only, read+write on `rollups/`), secret reads narrowed to one ARN each and
 * split by function, the WAF's per-IP rate rule, and 90-day logs in production. The functions are
 * the ones infra/*.ts call with Pulumi outputs; here they get strings.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  logRetention,
  policyDocument,
  rateLimitRule,
  reportBucketGrants,
  secretReadGrant,
} from '../../infra/policies'

const BUCKET = 'arn:aws:s3:::em-sessions-api-production-reportsbucket-abc'
const join = (arn: string, path: string) => `${arn}${path}`

describe('the report function in its bucket', () => {
  const doc = policyDocument(reportBucketGrants(BUCKET, join))

  it('Should be exactly PutObject on reports/, Get+Put on rollups/ and a rollups/ listing', () => {
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`${BUCKET}/reports/*`] },
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [`${BUCKET}/rollups/*`] },
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: [BUCKET],
          Condition: { StringLike: { 's3:prefix': ['rollups/*'] } },
        },
      ],
    })
  })

  it('Should grant no wildcard action, no delete, and nothing outside its two prefixes', () => {
    const actions = doc.Statement.flatMap((s) => s.Action)
    expect(actions.filter((a) => a.includes('*') || /Delete|Acl|Policy/.test(a))).toEqual([])
    const objects = doc.Statement.flatMap((s) => s.Resource).filter((r) => r !== BUCKET)
    expect(
      objects.every((r) => r.startsWith(`${BUCKET}/reports/`) || r.startsWith(`${BUCKET}/rollups/`))
    ).toBe(true)
  })

  it('Should not link the bucket to the report function (a link grants s3:*)', () => {
    const infra = readFileSync(new URL('../../infra/reports.ts', import.meta.url), 'utf8')
    expect(infra).toMatch(/link: \[emSecret\]/)
    expect(infra).toContain('reportBucketGrants(')
  })
})

describe('the secrets', () => {
  it('Should let a reader get one secret value by its ARN, nothing else', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:em-sessions-api/production/api-AbCdEf'
    expect(policyDocument([secretReadGrant(arn)]).Statement).toEqual([
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [arn] },
    ])
  })

  it('Should give the API secret to the API function only, and no page-token key as plain env', () => {
    const api = readFileSync(new URL('../../infra/api.ts', import.meta.url), 'utf8')
    const reports = readFileSync(new URL('../../infra/reports.ts', import.meta.url), 'utf8')
    expect(api).toMatch(/link: \[emSecret, apiSecret\]/)
    expect(api).toContain('API_SECRET_ID: apiSecret.arn')
    expect(api).not.toContain('PAGE_TOKEN_KEY')
    expect(reports).not.toContain('apiSecret')
  })
})

describe('the WAF in front of the API', () => {
  it('Should block a client IP over the rate with a 429, counting per IP over 5 minutes', () => {
    const rule = rateLimitRule(1000)
    expect(rule.statement.rateBasedStatement).toEqual({
      limit: 1000,
      aggregateKeyType: 'IP',
      evaluationWindowSec: 300,
    })
    expect(rule.action.block.customResponse.responseCode).toBe(429)
  })

  it('Should be attached to the CloudFront distribution that adds the origin-verify header', () => {
    const edge = readFileSync(new URL('../../infra/edge.ts', import.meta.url), 'utf8')
    expect(edge).toContain('webAclId: webAcl.arn')
    expect(edge).toContain("scope: 'CLOUDFRONT'")
    expect(edge).toContain("name: 'X-Origin-Verify'")
  })
})

describe('log retention', () => {
  it.each([
    ['production', '3 months'],
    ['dev', '1 month'],
  ])('Should keep %s logs %s', (stage, retention) => {
    expect(logRetention(stage)).toBe(retention)
  })
})

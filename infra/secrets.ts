/**
 * @module Secrets of the app, split by who reads them. Both are Secrets Manager secrets (not
 * `sst.Secret`, which is SSM-backed and read at deploy time): values are put out of band with
 * `aws secretsmanager put-secret-value`, can be rotated without a redeploy, and are read at run time.
 * - `em-connection` `{ url, username, password, caCertificate? }`: read by the API and report functions.
 * - `api` `{ apiKeys, pageTokenKey }`: read by the API function only (the report function cannot mint
 *   API calls or page tokens, and whoever reads EM's account cannot read the API keys).
 * The origin-verify value CloudFront sends to the API is an `sst.Secret` (`npx sst secret set OriginVerify`).
 */
import { secretReadGrant } from './policies'

// Linking a secret grants only GetSecretValue on its ARN (no list, no write, no other secret).
sst.Linkable.wrap(aws.secretsmanager.Secret, (secret) => ({
  properties: { arn: secret.arn, name: secret.name },
  include: [sst.aws.permission(secretReadGrant(secret.arn))],
}))

// Non-production stages are removed with `sst remove`: delete at once so the names can be reused.
const recoveryWindowInDays = $app.stage === 'production' ? 30 : 0

/** `{ "url", "username", "password", "caCertificate"? }`, JSON, put out of band. */
export const emSecret = new aws.secretsmanager.Secret('EmConnection', {
  // A predictable name for `put-secret-value`; one secret per stage.
  name: `${$app.name}/${$app.stage}/em-connection`,
  description: 'Veeam Enterprise Manager connection for em-sessions-api (API and report functions)',
  recoveryWindowInDays,
})

/** `{ "apiKeys": [...], "pageTokenKey": "..." }`, JSON, put out of band; the API function's alone. */
export const apiSecret = new aws.secretsmanager.Secret('ApiKeys', {
  name: `${$app.name}/${$app.stage}/api`,
  description: 'API keys and the page-token HMAC key of em-sessions-api (API function only)',
  recoveryWindowInDays,
})

/** The value CloudFront adds as `X-Origin-Verify`; the API refuses requests without it (WAF bypass). */
export const originVerify = new sst.Secret('OriginVerify')

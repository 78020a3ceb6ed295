/**
 * @module Secrets of the app. The EM connection lives in a Secrets Manager secret (not an
 * `sst.Secret`, which is SSM-backed and read at deploy time): its value is put out of band with
 * `aws secretsmanager put-secret-value`, can be rotated without a redeploy, and is read by the
 * functions at run time. The page-token HMAC key is an `sst.Secret` (`npx sst secret set PageTokenKey`).
 */

// Linking this secret grants only GetSecretValue on its ARN (no list, no write, no other secret).
sst.Linkable.wrap(aws.secretsmanager.Secret, (secret) => ({
  properties: { arn: secret.arn, name: secret.name },
  include: [
    sst.aws.permission({
      actions: ['secretsmanager:GetSecretValue'],
      resources: [secret.arn],
    }),
  ],
}))

/** `{ "url", "username", "password", "caCertificate"?, "apiKeys"? }`, JSON, put out of band. */
export const emSecret = new aws.secretsmanager.Secret('EmConnection', {
  // A predictable name for `put-secret-value`; one secret per stage.
  name: `${$app.name}/${$app.stage}/em-connection`,
  description: 'Veeam Enterprise Manager connection and API keys for em-sessions-api',
  // Non-production stages are removed with `sst remove`: delete at once so the name can be reused.
  recoveryWindowInDays: $app.stage === 'production' ? 30 : 0,
})

/** HMAC key signing page tokens, shared by all instances so a token works on any of them. */
export const pageTokenKey = new sst.Secret('PageTokenKey')

// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- SST convention: editors get the platform types
/// <reference path="./.sst/platform/config.d.ts" />
/**
 * @module SST app definition, kept thin: `run()` only loads `infra/` (one file per concern) and
 * returns the outputs. Type-checked by `npm run typecheck:infra` (tsconfig.infra.json).
 */
export default $config({
  app(input) {
    return {
      name: 'em-sessions-api',
      // Production keeps its resources (and the secret) on `sst remove`; other stages are disposable.
      removal: input?.stage === 'production' ? 'retain' : 'remove',
      home: 'aws',
    }
  },
  async run() {
    const { apiSecret, emSecret } = await import('./infra/secrets')
    const { api } = await import('./infra/api')
    const { edge } = await import('./infra/edge')
    const { reportBucket, reportFailures, reportAlarms } = await import('./infra/reports')
    return {
      // Callers use the CloudFront address (WAF); the execute-api URL refuses them (X-Origin-Verify).
      apiUrl: $interpolate`https://${edge.domainName}`,
      originUrl: api.url,
      apiSecretArn: apiSecret.arn,
      reportBucket: reportBucket.name,
      reportFailureQueue: reportFailures.url,
      reportAlarmTopic: reportAlarms.arn,
      emSecretArn: emSecret.arn,
    }
  },
})

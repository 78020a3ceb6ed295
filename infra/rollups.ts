/**
 * @module Rollups: an hourly job (`functions/rollup.ts`) reads EM one UTC day at a time and stores each
 * day's partial report aggregates under `rollups/` of the report bucket; the report routes and the
 * daily report serve whole days from them. Backfill or rebuild: invoke the function with
 * `{ "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }` (and `"rebuild": true`).
 */
import { logRetention, rollupWriterGrants } from './policies'
import { reportBucket } from './reports'
import { emSecret } from './secrets'

export const rollupCron = new sst.aws.Cron('HourlyRollup', {
  // Minute 40 of every hour: away from the daily report at 02:15, which reads what it wrote.
  schedule: 'cron(40 * * * ? *)',
  function: {
    // Built by `npm run build` (dist/rollup/index.mjs), deployed as built.
    bundle: 'dist/rollup',
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memory: '1024 MB',
    // A backfill stops starting days a minute before this and answers `resumeFrom`.
    timeout: '15 minutes',
    // Not linked to the bucket (a link grants s3:*): read+write on rollups/ and its listing only.
    link: [emSecret],
    permissions: rollupWriterGrants(reportBucket.arn, (arn, path) => $interpolate`${arn}${path}`),
    environment: {
      EM_SECRET_ID: emSecret.arn,
      EM_TIMEOUT_MS: '10000',
      ROLLUP_BUCKET: reportBucket.name,
      DEPLOY_STAGE: $app.stage,
      POWERTOOLS_SERVICE_NAME: 'em-sessions-api',
    },
    logging: { retention: logRetention($app.stage) },
  },
})

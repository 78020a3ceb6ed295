/**
 * @module Scheduled reports: a daily job (`functions/report.ts`) reads EM session history through the
 * same EM client, writes its reports to a private S3 bucket and mails them through SES when configured.
 */
import { logRetention, reportBucketGrants } from './policies'
import { reportEmailEnvironment, reportEmailPermissions } from './email'
import { emSecret } from './secrets'

/** Private bucket holding the generated reports. */
export const reportBucket = new sst.aws.Bucket('Reports')

export const reportCron = new sst.aws.Cron('DailyReport', {
  // 02:15 UTC every day: after the usual nightly backup window has produced its sessions.
  schedule: 'cron(15 2 * * ? *)',
  function: {
    // Built by `npm run build` (dist/report/index.mjs), deployed as built.
    bundle: 'dist/report',
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memory: '1024 MB',
    // Walks many EM pages (bounded concurrency); well under Lambda's 15 min maximum.
    timeout: '10 minutes',
    // Not linked to the bucket (a link grants s3:* on it): PutObject on reports/, read+write rollups/.
    link: [emSecret],
    environment: {
      EM_SECRET_ID: emSecret.arn,
      EM_TIMEOUT_MS: '10000',
      REPORT_BUCKET: reportBucket.name,
      DEPLOY_STAGE: $app.stage,
      POWERTOOLS_SERVICE_NAME: 'em-sessions-api',
      // REPORT_EMAIL_TO/FROM/ONLY_ON_ISSUES and REPORT_BASE_URL, when the deploy configures e-mail.
      ...reportEmailEnvironment,
    },
    // Bucket grants (reportBucketGrants), plus ses:SendEmail/SendRawEmail on the configured identity
    // only, From address pinned (infra/email.ts). One list: a second `permissions` key would replace it.
    permissions: [
      ...reportBucketGrants(reportBucket.arn, (arn, path) => $interpolate`${arn}${path}`),
      ...reportEmailPermissions,
    ],
    logging: { retention: logRetention($app.stage) },
  },
})

/**
 * @module Scheduled reports: a daily job (`functions/report.ts`) reads EM session history through the
 * same EM client, writes its reports to a private S3 bucket and mails them through SES when configured.
 */
import { logRetention, reportBucketGrants } from './policies'
import { reportEmailEnvironment, reportEmailPermissions } from './email'
import { emSecret } from './secrets'

/** Private bucket holding the generated reports. */
export const reportBucket = new sst.aws.Bucket('Reports')

/**
 * A run that fails (EM not read whole, S3 refusing writes) fails its invocation; after Lambda's two
 * retries of the asynchronous invocation the event lands here (kept 14 days), and the alarms below fire.
 * Rerun a day with `aws lambda invoke … --payload '{"day":"YYYY-MM-DD"}'`.
 */
export const reportFailures = new sst.aws.Queue('ReportFailures', {
  transform: { queue: { messageRetentionSeconds: 14 * 86_400 } },
})

/** Subscribe people or a pager to it (`aws sns subscribe --protocol email …`). */
export const reportAlarms = new sst.aws.SnsTopic('ReportAlarms')

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
    permissions: [
      ...reportBucketGrants(reportBucket.arn, (arn, path) => $interpolate`${arn}${path}`),
      // The failure destination is written by Lambda with the function's role.
      { actions: ['sqs:SendMessage'], resources: [reportFailures.arn] },
      // ses:SendEmail/SendRawEmail on the configured identity only, From address pinned (infra/email.ts).
      ...reportEmailPermissions,
    ],
    environment: {
      EM_SECRET_ID: emSecret.arn,
      EM_TIMEOUT_MS: '10000',
      REPORT_BUCKET: reportBucket.name,
      DEPLOY_STAGE: $app.stage,
      POWERTOOLS_SERVICE_NAME: 'em-sessions-api',
      // REPORT_EMAIL_TO/FROM/ONLY_ON_ISSUES and REPORT_BASE_URL, when the deploy configures e-mail.
      ...reportEmailEnvironment,
    },
    logging: { retention: logRetention($app.stage) },
  },
})

const reportFunction = reportCron.nodes.function

new aws.lambda.FunctionEventInvokeConfig('DailyReportInvokeConfig', {
  functionName: reportFunction.name,
  maximumRetryAttempts: 2,
  maximumEventAgeInSeconds: 6 * 3600,
  destinationConfig: { onFailure: { destination: reportFailures.arn } },
})

new aws.cloudwatch.MetricAlarm('DailyReportFailed', {
  alarmDescription:
    'The daily report failed (EM not read whole, or S3 refused): the day is not complete; see the log',
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  dimensions: { FunctionName: reportFunction.name },
  statistic: 'Sum',
  period: 3600,
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: 'GreaterThanThreshold',
  treatMissingData: 'notBreaching',
  alarmActions: [reportAlarms.arn],
})

new aws.cloudwatch.MetricAlarm('DailyReportGaveUp', {
  alarmDescription:
    'A daily report run failed after its retries: its event is in the ReportFailures queue; rerun the day',
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimensions: { QueueName: reportFailures.nodes.queue.name },
  statistic: 'Maximum',
  period: 300,
  evaluationPeriods: 1,
  threshold: 0,
  comparisonOperator: 'GreaterThanThreshold',
  treatMissingData: 'notBreaching',
  alarmActions: [reportAlarms.arn],
})

/**
 * @module Scheduled reports: a daily job (`functions/report.ts`) reads EM session history through the
 * same EM client and writes its reports to a private S3 bucket.
 */
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
    link: [reportBucket, emSecret],
    // The failure destination is written by Lambda with the function's role.
    permissions: [{ actions: ['sqs:SendMessage'], resources: [reportFailures.arn] }],
    environment: {
      EM_SECRET_ID: emSecret.arn,
      EM_TIMEOUT_MS: '10000',
      REPORT_BUCKET: reportBucket.name,
      POWERTOOLS_SERVICE_NAME: 'em-sessions-api',
    },
    logging: { retention: '1 month' },
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

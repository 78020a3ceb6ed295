/**
 * The report Lambda handler with e-mail configured as deployed code has it: configuration from the
 * environment, EM = the simulator, S3 = s3rver (AWS_ENDPOINT_URL_S3), SES = aws-ses-v2-local behind a
 * recording proxy (AWS_ENDPOINT_URL_SESV2). A send that SES refuses is retried (the SDK's 3 attempts,
 * then one more try of those), logged without a stack, counted as a metric, and fails the invocation,
 * while the day's files stay in S3.
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { simpleParser } from 'mailparser'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSimulator, type Simulator } from '../../tools/em-simulator/index'
import { setMetricsEnabled } from '../../shared/observability/metrics'
import { ReportEmailError } from '../../shared/reports/email/send'
import { captureStdio } from '../support/aws-env'
import { DATASET_NOW } from '../support/harness'
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from '../support/local-s3'
import { startLocalSes, type LocalSes } from '../support/local-ses'

const BUCKET = 'lambda-mailed-reports'
let s3: LocalS3
let ses: LocalSes
let sim: Simulator

beforeAll(async () => {
  ;[s3, ses, sim] = await Promise.all([
    startLocalS3(BUCKET),
    startLocalSes(),
    startSimulator({ now: DATASET_NOW }),
  ])
  const env: Record<string, string> = {
    EM_URL: sim.url,
    EM_USERNAME: sim.credentials.username,
    EM_PASSWORD: sim.credentials.password,
    REPORT_BUCKET: BUCKET,
    REPORT_EMAIL_TO: 'ops@example.com',
    REPORT_EMAIL_FROM: 'reports@example.com',
    REPORT_EMAIL_ONLY_ON_ISSUES: 'true',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    AWS_REGION: 'us-east-1',
    // s3rver checks signatures with its own key pair; SES local only wants a signature.
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
  }
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
})
afterEach(() => {
  vi.restoreAllMocks()
  setMetricsEnabled(undefined)
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await Promise.all([s3?.close(), ses?.close(), sim?.close()])
})

const lines = (out: string[]) =>
  out
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l): unknown => JSON.parse(l))

describe('functions/report.handler with REPORT_EMAIL_*', () => {
  it('Should write the day and mail it, with a presigned link to its page', async () => {
    const { handler } = await import('../../functions/report')
    const summary = await handler({ time: '2026-11-01T02:15:00Z' })
    expect(summary.email).toMatchObject({ sent: true })
    const mail = await simpleParser(ses.raws.at(-1) ?? Buffer.alloc(0))
    expect(mail.subject).toMatch(/^Backup report 2026-10-31: \d+ failed jobs, \d+ VMs at risk$/)
    expect(typeof mail.html === 'string' ? mail.html : '').toMatch(
      /href="http:\/\/127\.0\.0\.1:\d+\/lambda-mailed-reports\/reports\/2026-10-31\/index\.html\?[^"]*X-Amz-Expires=604800/
    )
  })

  it('Should retry a refused send once after the SDK gives up, and then deliver', async () => {
    const { handler } = await import('../../functions/report')
    const before = ses.sendRequests()
    ses.failNext(3)
    const summary = await handler({ time: '2026-11-01T02:15:00Z' })
    expect(summary.email).toMatchObject({ sent: true })
    expect(ses.sendRequests() - before).toBe(4)
  })

  it('Should fail the invocation after the retry, count it, log it without a stack, and keep the files', async () => {
    const { handler } = await import('../../functions/report')
    const out: string[] = []
    setMetricsEnabled(true)
    captureStdio(out)
    const before = ses.sendRequests()
    ses.failNext(1000)
    await expect(handler({ day: '2026-10-30' })).rejects.toThrow(ReportEmailError)
    ses.failNext(0)
    vi.restoreAllMocks()
    // Bounded: 3 SDK attempts per try, 2 tries.
    expect(ses.sendRequests() - before).toBe(6)
    const head = await s3.client.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'reports/2026-10-30/vm-protection.csv' })
    )
    expect(head.ContentType).toBe('text/csv; charset=utf-8')

    const logged = lines(out)
    expect(logged.filter((l) => JSON.stringify(l).includes('report e-mail send failed'))).toHaveLength(2)
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 'ERROR', message: 'report e-mail failed' })
    )
    const text = out.join('')
    expect(text).not.toMatch(/\n\s+at /)
    expect(text).not.toContain('"stack"')
    expect(text).not.toContain(LOCAL_S3_CREDENTIALS.secretAccessKey)
    expect(text).toMatch(/"ReportEmailFailures":1\b/)
  })
})

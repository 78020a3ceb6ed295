/**
 * The report Lambda handler as deployed code runs it: configuration from the environment (read once at
 * import), EM = the simulator over HTTP, S3 = s3rver via AWS_ENDPOINT_URL_S3 (an IP endpoint, so the
 * SDK uses path-style addressing by itself).
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSimulator, type Simulator } from '../../tools/em-simulator/index'
import { DATASET_NOW } from '../support/harness'
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from '../support/local-s3'

const BUCKET = 'lambda-reports'
let s3: LocalS3
let sim: Simulator

beforeAll(async () => {
  ;[s3, sim] = await Promise.all([startLocalS3(BUCKET), startSimulator({ now: DATASET_NOW })])
  const env: Record<string, string> = {
    EM_URL: sim.url,
    EM_USERNAME: sim.credentials.username,
    EM_PASSWORD: sim.credentials.password,
    REPORT_BUCKET: BUCKET,
    REPORT_CONCURRENCY: '3',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
  }
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await Promise.all([s3.close(), sim.close()])
})

describe('functions/report.handler', () => {
  it('Should write the previous UTC day of the event and return the keys and completeness', async () => {
    const { handler } = await import('../../functions/report')
    const summary = await handler({ time: '2026-11-01T02:15:00Z' })
    expect(summary).toMatchObject({
      day: '2026-10-31',
      bucket: BUCKET,
      window: { from: '2026-10-31T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
      complete: { jobSummary: true, vmProtection: true },
    })
    expect(summary.keys).toHaveLength(5)
    const head = await s3.client.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'reports/2026-10-31/index.html' })
    )
    expect(head.ContentType).toBe('text/html; charset=utf-8')
  })

  it('Should take an explicit day for a rerun, and refuse one that is not a day', async () => {
    const { handler } = await import('../../functions/report')
    expect((await handler({ day: '2026-10-20' })).keys[0]).toBe('reports/2026-10-20/job-summary.json')
    await expect(handler({ day: '2026-13-01' })).rejects.toThrow(RangeError)
  })
})

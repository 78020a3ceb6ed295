/**
 * The report Lambda handler as deployed code runs it: configuration from the environment (read once at
 * import), EM = the simulator over HTTP, S3 = s3rver via AWS_ENDPOINT_URL_S3 (an IP endpoint, so the
 * SDK uses path-style addressing by itself).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSimulator, type Simulator } from '../../shared/em/simulator/index'
import { DATASET_NOW } from '../support/harness'

const BUCKET = 'lambda-reports'
const dir = mkdtempSync(join(tmpdir(), 's3rver-'))
const s3 = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: dir,
  configureBuckets: [{ name: BUCKET }],
})
let sim: Simulator
let endpoint = ''

beforeAll(async () => {
  const [{ port }, simulator] = await Promise.all([s3.run(), startSimulator({ now: DATASET_NOW })])
  sim = simulator
  endpoint = `http://127.0.0.1:${port}`
  const env: Record<string, string> = {
    EM_URL: sim.url,
    EM_USERNAME: sim.credentials.username,
    EM_PASSWORD: sim.credentials.password,
    REPORT_BUCKET: BUCKET,
    REPORT_CONCURRENCY: '3',
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  }
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await Promise.all([s3.close(), sim.close()])
  rmSync(dir, { recursive: true, force: true })
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
    const client = new S3Client({
      endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    })
    const head = await client.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'reports/2026-10-31/index.html' })
    )
    expect(head.ContentType).toBe('text/html; charset=utf-8')
    client.destroy()
  })

  it('Should take an explicit day for a rerun, and refuse one that is not a day', async () => {
    const { handler } = await import('../../functions/report')
    expect((await handler({ day: '2026-10-20' })).keys[0]).toBe('reports/2026-10-20/job-summary.json')
    await expect(handler({ day: '2026-13-01' })).rejects.toThrow(RangeError)
  })
})

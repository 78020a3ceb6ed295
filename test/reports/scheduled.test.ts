/**
 * The daily run end to end: simulator (EM) → reports → s3rver (S3) through the real S3 client.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JobSummaryReportSchema, VmProtectionReportSchema } from '../../shared/model/report'
import { previousUtcDay, runScheduledReport, utcDay } from '../../shared/jobs/scheduled-report'
import { DATASET_NOW, startHarness, type Harness } from '../support/harness'
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from '../support/local-s3'

const BUCKET = 'daily-reports'
let s3: LocalS3
let endpoint = ''
let client: LocalS3['client']
let h: Harness

beforeAll(async () => {
  ;[s3, h] = await Promise.all([startLocalS3(BUCKET), startHarness()])
  ;({ endpoint, client } = s3)
})
afterAll(async () => {
  await Promise.all([s3.close(), h.close()])
})

const read = async (key: string) => {
  const res = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
  return { body: (await res.Body?.transformToString('utf-8')) ?? '', type: res.ContentType }
}

describe('scheduled report', () => {
  it.each([
    ['2026-11-01T02:15:00Z', '2026-10-31T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T00:00:00Z', '2026-10-31T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T23:59:59.999Z', '2026-10-31T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
    ['2024-03-01T01:00:00Z', '2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
  ])('Should cover the UTC day before %s', (event, from, to) => {
    const w = previousUtcDay(new Date(event))
    expect([w.from.toISOString(), w.to.toISOString()]).toStrictEqual([from, to])
  })

  it('Should refuse a day that is not YYYY-MM-DD', () => {
    expect(() => utcDay('2026-02-30')).toThrow(RangeError)
    expect(() => utcDay('yesterday')).toThrow(RangeError)
  })

  it('Should write the five files for the previous day, and overwrite them on a rerun', async () => {
    const run = () =>
      runScheduledReport({
        reader: h.runtime.reader,
        sink: { bucket: BUCKET, endpoint, credentials: LOCAL_S3_CREDENTIALS },
        eventTime: new Date('2026-11-01T02:15:00Z'),
        now: DATASET_NOW,
      })
    const first = await run()
    expect(first).toMatchObject({ day: '2026-10-31', complete: { jobSummary: true, vmProtection: true } })
    expect(first.keys).toStrictEqual([
      'reports/2026-10-31/job-summary.json',
      'reports/2026-10-31/job-summary.csv',
      'reports/2026-10-31/vm-protection.json',
      'reports/2026-10-31/vm-protection.csv',
      'reports/2026-10-31/index.html',
    ])
    const jobs = JobSummaryReportSchema.parse(JSON.parse((await read(first.keys[0] ?? '')).body))
    expect(jobs.window).toStrictEqual({ from: '2026-10-31T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' })
    expect(jobs.rows.length).toBe(first.jobs)
    VmProtectionReportSchema.parse(JSON.parse((await read(first.keys[2] ?? '')).body))
    const csv = await read(first.keys[1] ?? '')
    expect(csv.type).toBe('text/csv; charset=utf-8')
    expect(csv.body.split('\r\n')).toHaveLength(jobs.rows.length + 2) // header + rows + final empty
    const html = await read(first.keys[4] ?? '')
    expect(html.type).toBe('text/html; charset=utf-8')
    expect(html.body).toContain('<svg')

    // Same data and generatedAt: the rerun writes the same keys (s3-sink.test shows new content replaces old).
    const second = await run()
    expect(second.keys).toStrictEqual(first.keys)
    expect((await read(first.keys[0] ?? '')).body).toBe(JSON.stringify(jobs, null, 2) + '\n')
  })
})

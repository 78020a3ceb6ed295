/**
 * @module The daily job under faults never loses a good report: EM failing mid-walk writes the
 * incomplete run beside the day and fails; S3 refusing writes fails without touching anything; a rerun
 * afterwards completes the day and removes the incomplete files. Simulator (EM) and s3rver (S3).
 */
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IncompleteReportError, runScheduledReport } from '../../shared/jobs/scheduled-report'
import { DATASET_NOW, startHarness, type Harness } from '../support/harness'
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from '../support/local-s3'

const BUCKET = 'fault-reports'
const NAMES = ['job-summary.json', 'job-summary.csv', 'vm-protection.json', 'vm-protection.csv', 'index.html']
const DAY = '2026-10-31'
let s3: LocalS3
let h: Harness
/** An S3 endpoint in front of s3rver that refuses every write (403 AccessDenied) and passes the rest. */
let refusing: { url: string; close(): Promise<void> }

const startRefusingS3 = async (target: string) => {
  const server = createServer((req, res) => {
    if (req.method === 'PUT' || req.method === 'DELETE') {
      req.resume()
      res.writeHead(403, { 'Content-Type': 'application/xml' })
      res.end('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>')
      return
    }
    const up = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers)
      r.pipe(res)
    })
    req.pipe(up)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

beforeAll(async () => {
  ;[s3, h] = await Promise.all([startLocalS3(BUCKET), startHarness()])
  refusing = await startRefusingS3(s3.endpoint)
})
afterAll(async () => {
  await refusing.close()
  await Promise.all([s3.close(), h.close()])
})

const body = async (key: string): Promise<string | null> => {
  try {
    const res = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
    return (await res.Body?.transformToString('utf-8')) ?? ''
  } catch (e) {
    if (e instanceof Error && e.name === 'NoSuchKey') return null
    throw e
  }
}
const day = async (folder = `reports/${DAY}`) => Promise.all(NAMES.map((n) => body(`${folder}/${n}`)))

const run = (o: { hoursLater: number; endpoint?: string }) =>
  runScheduledReport({
    reader: h.runtime.reader,
    sink: { bucket: BUCKET, endpoint: o.endpoint ?? s3.endpoint, credentials: LOCAL_S3_CREDENTIALS },
    eventTime: new Date('2026-11-01T02:15:00Z'),
    now: new Date(DATASET_NOW.getTime() + o.hoursLater * 3_600_000),
  })

describe('scheduled report under faults', () => {
  it("Should keep yesterday's complete files intact through an EM failure mid-walk and refused S3 writes, and complete on a rerun", async () => {
    // A complete run of the day.
    const first = await run({ hoursLater: 0 })
    expect(first.complete).toStrictEqual({ jobSummary: true, vmProtection: true })
    const good = await day()
    expect(good.every((b) => b !== null && b.length > 0)).toBe(true)

    // EM fails mid-walk: the job sessions read, the task sessions do not (EM 500 on that type).
    h.sim.setFaults({ status: 500, match: { type: 'BackupTaskSession' } })
    const error = await run({ hoursLater: 1 }).catch((e: unknown) => e)
    h.sim.clearFaults()
    expect(error).toBeInstanceOf(IncompleteReportError)
    const incomplete = error instanceof IncompleteReportError ? error.summary : undefined
    expect(incomplete?.complete).toStrictEqual({ jobSummary: false, vmProtection: false })
    expect(incomplete?.keys).toStrictEqual(NAMES.map((n) => `reports/${DAY}/incomplete/${n}`))
    expect(await day()).toStrictEqual(good) // the complete files, byte for byte
    const beside = await day(`reports/${DAY}/incomplete`)
    expect(JSON.parse(beside[0] ?? '{}')).toMatchObject({ complete: false })
    expect(beside[4]).toContain('Incomplete')

    // S3 refuses writes: the run fails, nothing changes.
    await expect(run({ hoursLater: 2, endpoint: refusing.url })).rejects.toThrow()
    expect(await day()).toStrictEqual(good)

    // The rerun completes the day and removes the incomplete files.
    const rerun = await run({ hoursLater: 3 })
    expect(rerun.complete).toStrictEqual({ jobSummary: true, vmProtection: true })
    const now = await day()
    expect(now[0]).not.toBe(good[0]) // a new generatedAt
    expect(JSON.parse(now[0] ?? '{}')).toMatchObject({
      complete: true,
      rows: JSON.parse(good[0] ?? '{}').rows,
    })
    expect(await day(`reports/${DAY}/incomplete`)).toStrictEqual(NAMES.map(() => null))
  })
})

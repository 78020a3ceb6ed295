import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_TYPES, type ReportFile } from '../../shared/reports/files'
import { reportKey, writeReportsToS3 } from '../../shared/reports/s3-sink'
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from '../support/local-s3'

const BUCKET = 'reports-test'
let s3: LocalS3
let endpoint = ''
let client: LocalS3['client']

beforeAll(async () => {
  s3 = await startLocalS3(BUCKET)
  ;({ endpoint, client } = s3)
})

afterAll(() => s3.close())

const files = (tag: string): ReportFile[] => [
  { name: 'job-summary.json', contentType: CONTENT_TYPES.json, body: JSON.stringify({ tag }) },
  {
    name: 'job-summary.csv',
    contentType: CONTENT_TYPES.csv,
    body: `kind,jobName\r\nbackup,"a, ""b"" ${tag}"\r\n`,
  },
  { name: 'vm-protection.json', contentType: CONTENT_TYPES.json, body: JSON.stringify({ tag, vm: 'é€' }) },
  { name: 'vm-protection.csv', contentType: CONTENT_TYPES.csv, body: `vmName\r\n${tag}\r\n` },
  { name: 'index.html', contentType: CONTENT_TYPES.html, body: `<!doctype html><p>${tag} ✓</p>` },
]

const get = async (key: string) => {
  const res = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
  return { body: await res.Body?.transformToString('utf-8'), contentType: res.ContentType }
}

describe('S3 sink (s3rver, real S3 client)', () => {
  it('Should write the five files under reports/YYYY-MM-DD/ with their content types', async () => {
    const keys = await writeReportsToS3(files('first'), '2024-03-01', {
      bucket: BUCKET,
      endpoint,
      credentials: LOCAL_S3_CREDENTIALS,
    })
    expect(keys).toStrictEqual([
      'reports/2024-03-01/job-summary.json',
      'reports/2024-03-01/job-summary.csv',
      'reports/2024-03-01/vm-protection.json',
      'reports/2024-03-01/vm-protection.csv',
      'reports/2024-03-01/index.html',
    ])
    for (const f of files('first')) {
      const got = await get(reportKey('2024-03-01', f.name))
      expect(got.body).toBe(f.body)
      expect(got.contentType).toBe(f.contentType)
    }
  })

  it('Should overwrite the same keys when the same day is written again', async () => {
    await writeReportsToS3(files('second'), '2024-03-01', {
      bucket: BUCKET,
      endpoint,
      credentials: LOCAL_S3_CREDENTIALS,
    })
    expect((await get('reports/2024-03-01/index.html')).body).toBe('<!doctype html><p>second ✓</p>')
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'reports/2024-03-01/' })
    )
    expect(listed.KeyCount).toBe(5)
  })

  it('Should fail loudly when the bucket does not exist', async () => {
    await expect(
      writeReportsToS3(files('x'), '2024-03-02', {
        bucket: 'no-such-bucket',
        endpoint,
        credentials: LOCAL_S3_CREDENTIALS,
      })
    ).rejects.toThrow()
  })
})

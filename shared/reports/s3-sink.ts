/**
 * @module Writes a run's report files to S3 under `reports/YYYY-MM-DD/` with their content types.
 * A rerun for the same day overwrites the same keys; an incomplete run goes beside them, under
 * `reports/YYYY-MM-DD/incomplete/` (see `scheduled.ts`). The SDK is imported lazily (it costs ~66 ms to
 * load and only the report job needs it).
 */
import type { ReportFile } from './files'

export interface S3SinkOptions {
  readonly bucket: string
  /** Key prefix, default `reports`. */
  readonly prefix?: string | undefined
  /** An S3-compatible endpoint (s3rver, MinIO); path-style addressing is used when set. */
  readonly endpoint?: string | undefined
  /** Default: the SDK's (AWS_REGION); `us-east-1` when an endpoint is given without one. */
  readonly region?: string | undefined
  /** Default: the SDK's provider chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined
}

/** Where one file of a day's run goes: `reports/2024-03-01/job-summary.csv`. */
export const reportKey = (day: string, name: string, prefix = 'reports'): string => `${prefix}/${day}/${name}`

/** Endpoint, region and credentials of an S3 client for these options (the SDK's defaults otherwise). */
export const s3ClientConfig = (o: Omit<S3SinkOptions, 'bucket' | 'prefix'>) => ({
  ...(o.endpoint === undefined ? {} : { endpoint: o.endpoint, forcePathStyle: true }),
  ...(o.region === undefined
    ? o.endpoint === undefined
      ? {}
      : { region: 'us-east-1' }
    : { region: o.region }),
  ...(o.credentials === undefined ? {} : { credentials: { ...o.credentials } }),
})

/** Where the files of an incomplete run go: beside the day's complete files, never over them. */
export const INCOMPLETE_FOLDER = 'incomplete'

const clientFor = async (o: S3SinkOptions) => {
  const { S3Client } = await import('@aws-sdk/client-s3')
  return new S3Client({
    // Streamed uploads are stored corrupted by S3-compatible servers without this (stack notes).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    ...s3ClientConfig(o),
  })
}

/** Deletes the day's files of these names (an earlier incomplete run, once a complete one is written). */
export const deleteReportsFromS3 = async (
  names: readonly string[],
  day: string,
  o: S3SinkOptions
): Promise<void> => {
  const { DeleteObjectCommand } = await import('@aws-sdk/client-s3')
  const client = await clientFor(o)
  try {
    await Promise.all(
      names.map((name) =>
        client.send(new DeleteObjectCommand({ Bucket: o.bucket, Key: reportKey(day, name, o.prefix) }))
      )
    )
  } finally {
    client.destroy()
  }
}

/**
 * Uploads every file (concurrently) and resolves with the keys written, in the files' order.
 * @example await writeReportsToS3(reportFiles(bundle, 24), '2024-03-01', { bucket: config.reportBucket })
 */
export const writeReportsToS3 = async (
  files: readonly ReportFile[],
  day: string,
  o: S3SinkOptions
): Promise<string[]> => {
  const { PutObjectCommand } = await import('@aws-sdk/client-s3')
  const client = await clientFor(o)
  try {
    return await Promise.all(
      files.map(async (f) => {
        const key = reportKey(day, f.name, o.prefix)
        await client.send(
          new PutObjectCommand({
            Bucket: o.bucket,
            Key: key,
            Body: f.body,
            ContentType: f.contentType,
            CacheControl: 'no-cache',
          })
        )
        return key
      })
    )
  } finally {
    client.destroy()
  }
}

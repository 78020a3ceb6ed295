/**
 * @module The "full report" link of the e-mail: `REPORT_BASE_URL` + the page's key when configured,
 * else a presigned S3 GET URL of the day's `index.html`, valid 7 days (SigV4's maximum). A URL signed
 * with temporary credentials (a Lambda role's) stops working when they expire, usually within hours:
 * for a link that lasts, serve the bucket (e.g. CloudFront) and set `REPORT_BASE_URL`.
 */
import { reportKey, s3ClientConfig, type S3SinkOptions } from '../s3-sink'

export const PRESIGNED_LINK_SECONDS = 7 * 24 * 3600

/** `https://reports.example.com` + `reports/2024-03-01/index.html`. */
export const baseUrlLink = (baseUrl: string, day: string, prefix?: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/${reportKey(day, 'index.html', prefix)}`

/** A presigned GET of the day's page in the report bucket. */
export const presignedLink = async (day: string, sink: S3SinkOptions): Promise<string> => {
  const [{ S3Client, GetObjectCommand }, { getSignedUrl }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/s3-request-presigner'),
  ])
  const client = new S3Client(s3ClientConfig(sink))
  try {
    const command = new GetObjectCommand({
      Bucket: sink.bucket,
      Key: reportKey(day, 'index.html', sink.prefix),
    })
    return await getSignedUrl(client, command, { expiresIn: PRESIGNED_LINK_SECONDS })
  } finally {
    client.destroy()
  }
}

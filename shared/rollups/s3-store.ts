/**
 * @module The S3 rollup store: objects under `rollups/` of the report bucket. PutObject replaces an
 * object atomically; reads are GetObject and ListObjectsV2 on the prefix (what the API's read-only
 * grant allows). The SDK is imported on first use (it costs ~66 ms to load).
 */
import type * as S3Sdk from '@aws-sdk/client-s3'
import { ROLLUPS_ROOT } from './root'
import type { RollupStore } from './store'

export interface S3RollupStoreOptions {
  readonly bucket: string
  /** Default `rollups/`. */
  readonly prefix?: string | undefined
  /** An S3-compatible endpoint (s3rver, MinIO); path-style addressing is used when set. */
  readonly endpoint?: string | undefined
  readonly region?: string | undefined
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined
}

const isMissing = (e: unknown): boolean =>
  e instanceof Error && (e.name === 'NoSuchKey' || e.name === 'NotFound')

export const createS3RollupStore = (o: S3RollupStoreOptions): RollupStore => {
  const root = o.prefix ?? ROLLUPS_ROOT
  let client: Promise<{ s3: S3Sdk.S3Client; sdk: typeof S3Sdk }> | undefined
  const connect = () =>
    (client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        requestChecksumCalculation: 'WHEN_REQUIRED',
        ...(o.endpoint === undefined ? {} : { endpoint: o.endpoint, forcePathStyle: true }),
        ...(o.region === undefined
          ? o.endpoint === undefined
            ? {}
            : { region: 'us-east-1' }
          : { region: o.region }),
        ...(o.credentials === undefined ? {} : { credentials: { ...o.credentials } }),
      }),
    })))
  return {
    where: `s3://${o.bucket}/${root}`,
    async get(key) {
      const { s3, sdk } = await connect()
      try {
        const out = await s3.send(new sdk.GetObjectCommand({ Bucket: o.bucket, Key: `${root}${key}` }))
        return await out.Body?.transformToString('utf8')
      } catch (e) {
        if (isMissing(e)) return undefined
        throw e
      }
    },
    async put(key, body) {
      const { s3, sdk } = await connect()
      await s3.send(
        new sdk.PutObjectCommand({
          Bucket: o.bucket,
          Key: `${root}${key}`,
          Body: body,
          ContentType: 'application/json',
        })
      )
    },
    async list(prefix) {
      const { s3, sdk } = await connect()
      const keys: string[] = []
      let token: string | undefined
      do {
        const page = await s3.send(
          new sdk.ListObjectsV2Command({
            Bucket: o.bucket,
            Prefix: `${root}${prefix}`,
            Delimiter: '/',
            ContinuationToken: token,
          })
        )
        for (const c of page.Contents ?? []) if (c.Key !== undefined) keys.push(c.Key.slice(root.length))
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined
      } while (token !== undefined)
      return keys
    },
  }
}

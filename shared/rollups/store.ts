/**
 * @module Where rollups live: a key-value store of whole JSON objects under the rollup root (`rollups/`
 * of the report bucket, or the directory ROLLUP_DIR). A write is atomic: a reader sees the previous
 * object or the new one, never half of one (S3 PutObject is; the directory writes a temporary file
 * and renames it over the old one). Keys are relative (`v1/days/2026-10-01.json`).
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'

export interface RollupStore {
  /** For logs and the progress line: `s3://bucket/rollups/` or the directory. */
  readonly where: string
  /** The object's text, or undefined when there is none. */
  get(key: string): Promise<string | undefined>
  /** Writes the whole object atomically. */
  put(key: string, body: string): Promise<void>
  /** The keys directly under `prefix` (which ends with `/`). */
  list(prefix: string): Promise<string[]>
}

const isNotFound = (e: unknown): boolean =>
  e instanceof Error && 'code' in e && (e.code === 'ENOENT' || e.code === 'ENOTDIR')

/** The directory store (local runs and tests): temporary file + rename for atomic writes. */
export const createDirRollupStore = (dir: string): RollupStore => ({
  where: dir,
  async get(key) {
    try {
      return await readFile(join(dir, key), 'utf8')
    } catch (e) {
      if (isNotFound(e)) return undefined
      throw e
    }
  },
  async put(key, body) {
    const path = join(dir, key)
    await mkdir(dirname(path), { recursive: true })
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    await writeFile(temp, body)
    await rename(temp, path)
  },
  async list(prefix) {
    try {
      const names = await readdir(join(dir, prefix))
      return names.filter((n) => n.endsWith('.json')).map((n) => `${prefix}${n}`)
    } catch (e) {
      if (isNotFound(e)) return []
      throw e
    }
  },
})

/**
 * @module The rollup store a configuration names: ROLLUP_DIR (local), else `rollups/` of
 * ROLLUP_BUCKET (default REPORT_BUCKET), else none (reports walk EM for the whole window).
 */
import type { RollupConfig } from '../config/env'
import { createS3RollupStore } from './s3-store'
import { createDirRollupStore, type RollupStore } from './store'

export const rollupStoreFrom = (c: RollupConfig): RollupStore | undefined =>
  c.dir !== undefined
    ? createDirRollupStore(c.dir)
    : c.bucket !== undefined
      ? createS3RollupStore({ bucket: c.bucket })
      : undefined

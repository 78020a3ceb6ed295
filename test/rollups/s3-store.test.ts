/**
 * The rollups through the S3 store, with the real AWS SDK against a real S3-protocol server (s3rver):
 * a rollup run writes days, blocks, hours and counts under `rollups/`, the listings the plan makes
 * (folders, and the hour folders of a day) find them, and a report served from them equals the
 * full EM walk, reading only the window's partial hours from EM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runRollup } from '../../shared/jobs/rollup'
import { countsKey, folderOf, parseCounts } from '../../shared/rollups/format'
import { DAYS, HOURS } from '../../shared/rollups/periods'
import { createS3RollupStore } from '../../shared/rollups/s3-store'
import type { RollupStore } from '../../shared/rollups/store'
import { buildJobSummary, buildVmProtection } from '../../shared/services/reports'
import { LOCAL_S3_CREDENTIALS, startLocalS3, type LocalS3 } from '../support/local-s3'
import { comparable, startRig, type Rig } from './support'

const NOW = new Date('2026-11-01T12:00:00.000Z')
const DAY = 86_400_000
const BUCKET = 'reports'

let s3: LocalS3
let rig: Rig
let store: RollupStore
beforeAll(async () => {
  s3 = await startLocalS3(BUCKET)
  rig = await startRig({ now: NOW, scale: 0.2, days: 12, seed: 5 })
  store = createS3RollupStore({ bucket: BUCKET, endpoint: s3.endpoint, credentials: LOCAL_S3_CREDENTIALS })
  const summary = await runRollup({
    reader: rig.reader,
    store,
    from: new Date(NOW.getTime() - 12 * DAY),
    to: NOW,
    now: NOW,
    settleHours: 48,
    mode: 'unsettled',
  })
  expect(summary.complete).toBe(true)
}, 120_000)
afterAll(async () => {
  await rig.close()
  await s3.close()
})

describe('rollups in S3', () => {
  it('Should list what the job wrote: days, a day’s hours, and read its counts', async () => {
    const days = await store.list(folderOf('jobs', DAYS))
    expect(days).toContain(`${folderOf('jobs', DAYS)}2026-10-25.json`)
    const hours = await store.list(`${folderOf('vms', HOURS)}2026-10-25/`)
    expect(hours).toHaveLength(24)
    expect(hours[0]).toBe(`${folderOf('vms', HOURS)}2026-10-25/00.json`)
    const counts = parseCounts((await store.get(countsKey('2026-10-25'))) ?? '')
    expect(counts?.kinds.backup.taskSessions).toHaveLength(24)
    expect(await store.get(countsKey('1999-01-01'))).toBeUndefined()
  })

  it('Should serve a report from them that equals the full EM walk, reading only partial hours from EM', async () => {
    const o = {
      from: new Date('2026-10-22T05:30:00Z'),
      to: new Date('2026-10-29T18:00:00Z'),
      now: NOW,
      rpoHours: 24,
    }
    const [jobsLive, jobsRolled, vmsLive, vmsRolled] = await Promise.all([
      buildJobSummary(rig.reader, o),
      buildJobSummary(rig.reader, { ...o, rollups: store }),
      buildVmProtection(rig.reader, o),
      buildVmProtection(rig.reader, { ...o, rollups: store }),
    ])
    expect(comparable(jobsRolled)).toStrictEqual(comparable(jobsLive))
    expect(comparable(vmsRolled)).toStrictEqual(comparable(vmsLive))
    expect(jobsRolled.basis.rollupDays).toBe(6)
    // 05:30–06:00 of the first day is all EM reads: everything else is a settled day or hour.
    const edge = await buildJobSummary(rig.reader, { ...o, to: new Date('2026-10-22T06:00:00Z') })
    expect(jobsRolled.basis.emSessionsRead).toBe(edge.sessionsScanned)
    expect(jobsRolled.basis.emSessionsRead).toBeLessThan(jobsLive.sessionsScanned / 20)
  })
})

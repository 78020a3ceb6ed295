/**
 * The integrator example `examples/poll-failed-sessions.ts`, run as an integrator would (its own
 * process, the generated client, a real HTTP server): one line per failed session, the cursor in a
 * file, and a second run that resumes from it, printing only what failed since.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_KEY, DATASET_NOW } from '../support/harness'
import { expectedEvents } from '../events/expected'
import { startServed, type Served } from './served'

const run = promisify(execFile)
let served: Served
let dir: string
beforeAll(async () => {
  served = await startServed({ env: { EVENTS_SETTLE_SECONDS: '0' } })
  dir = await mkdtemp(join(tmpdir(), 'events-example-'))
})
afterAll(async () => {
  await served.close()
  await rm(dir, { recursive: true, force: true })
})

describe('examples/poll-failed-sessions.ts', () => {
  const since = DATASET_NOW.getTime() - 12 * 3_600_000
  const example = async (): Promise<string[]> => {
    const { stdout } = await run('npx', ['tsx', 'examples/poll-failed-sessions.ts'], {
      env: {
        ...process.env,
        API_BASE: served.baseUrl,
        API_KEY,
        CURSOR_FILE: join(dir, 'cursor'),
        SINCE: new Date(since).toISOString(),
        ONCE: '1',
      },
      timeout: 60_000,
    })
    return stdout.split('\n').filter((l) => l !== '')
  }
  const failed = () =>
    expectedEvents(served.h.sim.dataset, { since, type: ['session.finished'], result: ['Failed'] })

  it('Should print each failed session once, store the cursor, and resume from it', async () => {
    const first = await example()
    const before = failed()
    expect(before.length).toBeGreaterThan(0)
    expect(first.length).toBe(before.length)
    for (const [i, l] of first.entries())
      expect(l.startsWith(`${before[i]?.occurredAt ?? ''}  FAILED  `)).toBe(true)
    expect((await readFile(join(dir, 'cursor'), 'utf8')).length).toBeGreaterThan(20)

    const running = served.h.sim.dataset.sessions('BackupJobSession').find((s) => s.endTime === null)
    served.h.sim.finishSessions({
      ids: [running?.id ?? ''],
      at: new Date(Date.now() - 1000),
      result: 'Failed',
    })
    const second = await example()
    expect(second.length).toBe(failed().length - before.length)
    expect(second.length).toBeGreaterThan(0)
    expect(second.some((l) => l.includes('backup-job-sessions'))).toBe(true)
  }, 120_000)
})

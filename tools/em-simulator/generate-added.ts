/**
 * @module `addSessions`: new running job sessions (and their task sessions) created "now", so
 * tests can page while EM keeps creating sessions.
 */
import type { DatasetStore } from './dataset-store'
import type { AddedSessions, SimJobSession, SimTaskSession } from './dataset-types'
import type { Prng } from './prng'
import { simulateRun } from './generate-runs'

/** Appends `count` running backup/replica job sessions created at `at`. */
export const createAddedSessions = (
  rng: Prng,
  dataset: DatasetStore,
  count: number,
  at: Date
): AddedSessions => {
  const jobs = dataset.jobs.filter((j) => j.kind !== 'cdp')
  const jobSessions: SimJobSession[] = []
  const taskSessions: SimTaskSession[] = []
  for (let i = 0; i < count; i++) {
    const job = rng.pick(jobs)
    // "now" = the creation time, so every task is still running (InProgress or Pending).
    const run = simulateRun(rng, { job, start: at, vms: job.vms, isRetry: false, forceRunning: true }, at)
    jobSessions.push(run.session)
    taskSessions.push(...run.tasks)
  }
  dataset.append(jobSessions, taskSessions)
  return { jobSessions, taskSessions }
}

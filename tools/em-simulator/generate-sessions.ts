/**
 * @module Generates ~32 days of sessions before `now` for every job: daily or every-N-hours
 * schedules, retries (IsRetry=true, failed VMs only) after failed runs, a few runs still in
 * progress, and one CDP policy session per policy per 24 hours (the latest one Working).
 */
import type { SimJob, SimJobSession, SimTaskSession } from './dataset-types'
import type { Prng } from './prng'
import { simulateRun } from './generate-runs'
import type { RunSpec } from './generate-runs'
import { nameTime } from './text'

/** Days of history generated (the 30-day collection window cuts the oldest off). */
export const HISTORY_DAYS = 32
const HOUR = 3_600_000
const DAY = 24 * HOUR

export interface GeneratedSessions {
  readonly jobSessions: SimJobSession[]
  readonly taskSessions: SimTaskSession[]
}

/** Start times of a job's scheduled runs in [now - HISTORY_DAYS, now]. */
const scheduleStarts = (rng: Prng, now: Date): number[] => {
  const from = now.getTime() - HISTORY_DAYS * DAY
  const periodH = rng.chance(0.75) ? 24 : rng.pick([4, 6, 8, 12])
  const dayStart = Math.floor(from / DAY) * DAY
  const first =
    dayStart +
    (periodH === 24 ? rng.int(18, 23) * HOUR : rng.int(0, periodH - 1) * HOUR) +
    rng.int(0, 59) * 60_000
  const starts: number[] = []
  for (let t = first; t <= now.getTime(); t += periodH * HOUR) {
    if (t < from) continue
    // Schedulers fire a few seconds late, with sub-second precision (sometimes exactly .000 or .060).
    const ms = rng.chance(0.1) ? 0 : rng.chance(0.1) ? 60 : rng.int(1, 999)
    starts.push(t + rng.int(0, 20) * 1000 + ms)
  }
  return starts
}

const runJob = (rng: Prng, job: SimJob, now: Date, out: GeneratedSessions, forceRunning: boolean) => {
  const starts = scheduleStarts(rng, now)
  if (forceRunning) starts.push(now.getTime() - rng.int(3, 40) * 60_000 - rng.int(0, 999))
  starts.forEach((start, i) => {
    let spec: RunSpec = {
      job,
      start: new Date(start),
      vms: job.vms,
      isRetry: false,
      forceRunning: forceRunning && i === starts.length - 1,
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const run = simulateRun(rng, spec, now)
      out.jobSessions.push(run.session)
      out.taskSessions.push(...run.tasks)
      const end = run.session.endTime
      if (run.failedVms.length === 0 || end === null || !rng.chance(0.75)) break
      const retryAt = end.getTime() + 10 * 60_000 + rng.int(0, 9_999)
      if (retryAt > now.getTime()) break
      spec = { job, start: new Date(retryAt), vms: run.failedVms, isRetry: true }
    }
  })
}

const runCdpPolicy = (rng: Prng, policy: SimJob, now: Date, out: GeneratedSessions) => {
  const from = now.getTime() - HISTORY_DAYS * DAY
  let start = from + rng.int(0, DAY - 1)
  while (start <= now.getTime()) {
    const next = start + DAY + rng.int(0, 5_000)
    const id = rng.guid()
    const name = `${policy.name}@${nameTime(new Date(start))}`
    const end = next - rng.int(1_000, 5_000)
    const running = end > now.getTime()
    const roll = rng.next()
    const result = running ? 'None' : roll < 0.87 ? 'Success' : roll < 0.97 ? 'Warning' : 'Failed'
    out.jobSessions.push({
      type: 'CdpReplicaSession',
      id,
      uid: `urn:veeam:CdpReplicaSession:${id}`,
      name,
      jobId: policy.id,
      jobName: policy.name,
      jobType: 'CdpReplica',
      serverId: policy.server.id,
      serverName: policy.server.name,
      creationTime: new Date(start),
      endTime: running ? null : new Date(end),
      state: running ? 'Working' : 'Stopped',
      result,
      progress: running ? 0 : 100,
      isRetry: false,
      failureMessage: result === 'Failed' ? 'Lost connection to the CDP proxy cdp-proxy01' : '',
      restorePointId: null,
    })
    for (const vm of policy.vms) {
      const taskStart = start + rng.int(2_000, 12_000)
      const taskResult = running
        ? 'Success'
        : result === 'None'
          ? 'Success'
          : rng.chance(0.5)
            ? result
            : 'Success'
      const reason =
        taskResult === 'Warning'
          ? 'RPO SLA breached: 3 of 5760 intervals exceeded 15 seconds'
          : taskResult === 'Failed'
            ? 'Error: Lost connection to the CDP proxy cdp-proxy01'
            : ''
      const taskId = rng.guid()
      out.taskSessions.push({
        type: 'CdpReplicaTaskSession',
        id: taskId,
        uid: `urn:veeam:CdpReplicaTaskSession:${taskId}`,
        name: `${vm.name}@${nameTime(new Date(taskStart))}`,
        jobSessionId: id,
        jobSessionName: name,
        jobId: policy.id,
        jobName: policy.name,
        serverId: policy.server.id,
        serverName: policy.server.name,
        vmName: vm.name,
        vmUid: null,
        totalSize: vm.sizeBytes,
        creationTime: new Date(taskStart),
        endTime: running ? null : new Date(end - rng.int(100, 900)),
        state: running ? 'InProgress' : 'Completed',
        result: taskResult,
        reason,
        restorePointId: null,
      })
    }
    start = next
  }
}

/** Generates every session of every job in `jobs`. */
export const generateSessions = (rng: Prng, jobs: readonly SimJob[], now: Date): GeneratedSessions => {
  const out: GeneratedSessions = { jobSessions: [], taskSessions: [] }
  jobs.forEach((job, i) => {
    if (job.kind === 'cdp') runCdpPolicy(rng, job, now, out)
    else runJob(rng, job, now, out, i % 13 === 5)
  })
  return out
}

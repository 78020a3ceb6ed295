/**
 * @module One run of a backup or replication job: a job session and its task sessions, with
 * realistic timing (parallel slots, size-driven durations, identical start times now and then),
 * outcomes (warnings, failures with real-looking reasons) and state relative to `now` (sessions
 * that started but have not finished are Working / InProgress / Pending, without an end time).
 */
import type { SimJob, SimJobSession, SimTaskSession, SimVm } from './dataset-types'
import { FAILURE_REASONS, WARNING_REASONS } from './names'
import type { Prng } from './prng'
import { nameTime } from './text'

const GIB = 1024 ** 3
const SLOTS = 4

export interface RunSpec {
  readonly job: SimJob
  readonly start: Date
  readonly vms: readonly SimVm[]
  readonly isRetry: boolean
  /** Make the tasks long enough to still run at `now`. */
  readonly forceRunning?: boolean
}

export interface Run {
  readonly session: SimJobSession
  readonly tasks: SimTaskSession[]
  readonly failedVms: SimVm[]
}

type Outcome = 'Success' | 'Warning' | 'Failed'
const RANK: Record<Outcome, number> = { Success: 0, Warning: 1, Failed: 2 }

const taskOutcomes = (rng: Prng, n: number): Outcome[] => {
  const mode = rng.next()
  if (mode < 0.85) return Array<Outcome>(n).fill('Success')
  const bad: Outcome = mode < 0.94 ? 'Warning' : 'Failed'
  const out = Array.from({ length: n }, (): Outcome => (rng.chance(0.35) ? bad : 'Success'))
  out[rng.int(0, n - 1)] = bad
  return out
}

/** Simulates one run of `spec.job` as seen at `now`. */
export const simulateRun = (rng: Prng, spec: RunSpec, now: Date): Run => {
  const { job, start } = spec
  const id = rng.guid()
  const sessionName = `${job.name}@${nameTime(start)}`
  const isBackup = job.kind === 'backup'
  const taskType: SimTaskSession['type'] = isBackup ? 'BackupTaskSession' : 'ReplicaTaskSession'
  const withVmUid = job.jobType === 'Backup' || job.jobType === 'BackupCopy'
  const outcomes = taskOutcomes(rng, spec.vms.length)
  const slotFree = Array<number>(SLOTS).fill(start.getTime() + rng.int(4_000, 40_000))
  const tasks: SimTaskSession[] = []
  const failedVms: SimVm[] = []
  let lastEnd = start.getTime()
  let lastStart = -1
  let worst = 'Success' as Outcome
  let completed = 0
  spec.vms.forEach((vm, i) => {
    const slot = i % SLOTS
    let taskStart = (slotFree[slot] ?? 0) + rng.int(500, 9_000)
    if (lastStart > 0 && rng.chance(0.05)) taskStart = lastStart // parallel tasks created in the same ms
    lastStart = taskStart
    const gib = vm.sizeBytes / GIB
    const durationMs =
      Math.round((20 + gib * (0.2 + rng.next() * 2.5)) * 1000) + (spec.forceRunning ? 7_200_000 : 0)
    const taskEnd = taskStart + durationMs
    slotFree[slot] = taskEnd
    const outcome = outcomes[i] ?? 'Success'
    const taskId = rng.guid()
    // One object literal per task (no spreads): keeps V8 on fast, monomorphic shapes.
    const task = (
      creationTime: Date,
      endTime: Date | null,
      state: string,
      result: string,
      reason: string
    ): SimTaskSession => ({
      type: taskType,
      id: taskId,
      uid: `urn:veeam:${taskType}:${taskId}`,
      name: `${vm.name}@${nameTime(creationTime)}`,
      jobSessionId: id,
      jobSessionName: sessionName,
      jobId: job.id,
      jobName: job.name,
      serverId: job.server.id,
      serverName: job.server.name,
      creationTime,
      endTime,
      state,
      result,
      reason,
      vmName: vm.name,
      vmUid: withVmUid ? vm.uid : null,
      totalSize: vm.sizeBytes,
      restorePointId: state === 'Completed' && result !== 'Failed' ? rng.guid() : null,
    })
    if (taskStart > now.getTime()) {
      tasks.push(
        task(new Date(Math.min(now.getTime(), start.getTime() + 2_000 + i)), null, 'Pending', 'None', '')
      )
      return
    }
    if (taskEnd > now.getTime()) {
      // EM reports Result=Success while a task is still in progress.
      tasks.push(task(new Date(taskStart), null, 'InProgress', 'Success', ''))
      return
    }
    completed++
    lastEnd = Math.max(lastEnd, taskEnd)
    if (RANK[outcome] > RANK[worst]) worst = outcome
    if (outcome === 'Failed') failedVms.push(vm)
    const reason =
      outcome === 'Warning'
        ? rng.pick(WARNING_REASONS)
        : outcome === 'Failed'
          ? rng.pick(FAILURE_REASONS)
          : ''
    tasks.push(task(new Date(taskStart), new Date(taskEnd), 'Completed', outcome, reason))
  })
  const sessionEnd = lastEnd + rng.int(3_000, 30_000)
  const running = completed < tasks.length || sessionEnd > now.getTime()
  let result: string = running ? 'None' : worst
  let failureMessage = ''
  if (!running && worst !== 'Success' && rng.chance(0.5)) {
    failureMessage = tasks.find((t) => t.result === worst)?.reason ?? ''
  }
  if (!running && rng.chance(0.003)) {
    result = 'Canceled' // a Result value newer than the documented enum: clients must pass it through
    failureMessage = 'Job has been stopped by user'
  }
  const session: SimJobSession = {
    type: isBackup ? 'BackupJobSession' : 'ReplicaJobSession',
    id,
    uid: `urn:veeam:${isBackup ? 'BackupJobSession' : 'ReplicaJobSession'}:${id}`,
    name: sessionName,
    jobId: job.id,
    jobName: job.name,
    jobType: job.jobType,
    serverId: job.server.id,
    serverName: job.server.name,
    creationTime: start,
    endTime: running ? null : new Date(sessionEnd),
    state: running ? 'Working' : 'Stopped',
    result,
    progress: running ? Math.floor((completed / Math.max(1, tasks.length)) * 100) : 100,
    isRetry: spec.isRetry,
    failureMessage,
    restorePointId: !running && isBackup && worst !== 'Failed' ? rng.guid() : null,
  }
  return { session, tasks, failedVms }
}

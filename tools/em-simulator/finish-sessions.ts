/**
 * @module `finishSessions`: running sessions finish, as EM records it when a job run ends. A task
 * session becomes Completed with a result and an end time; a job session becomes Stopped with the
 * worst result of its tasks (its running tasks finish with it, at the same instant). Tests use it to
 * make EM "keep finishing sessions" while a client polls the events feed.
 */
import type { DatasetStore } from './dataset-store'
import type { SimJobSession, SimSession, SimTaskSession } from './dataset-types'

export type FinishResult = 'Success' | 'Warning' | 'Failed'

export interface FinishOptions {
  /** Sessions to finish (lower-case GUIDs; job or task sessions); default: every running session. */
  readonly ids?: readonly string[]
  /** The end time (default: now); never before a session's creation time. */
  readonly at?: Date
  /** Default: Success for tasks; a job session gets the worst result of its tasks. */
  readonly result?: FinishResult
}

const RANK: Record<string, number> = { Success: 0, Warning: 1, Failed: 2 }
const REASON: Record<FinishResult, string> = {
  Success: '',
  Warning: 'Processing finished with warnings',
  Failed: 'Error: Failed to process the VM',
}

const endOf = (s: SimSession, at: Date): Date =>
  at.getTime() < s.creationTime.getTime() ? new Date(s.creationTime.getTime()) : at

const finishTask = (t: SimTaskSession, at: Date, result: FinishResult): SimTaskSession => ({
  ...t,
  endTime: endOf(t, at),
  state: 'Completed',
  result,
  reason: REASON[result],
})

/** Finishes running sessions in `dataset`; returns the sessions as they now are. */
export const finishSessions = (dataset: DatasetStore, opts: FinishOptions = {}): SimSession[] => {
  const at = opts.at ?? new Date()
  const wanted = opts.ids === undefined ? null : new Set(opts.ids.map((id) => id.toLowerCase()))
  const running = (s: SimSession): boolean => s.endTime === null && (wanted === null || wanted.has(s.id))
  const changed = new Map<string, SimSession>()
  const types = ['BackupJobSession', 'ReplicaJobSession', 'CdpReplicaSession'] as const
  const taskTypes = ['BackupTaskSession', 'ReplicaTaskSession', 'CdpReplicaTaskSession'] as const
  for (const type of taskTypes)
    for (const t of dataset.sessions(type))
      if (running(t)) changed.set(t.id, finishTask(t, at, opts.result ?? 'Success'))
  for (const type of types)
    for (const j of dataset.sessions(type)) {
      if (!running(j)) continue
      const tasks = dataset.tasksOf(j.id).map((t) => {
        const done = t.endTime === null ? finishTask(t, at, opts.result ?? 'Success') : t
        if (t.endTime === null) changed.set(t.id, done)
        return done
      })
      const worst = tasks.reduce<string>(
        (w, t) => ((RANK[t.result] ?? 0) > (RANK[w] ?? 0) ? t.result : w),
        opts.result ?? 'Success'
      )
      const job: SimJobSession = {
        ...j,
        endTime: endOf(j, at),
        state: 'Stopped',
        result: worst,
        progress: 100,
        failureMessage: worst === 'Success' ? '' : (tasks.find((t) => t.result === worst)?.reason ?? ''),
      }
      changed.set(j.id, job)
    }
  const out = [...changed.values()]
  dataset.replace(out)
  return out
}

/**
 * @module Builders of synthetic normalized items for the report tests (every key set, like the mappers).
 */
import type { CdpReplicaSession, JobSession } from '../../shared/model/job-session'
import type { CdpReplicaTaskSession, TaskSession } from '../../shared/model/task-session'
import type { Timed } from '../../shared/model/timed'

export const SERVER_A = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'vbr-a.tech.local' }
export const SERVER_B = { id: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'vbr-b.tech.local' }

let counter = 0
/** A fresh GUID-shaped id (deterministic per test file run order). */
export const guid = (): string => {
  counter += 1
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`
}

/** ISO time `h` hours after a base. */
export const at = (base: string, hours: number): string =>
  new Date(Date.parse(base) + hours * 3_600_000).toISOString()

interface Timing {
  creationTime: string
  /** null = running */
  endTime: string | null
}
const duration = (t: Timing) =>
  t.endTime === null ? null : (Date.parse(t.endTime) - Date.parse(t.creationTime)) / 1000

export const jobSession = (
  o: Timing & { jobId: string; jobName: string; result: string | null; server?: typeof SERVER_A | null }
): JobSession => {
  const id = guid()
  return {
    id,
    uid: `urn:veeam:BackupJobSession:${id}`,
    name: `${o.jobName}@${o.creationTime}`,
    jobId: o.jobId,
    jobName: o.jobName,
    jobType: 'Backup',
    backupServer: o.server === undefined ? SERVER_A : o.server,
    state: o.endTime === null ? 'Working' : 'Stopped',
    result: o.result,
    creationTime: o.creationTime,
    endTime: o.endTime,
    durationSeconds: duration(o),
    progressPercent: o.endTime === null ? 50 : 100,
    isRetry: false,
    failureMessage: null,
  }
}

export const cdpSession = (
  o: Timing & { policyId: string; policyName: string; result: string | null; id?: string }
): CdpReplicaSession => {
  const id = o.id ?? guid()
  return {
    id,
    uid: `urn:veeam:CdpReplicaSession:${id}`,
    name: `${o.policyName}@${o.creationTime}`,
    policyId: o.policyId,
    policyName: o.policyName,
    backupServer: SERVER_A,
    state: o.endTime === null ? 'Working' : 'Stopped',
    result: o.result,
    creationTime: o.creationTime,
    endTime: o.endTime,
    durationSeconds: duration(o),
    progressPercent: null,
    isRetry: false,
    failureMessage: null,
  }
}

export const taskSession = (
  o: Timing & {
    vmName: string
    jobName: string
    result: string | null
    reason?: string | null
    bytes?: number | null
    server?: typeof SERVER_A | null
  }
): TaskSession => {
  const id = guid()
  return {
    id,
    uid: `urn:veeam:BackupTaskSession:${id}`,
    name: `${o.vmName}@${o.creationTime}`,
    vmName: o.vmName,
    vmUid: null,
    jobSessionId: guid(),
    jobSessionName: `${o.jobName}@${o.creationTime}`,
    jobName: o.jobName,
    backupServer: o.server === undefined ? SERVER_A : o.server,
    state: o.endTime === null ? 'InProgress' : 'Completed',
    result: o.result,
    reason: o.reason ?? null,
    creationTime: o.creationTime,
    endTime: o.endTime,
    durationSeconds: duration(o),
    totalSizeBytes: o.bytes === undefined ? 1000 : o.bytes,
  }
}

export const cdpTaskSession = (
  o: Timing & {
    vmName: string
    policySessionId: string
    result: string | null
    reason?: string | null
    bytes?: number
  }
): CdpReplicaTaskSession => {
  const id = guid()
  return {
    id,
    uid: `urn:veeam:CdpReplicaTaskSession:${id}`,
    name: `${o.vmName}@${o.creationTime}`,
    vmName: o.vmName,
    policySessionId: o.policySessionId,
    policySessionName: null,
    backupServer: SERVER_A,
    state: o.endTime === null ? 'InProgress' : 'Completed',
    result: o.result,
    reason: o.reason ?? null,
    creationTime: o.creationTime,
    endTime: o.endTime,
    durationSeconds: duration(o),
    totalSizeBytes: o.bytes ?? 500,
  }
}

/** Deterministic Fisher–Yates shuffle (seeded LCG) so failures reproduce. */
export const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const out = [...items]
  let s = seed >>> 0
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    const j = s % (i + 1)
    const tmp = out[i] as T
    out[i] = out[j] as T
    out[j] = tmp
  }
  return out
}

/** Splits into pages of `size`. */
export const pages = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

/** An item with its instants as epoch ms, as the mappers hand it to the aggregators. */
export const timed = <I extends { readonly creationTime: string; readonly endTime: string | null }>(
  item: I
): Timed<I> => ({
  item,
  createdMs: Date.parse(item.creationTime),
  endedMs: item.endTime === null ? null : Date.parse(item.endTime),
})

/** `timed` over a list. */
export const timedAll = <I extends { readonly creationTime: string; readonly endTime: string | null }>(
  items: readonly I[]
): Timed<I>[] => items.map(timed)

/**
 * The filter declarations and the families' bindings, in isolation: what EM is asked, and what the
 * re-check compares (exactly what `families.ts` says is re-checked, and nothing silently skipped).
 */
import { describe, expect, it } from 'vitest'
import { emConditions, recheck } from '../../shared/families/apply'
import { FAMILIES, FAMILY_LIST } from '../../shared/families/families'
import { filtersOf } from '../../shared/families/family'
import { FILTER_DECLS, FILTER_PARAMS, type ListFilters } from '../../shared/families/filter-ops'
import { FILTERS } from '../../shared/families/filters'
import type { JobSession } from '../../shared/model/job-session'
import type { TaskSession } from '../../shared/model/task-session'
import type { Timed } from '../../shared/model/timed'

const SERVER = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'vbr01' }
const job: Timed<JobSession> = {
  item: {
    id: '11111111-0000-4000-8000-000000000001',
    uid: 'urn:veeam:BackupJobSession:11111111-0000-4000-8000-000000000001',
    name: 'Nightly@2026-11-01 10:00:00',
    jobId: '22222222-0000-4000-8000-000000000002',
    jobName: 'Nightly',
    jobType: 'Backup',
    backupServer: SERVER,
    state: 'Stopped',
    result: 'Failed',
    creationTime: '2026-11-01T10:00:00.500Z',
    endTime: '2026-11-01T10:30:00.000Z',
    durationSeconds: 1799.5,
    progressPercent: 100,
    isRetry: false,
    failureMessage: 'x',
  },
  createdMs: Date.parse('2026-11-01T10:00:00.500Z'),
  endedMs: Date.parse('2026-11-01T10:30:00.000Z'),
}
const running: Timed<JobSession> = {
  ...job,
  item: { ...job.item, endTime: null, durationSeconds: null },
  endedMs: null,
}

const jobs = FAMILIES['backup-job-sessions']
const accepts = (filters: ListFilters, entry = job) => recheck(jobs, filters)(entry)

describe('bindings', () => {
  it.each(FAMILY_LIST.map((f) => [f.key, f] as const))(
    '%s: every filter reaches EM, the re-check, or both',
    (_k, f) => {
      for (const p of filtersOf(f)) {
        const b = f.filters[p]
        expect(b?.field !== null || b.read !== undefined, p).toBe(true)
      }
    }
  )

  it('Should leave exactly jobId of backup/replica task sessions to EM alone', () => {
    const emOnly = FAMILY_LIST.flatMap((f) =>
      filtersOf(f)
        .filter((p) => f.filters[p]?.read === undefined)
        .map((p) => `${f.key}.${p}`)
    )
    expect(emOnly.sort()).toEqual(['backup-task-sessions.jobId', 'replica-task-sessions.jobId'])
    const apiOnly = FAMILY_LIST.flatMap((f) =>
      filtersOf(f)
        .filter((p) => f.filters[p]?.field === null)
        .map((p) => `${f.key}.${p}`)
    )
    expect(apiOnly).toEqual(['cdp-replica-task-sessions.result'])
  })
})

describe('re-check', () => {
  it.each([
    [{ jobId: '22222222-0000-4000-8000-000000000002' }, true],
    [{ jobId: '22222222-0000-4000-8000-000000000002'.toUpperCase() }, true],
    [{ jobId: '33333333-0000-4000-8000-000000000003' }, false],
    [{ jobName: 'Nightly' }, true],
    [{ jobName: 'nightly' }, false],
    [{ jobType: 'BackupCopy' }, false],
    [{ backupServerId: SERVER.id }, true],
    [{ backupServerName: 'vbr02' }, false],
    [{ result: ['Success', 'Failed'] }, true],
    [{ result: ['Success'] }, false],
    [{ state: ['Working'] }, false],
    [{ createdAfter: '2026-11-01T10:00:00.500Z' }, true],
    [{ createdAfter: '2026-11-01T10:00:00.501Z' }, false],
    [{ createdBefore: '2026-11-01T10:00:00.500Z' }, false],
    [{ createdBefore: '2026-11-01T12:00:00.501+02:00' }, true],
    [{ endedBefore: '2026-11-01T10:30:00.001Z' }, true],
    [{ endedAfter: '2026-11-01T10:30:00.001Z' }, false],
  ] satisfies [ListFilters, boolean][])('%j → %s', (filters, want) => {
    expect(accepts(filters)).toBe(want)
  })

  it('Should never match a running session on an end-time filter', () => {
    expect(accepts({ endedAfter: '2000-01-01T00:00:00Z' }, running)).toBe(false)
    expect(accepts({ endedBefore: '2100-01-01T00:00:00Z' }, running)).toBe(false)
    expect(accepts({}, running)).toBe(true)
  })

  it('Should check a task by its parent session and the job name in that session’s name', () => {
    const tasks = FAMILIES['backup-task-sessions']
    const task: Timed<TaskSession> = {
      item: {
        id: '44444444-0000-4000-8000-000000000004',
        uid: 'urn:veeam:BackupTaskSession:44444444-0000-4000-8000-000000000004',
        name: 'vm@x',
        vmName: 'vm',
        vmUid: null,
        jobSessionId: job.item.id,
        jobSessionName: 'Nightly@2026',
        jobName: 'Nightly',
        backupServer: SERVER,
        state: 'Completed',
        result: 'Success',
        reason: null,
        creationTime: job.item.creationTime,
        endTime: null,
        durationSeconds: null,
        totalSizeBytes: 1,
      },
      createdMs: job.createdMs,
      endedMs: null,
    }
    expect(recheck(tasks, { jobSessionId: job.item.id })(task)).toBe(true)
    expect(recheck(tasks, { jobSessionId: '55555555-0000-4000-8000-000000000005' })(task)).toBe(false)
    expect(recheck(tasks, { vmName: 'VM' })(task)).toBe(false)
    expect(recheck(tasks, { jobName: 'Nightly' })(task)).toBe(true)
    expect(recheck(tasks, { jobName: 'nightly' })(task)).toBe(false)
    // EM alone applies the job id on task sessions: the item carries none to compare.
    expect(recheck(tasks, { jobId: '55555555-0000-4000-8000-000000000005' })(task)).toBe(true)
  })
})

describe('EM conditions', () => {
  it('Should give EM typed conditions: GUIDs as lower-case URNs, times widened to whole seconds, one-of as OR', () => {
    expect(
      emConditions(jobs, {
        jobId: 'ABCDEF00-0000-4000-8000-000000000000',
        createdAfter: '2026-11-01T10:00:00.500Z',
        createdBefore: '2026-11-01T11:00:00.200+01:00',
        result: ['Failed', 'Warning'],
        state: ['Stopped'],
      })
    ).toEqual([
      { field: 'CreationTime', op: '>=', value: new Date('2026-11-01T10:00:00.000Z') },
      { field: 'CreationTime', op: '<', value: new Date('2026-11-01T10:00:01.000Z') },
      { field: 'State', op: '==', value: 'Stopped' },
      {
        or: [
          { field: 'Result', op: '==', value: 'Failed' },
          { field: 'Result', op: '==', value: 'Warning' },
        ],
      },
      { field: 'JobUid', op: '==', value: 'urn:veeam:Job:abcdef00-0000-4000-8000-000000000000' },
    ])
  })

  it('Should not send CDP task results to EM (no such field there) but still re-check them', () => {
    const cdpTasks = FAMILIES['cdp-replica-task-sessions']
    expect(emConditions(cdpTasks, { result: ['Failed'] })).toEqual([])
  })

  it('Should give each parameter schema the operations of its declaration', () => {
    expect(Object.keys(FILTERS)).toEqual(FILTER_PARAMS)
    for (const p of FILTER_PARAMS) {
      const schema = FILTERS[p]
      const decl = FILTER_DECLS[p]
      expect([schema.kind, schema.condition, schema.accepts, schema.rule]).toEqual([
        decl.kind,
        decl.condition,
        decl.accepts,
        decl.rule,
      ])
    }
  })

  it('Should declare every filter with its kind', () => {
    expect(Object.fromEntries(Object.entries(FILTERS).map(([name, f]) => [name, f.kind]))).toEqual({
      createdAfter: 'time',
      createdBefore: 'time',
      endedAfter: 'time',
      endedBefore: 'time',
      state: 'enum',
      backupServerId: 'guid',
      backupServerName: 'string',
      result: 'enum',
      jobId: 'guid',
      jobName: 'string',
      jobType: 'string',
      vmName: 'string',
      jobSessionId: 'guid',
      policyId: 'guid',
      policyName: 'string',
      policySessionId: 'guid',
    })
  })
})

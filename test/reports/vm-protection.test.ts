import { describe, expect, it } from 'vitest'
import { VmProtectionRowSchema, type ReportKind } from '../../shared/model/report'
import type { TaskSession } from '../../shared/model/task-session'
import { createVmProtectionAggregator } from '../../shared/reports/vm-protection'
import { at, cdpTaskSession, guid, pages, SERVER_B, shuffled, taskSession, timed } from './items'
import { refVmRow } from './reference'

const FROM = '2024-03-01T00:00:00.000Z'
const TO = '2024-03-02T00:00:00.000Z'
const RPO = 6
const beforeTo = (hours: number) => at(TO, -hours)
const task = (
  vmName: string,
  created: number,
  ended: number | null,
  result: string | null,
  reason?: string
) =>
  taskSession({
    vmName,
    jobName: 'Job',
    creationTime: beforeTo(created),
    endTime: ended === null ? null : beforeTo(ended),
    result,
    reason: reason ?? null,
  })

/** Tasks per VM, as the test groups them (kind of each task alongside). */
const byVm: Record<string, { kind: ReportKind; t: TaskSession }[]> = {
  edge: [{ kind: 'backup', t: task('edge', 7, 6, 'Success') }],
  justover: [
    {
      kind: 'backup',
      t: taskSession({
        vmName: 'justover',
        jobName: 'Job',
        creationTime: beforeTo(7),
        endTime: at(beforeTo(6), -1 / 3_600_000),
        result: 'Success',
      }),
    },
  ],
  failedafter: [
    { kind: 'backup', t: task('failedafter', 3, 2, 'Success') },
    { kind: 'backup', t: task('failedafter', 1.5, 1, 'Failed', 'Network lost') },
  ],
  retryok: [
    { kind: 'backup', t: task('retryok', 3.5, 3, 'Failed', 'Snapshot failed') },
    { kind: 'backup', t: task('retryok', 2.5, 2, 'Success') },
  ],
  onlyfail: [
    { kind: 'backup', t: task('onlyfail', 20, 19, 'Failed', 'R1') },
    { kind: 'backup', t: task('onlyfail', 16, 15, 'Failed', 'R2') },
    { kind: 'backup', t: task('onlyfail', 12, 11, 'Failed', 'R1') },
    { kind: 'replica', t: task('onlyfail', 8, 7, 'Failed', 'R3') },
    { kind: 'backup', t: task('onlyfail', 4, 3, 'Failed', 'R4') },
    { kind: 'backup', t: task('onlyfail', 3.5, 2.5, 'Failed') },
  ],
  running: [{ kind: 'backup', t: task('running', 1, null, 'None') }],
  warningonly: [{ kind: 'replica', t: task('warningonly', 10, 9, 'Warning', 'Low space') }],
  multi: [
    { kind: 'replica', t: task('multi', 5, 4, 'Success') },
    { kind: 'backup', t: task('multi', 6, 5.5, 'Success') },
  ],
}
const onB = taskSession({
  vmName: 'edge',
  jobName: 'Job',
  creationTime: beforeTo(2),
  endTime: beforeTo(1),
  result: 'Failed',
  server: SERVER_B,
})
/** Before `from`: a success that must not protect 'onlyfail', and a VM seen only outside the window. */
const outside = [
  taskSession({
    vmName: 'onlyfail',
    jobName: 'Job',
    creationTime: at(FROM, -2),
    endTime: at(FROM, -1),
    result: 'Success',
  }),
  taskSession({
    vmName: 'ghost',
    jobName: 'Job',
    creationTime: at(FROM, -2),
    endTime: at(FROM, -1),
    result: 'Success',
  }),
]
const cdpRunning = cdpTaskSession({
  vmName: 'cdpvm',
  policySessionId: guid(),
  creationTime: beforeTo(5),
  endTime: null,
  result: 'Success',
})

const all: { kind: ReportKind; t: TaskSession | typeof cdpRunning }[] = [
  ...Object.values(byVm).flat(),
  { kind: 'backup', t: onB },
  ...outside.map((t) => ({ kind: 'backup' as const, t })),
  { kind: 'cdp', t: cdpRunning },
]

const run = (order: typeof all, pageSize: number) => {
  const agg = createVmProtectionAggregator({
    from: new Date(FROM),
    to: new Date(TO),
    rpoHours: RPO,
    now: new Date(at(TO, 5)),
  })
  for (const page of pages(order, pageSize))
    for (const { kind, t } of page) agg.addTaskSessions(kind, [timed(t)])
  return agg.rows()
}

describe('vm-protection aggregator', () => {
  const rows = run(all, 1)
  const row = (name: string, server = 'vbr-a.tech.local') =>
    rows.find((r) => r.vmName === name && r.backupServer?.name === server)

  it.each(Object.keys(byVm))('Should match the independently computed row for %s', (name) => {
    const tasks = byVm[name] ?? []
    const kinds = [...new Set(tasks.map((x) => x.kind))]
    expect(row(name)).toStrictEqual(
      refVmRow(
        name,
        kinds,
        tasks.map((x) => x.t),
        TO,
        RPO
      )
    )
  })

  it.each([
    ['edge', 'protected', 6],
    ['justover', 'at-risk', 6],
    ['failedafter', 'at-risk', 2],
    ['retryok', 'protected', 2],
    ['onlyfail', 'unprotected', null],
    ['running', 'unprotected', null],
    ['warningonly', 'at-risk', 9],
    ['multi', 'protected', 4],
  ] as const)('Should rate %s as %s', (name, status, hours) => {
    expect(row(name)?.status).toBe(status)
    expect(row(name)?.hoursSinceLastSuccess).toBe(hours)
  })

  it('Should keep the three newest distinct failure reasons and count every failure', () => {
    expect(row('onlyfail')).toMatchObject({
      failedTasks: 6,
      recentFailureReasons: ['R4', 'R3', 'R1'],
      kinds: ['backup', 'replica'],
    })
  })

  it('Should treat a CDP task running with Success as protected at the window end', () => {
    expect(row('cdpvm')).toMatchObject({
      status: 'protected',
      lastSuccessTime: TO,
      hoursSinceLastSuccess: 0,
      lastResult: null,
      kinds: ['cdp'],
    })
  })

  it('Should list the same VM name on another backup server separately, and no VM without a task in the window', () => {
    expect(row('edge', 'vbr-b.tech.local')?.status).toBe('unprotected')
    expect(rows.find((r) => r.vmName === 'ghost')).toBeUndefined()
  })

  it('Should sort unprotected, at-risk, protected, then by name', () => {
    expect(rows.map((r) => `${r.status}:${r.vmName}`)).toStrictEqual([
      'unprotected:edge',
      'unprotected:onlyfail',
      'unprotected:running',
      'at-risk:failedafter',
      'at-risk:justover',
      'at-risk:warningonly',
      'protected:cdpvm',
      'protected:edge',
      'protected:multi',
      'protected:retryok',
    ])
    for (const r of rows) VmProtectionRowSchema.parse(r)
  })

  it.each([11, 12, 13, 14, 15, 16])(
    'Should give the same rows when pages arrive out of order (seed %i)',
    (seed) => {
      expect(run(shuffled(all, seed), 2)).toStrictEqual(rows)
    }
  )
})

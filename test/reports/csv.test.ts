import { describe, expect, it } from 'vitest'
import type { JobSummaryReport, VmProtectionReport } from '../../shared/model/report'
import {
  JOB_SUMMARY_COLUMNS,
  jobSummaryCsv,
  VM_PROTECTION_COLUMNS,
  vmProtectionCsv,
} from '../../shared/reports/csv'
import { createJobSummaryAggregator } from '../../shared/reports/job-summary'
import { createVmProtectionAggregator } from '../../shared/reports/vm-protection'
import { timedAll } from './items'
import * as s from './scenario'

/** A tiny RFC 4180 parser: quoted fields may hold `,`, CR, LF and doubled quotes; records end with CRLF. */
const parseCsv = (text: string): string[][] => {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? ''
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') {
        field += '"'
        i += 1
      } else quoted = false
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`)
      quoted = true
    } else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += 1
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare line break outside quotes at ${i}`)
    } else field += c
  }
  if (quoted || field !== '' || record.length > 0) throw new Error('last record not terminated by CRLF')
  return records
}

const window = { from: new Date(s.FROM), to: new Date(s.TO) }
const envelope = { window: { from: s.FROM, to: s.TO }, generatedAt: s.TO, sessionsScanned: 0, complete: true }

const jobs = createJobSummaryAggregator(window)
jobs.addJobSessions('backup', timedAll(s.allBackupJobs))
jobs.addJobSessions('replica', timedAll(s.allReplicaJobs))
jobs.addCdpSessions(timedAll(s.cdpSessions))
jobs.addTaskSessions('backup', timedAll(s.backupTasks))
const jobReport: JobSummaryReport = { ...envelope, rows: jobs.rows() }

const vms = createVmProtectionAggregator({ ...window, rpoHours: 24, now: window.to })
vms.addTaskSessions('backup', timedAll(s.backupTasks))
vms.addTaskSessions('replica', timedAll(s.replicaTasks))
vms.addTaskSessions('cdp', timedAll(s.cdpTasks))
const vmReport: VmProtectionReport = { ...envelope, rows: vms.rows() }

describe('CSV', () => {
  it('Should test its own parser on the RFC 4180 cases', () => {
    expect(parseCsv('a,"b,c","d""e","f\r\ng",\r\n')).toStrictEqual([['a', 'b,c', 'd"e', 'f\r\ng', '']])
  })

  it('Should head the job summary with the row keys flattened with dots', () => {
    const [header] = parseCsv(jobSummaryCsv(jobReport))
    expect(header).toStrictEqual([
      'kind',
      'jobId',
      'jobName',
      'backupServer.id',
      'backupServer.name',
      'sessions.total',
      'sessions.success',
      'sessions.warning',
      'sessions.failed',
      'sessions.running',
      'successRate',
      'lastResult',
      'lastRunTime',
      'lastSuccessTime',
      'avgDurationSeconds',
      'maxDurationSeconds',
      'transferredBytes',
    ])
    expect(VM_PROTECTION_COLUMNS).toContain('recentFailureReasons')
  })

  it('Should parse back to the same values, names with quotes, commas and newlines included', () => {
    const [header, ...lines] = parseCsv(jobSummaryCsv(jobReport))
    expect(header).toStrictEqual([...JOB_SUMMARY_COLUMNS])
    expect(lines).toHaveLength(jobReport.rows.length)
    jobReport.rows.forEach((row, i) => {
      const line = lines[i] ?? []
      const get = (col: string) => line[JOB_SUMMARY_COLUMNS.indexOf(col)]
      expect(get('jobName')).toBe(row.jobName)
      expect(Number(get('sessions.total'))).toBe(row.sessions.total)
      expect(Number(get('sessions.failed'))).toBe(row.sessions.failed)
      expect(get('successRate') === '' ? null : Number(get('successRate'))).toBe(row.successRate)
      expect(Number(get('transferredBytes'))).toBe(row.transferredBytes)
      expect(get('backupServer.name')).toBe(row.backupServer?.name)
      expect(get('lastSuccessTime') === '' ? null : get('lastSuccessTime')).toBe(row.lastSuccessTime)
    })
    expect(jobReport.rows.some((r) => r.jobName === s.WEIRD)).toBe(true)
  })

  it('Should join arrays with ";" and keep reasons with quotes, commas and newlines intact', () => {
    const [, ...lines] = parseCsv(vmProtectionCsv(vmReport))
    const col = (name: string) => VM_PROTECTION_COLUMNS.indexOf(name)
    const byVm = new Map(lines.map((l) => [l[col('vmName')], l]))
    expect(byVm.get('fs01')?.[col('recentFailureReasons')]).toBe('Disk, "C:" full')
    expect(byVm.get('app01')?.[col('recentFailureReasons')]).toBe('Timeout\nretrying')
    expect(byVm.get('weird, "vm"')?.[col('failedTasks')]).toBe('1')
    expect(byVm.get('sql01')?.[col('kinds')]).toBe('cdp')
    vmReport.rows.forEach((row) => {
      const line = byVm.get(row.vmName) ?? []
      expect(line[col('status')]).toBe(row.status)
      expect(
        line[col('hoursSinceLastSuccess')] === '' ? null : Number(line[col('hoursSinceLastSuccess')])
      ).toBe(row.hoursSinceLastSuccess)
      expect(line[col('kinds')]).toBe(row.kinds.join(';'))
    })
  })

  it('Should keep names that look like spreadsheet formulas from running as formulas', () => {
    const row = jobReport.rows[0]
    if (!row) throw new Error('no rows')
    const names = ['=HYPERLINK("http://x","y")', '+1', '-cmd', '@SUM(A1)']
    const lines = names.map(
      (jobName) => parseCsv(jobSummaryCsv({ ...jobReport, rows: [{ ...row, jobName }] }))[1] ?? []
    )
    lines.forEach((line, i) =>
      expect(line[JOB_SUMMARY_COLUMNS.indexOf('jobName')]).toBe(`'${names[i] ?? ''}`)
    )
    expect(Number(lines[0]?.[JOB_SUMMARY_COLUMNS.indexOf('sessions.total')])).toBe(row.sessions.total)
  })

  it.each([
    [' =1+1'],
    ['  +SUM(A1)'],
    ['\t=cmd'],
    ['\n-2+3'],
    ['\r@SUM(A1)'],
    ['\u00a0=HYPERLINK("http://x","y")'],
    ['\tplain'],
    ['\nplain'],
  ])('Should guard a cell that starts with whitespace before a formula: %j', (vmName) => {
    const vm = vmReport.rows[0]
    if (!vm) throw new Error('no rows')
    const line = parseCsv(vmProtectionCsv({ ...vmReport, rows: [{ ...vm, vmName }] }))[1] ?? []
    expect(line[VM_PROTECTION_COLUMNS.indexOf('vmName')]).toBe(`'${vmName}`)
  })

  it.each([['a =1'], ['plain name'], ['x-1'], ['  spaced but harmless']])(
    'Should leave a cell that is not a formula alone: %j',
    (vmName) => {
      const vm = vmReport.rows[0]
      if (!vm) throw new Error('no rows')
      const line = parseCsv(vmProtectionCsv({ ...vmReport, rows: [{ ...vm, vmName }] }))[1] ?? []
      expect(line[VM_PROTECTION_COLUMNS.indexOf('vmName')]).toBe(vmName)
    }
  )

  it('Should write only a header for an empty report', () => {
    expect(vmProtectionCsv({ ...envelope, rows: [] })).toBe(`${VM_PROTECTION_COLUMNS.join(',')}\r\n`)
  })
})

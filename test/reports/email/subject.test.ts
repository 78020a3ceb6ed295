import { describe, expect, it } from 'vitest'
import { reportFacts } from '../../../shared/reports/email/facts'
import { rowBudget } from '../../../shared/reports/email/rows'
import { reportEmailSubject } from '../../../shared/reports/email/subject'
import { bundleOf, cleanBundle, DAY, hostileBundle, jobRow, largeBundle, vmRow } from './fixture'

describe('report e-mail subject (contract wording)', () => {
  it.each([
    [cleanBundle(), 'Backup report 2024-03-01: all jobs succeeded, all VMs protected'],
    [bundleOf([], []), 'Backup report 2024-03-01: all jobs succeeded, all VMs protected'],
    [
      bundleOf([jobRow({ jobName: 'a', failed: 1 })], []),
      'Backup report 2024-03-01: 1 failed jobs, 0 VMs at risk',
    ],
    [
      bundleOf([], [vmRow({ vmName: 'v', status: 'unprotected' })]),
      'Backup report 2024-03-01: 0 failed jobs, 1 VMs at risk',
    ],
    [hostileBundle(), 'Backup report 2024-03-01: 2 failed jobs, 2 VMs at risk'],
    [largeBundle(), 'Backup report 2024-03-01: 150 failed jobs, 80 VMs at risk'],
  ])('Should read %#', (bundle, want) => {
    expect(reportEmailSubject(reportFacts(bundle, DAY, 24))).toBe(want)
  })

  it('Should count issues the way REPORT_EMAIL_ONLY_ON_ISSUES waits for them', () => {
    expect(reportFacts(cleanBundle(), DAY, 24).hasIssues).toBe(false)
    expect(reportFacts(hostileBundle(), DAY, 24).hasIssues).toBe(true)
    // A job that failed once and then succeeded still failed that day.
    const retried = bundleOf([jobRow({ jobName: 'r', failed: 1, lastResult: 'Success' })], [])
    expect(reportFacts(retried, DAY, 24).hasIssues).toBe(true)
  })
})

describe('mail row budget (at most 100 rows, failed jobs first)', () => {
  it.each([
    [0, 0, { jobs: 0, vms: 0 }],
    [10, 20, { jobs: 10, vms: 20 }],
    [150, 80, { jobs: 50, vms: 50 }],
    [150, 5, { jobs: 95, vms: 5 }],
    [5, 300, { jobs: 5, vms: 95 }],
    [100, 0, { jobs: 100, vms: 0 }],
  ])('Should show %i jobs / %i VMs as %o', (jobs, vms, want) => {
    expect(rowBudget(jobs, vms)).toStrictEqual(want)
  })
})

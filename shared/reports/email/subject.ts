/**
 * @module The report e-mail's subject, as the contract fixes it:
 * `Backup report YYYY-MM-DD: <n> failed jobs, <m> VMs at risk`, or
 * `Backup report YYYY-MM-DD: all jobs succeeded, all VMs protected`.
 * `<n>` counts jobs with at least one failed session; `<m>` counts VMs at risk or unprotected (every VM
 * that is not protected). The wording is fixed (mail rules match it), so `1 failed jobs` stays plural.
 * @see the API contract ("Report e-mail")
 */
import type { ReportFacts } from './facts'

export const reportEmailSubject = (f: Pick<ReportFacts, 'day' | 'failedJobs' | 'vmsAttention'>): string =>
  f.failedJobs.length === 0 && f.vmsAttention.length === 0
    ? `Backup report ${f.day}: all jobs succeeded, all VMs protected`
    : `Backup report ${f.day}: ${f.failedJobs.length} failed jobs, ${f.vmsAttention.length} VMs at risk`

/**
 * @module The plain-text alternative of the report e-mail: the same facts and the same rows as the
 * HTML (same row budget), as lines a person reads in any client. Names from EM are put on one line
 * (control characters become spaces), so a name cannot forge lines of the report.
 */
import { formatBytes, formatHours, formatRate, formatTime } from '../html-format'
import type { ReportFacts } from './facts'
import { moreNote, rowBudget } from './rows'
import { reportEmailSubject } from './subject'

export interface MailTextInput {
  readonly facts: ReportFacts
  readonly link: string | undefined
  readonly attachmentNames: readonly string[]
}

const number = (n: number) => n.toLocaleString('en-US')
// eslint-disable-next-line no-control-regex -- C0/C1 controls and line/paragraph separators out
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

export const renderMailText = (i: MailTextInput): string => {
  const f = i.facts
  const budget = rowBudget(f.failedJobs.length, f.vmsAttention.length)
  const s = f.sessions
  const lines = [
    reportEmailSubject(f),
    `${formatTime(f.window.from)} → ${formatTime(f.window.to)} · RPO ${f.rpoHours} h · ${number(f.sessionsScanned)} sessions read`,
    ...(f.complete
      ? []
      : ['INCOMPLETE: some EM pages could not be read after retries; the numbers undercount.']),
    '',
    `Jobs ${number(f.jobs)} · sessions ${number(s.total)} (${number(s.success)} success, ${number(s.warning)} warning, ${number(s.failed)} failed, ${number(s.running)} running) · success rate ${formatRate(f.successRate)}`,
    `VMs: ${number(f.vms.unprotected)} unprotected, ${number(f.vms.atRisk)} at risk, ${number(f.vms.protected)} protected · transferred ${formatBytes(f.transferredBytes)}`,
    '',
    'JOBS WITH FAILURES',
    ...(f.failedJobs.length === 0
      ? ['None.']
      : f.failedJobs
          .slice(0, budget.jobs)
          .map(
            (r) =>
              `- ${oneLine(r.jobName ?? r.jobId ?? '–')} (${r.kind}, ${oneLine(r.backupServer?.name ?? '–')}): ` +
              `${r.sessions.failed} of ${r.sessions.total} failed, last result ${r.lastResult ?? '–'}, last success ${formatTime(r.lastSuccessTime)}`
          )),
    moreNote(budget.jobs, f.failedJobs.length, 'jobs with failures'),
    '',
    'VMS AT RISK OR UNPROTECTED',
    ...(f.vmsAttention.length === 0
      ? ['None: every VM seen in the day is protected.']
      : f.vmsAttention
          .slice(0, budget.vms)
          .map(
            (r) =>
              `- [${r.status}] ${oneLine(r.vmName)} (${r.kinds.join(', ')}, ${oneLine(r.backupServer?.name ?? '–')}): ` +
              `last success ${formatTime(r.lastSuccessTime)} (${formatHours(r.hoursSinceLastSuccess)} ago)` +
              (r.recentFailureReasons[0] === undefined
                ? ''
                : `: ${cut(oneLine(r.recentFailureReasons[0]), 160)}`)
          )),
    moreNote(budget.vms, f.vmsAttention.length, 'VMs at risk or unprotected'),
    '',
    ...(i.link === undefined ? [] : [`Full report: ${i.link}`]),
    `Attached: ${i.attachmentNames.join(', ')}`,
  ]
  // Drop the empty "more" notes, keep the blank separator lines.
  return `${lines.filter((l, n) => l !== '' || lines[n - 1] !== '').join('\n')}\n`
}

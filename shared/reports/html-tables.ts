/**
 * @module Tables of the HTML report: VMs that need attention, jobs with failures, and all jobs.
 * Every value from EM is escaped; long lists are cut with a note (the CSV files have every row).
 */
import type { JobSummaryRow, VmProtectionRow } from '../model/report'
import { esc, formatBytes, formatDuration, formatHours, formatRate, formatTime, toneOf } from './html-format'

const tag = (value: string | null) => `<span class="tag ${toneOf(value)}">${esc(value ?? '–')}</span>`
const more = (shown: number, total: number, what: string) =>
  total > shown ? `<p class="more">${total - shown} more ${what} in the CSV file.</p>` : ''

const table = (head: string[], rows: string[], numeric: ReadonlySet<number>): string =>
  `<table><thead><tr>${head.map((h, i) => `<th${numeric.has(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>` +
  `<tbody>${rows.join('')}</tbody></table>`

const td = (html: string, numeric = false) => `<td${numeric ? ' class="num"' : ''}>${html}</td>`
const name = (text: string) => `<td class="name">${esc(text)}</td>`

const reasons = (list: readonly string[]) =>
  list.length === 0 ? '–' : `<ul class="reasons">${list.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`

/** Unprotected and at-risk VMs (rows arrive sorted worst first). */
export const vmAttentionTable = (rows: readonly VmProtectionRow[], limit = 100): string => {
  const bad = rows.filter((r) => r.status !== 'protected')
  if (bad.length === 0) return '<p class="empty">Every VM seen in the window is protected.</p>'
  const body = bad
    .slice(0, limit)
    .map(
      (r) =>
        `<tr>${td(tag(r.status))}${name(r.vmName)}${td(esc(r.kinds.join(', ')))}${td(esc(r.backupServer?.name ?? '–'))}` +
        `${td(esc(formatTime(r.lastSuccessTime)))}${td(esc(formatHours(r.hoursSinceLastSuccess)), true)}` +
        `${td(tag(r.lastResult))}${td(String(r.failedTasks), true)}${td(reasons(r.recentFailureReasons))}</tr>`
    )
  const head = [
    'Status',
    'VM',
    'Kinds',
    'Backup server',
    'Last success',
    'Since',
    'Last result',
    'Failed',
    'Recent failure reasons',
  ]
  return table(head, body, new Set([5, 7])) + more(Math.min(limit, bad.length), bad.length, 'VMs')
}

/** Jobs with at least one failed session, most failures first. */
export const failedJobsTable = (rows: readonly JobSummaryRow[], limit = 50): string => {
  const failed = rows
    .filter((r) => r.sessions.failed > 0)
    .sort((a, b) => b.sessions.failed - a.sessions.failed)
  if (failed.length === 0) return '<p class="empty">No failed job session in the window.</p>'
  const body = failed
    .slice(0, limit)
    .map(
      (r) =>
        `<tr>${td(esc(r.jobName ?? r.jobId ?? '–'))}${td(esc(r.kind))}${td(`${r.sessions.failed} / ${r.sessions.total}`, true)}` +
        `${td(tag(r.lastResult))}${td(esc(formatTime(r.lastSuccessTime)))}${td(esc(r.backupServer?.name ?? '–'))}</tr>`
    )
  const head = ['Job', 'Kind', 'Failed / total', 'Last result', 'Last success', 'Backup server']
  return table(head, body, new Set([2])) + more(Math.min(limit, failed.length), failed.length, 'jobs')
}

/** Every job, in report order. */
export const allJobsTable = (rows: readonly JobSummaryRow[], limit = 200): string => {
  if (rows.length === 0) return '<p class="empty">No job session in the window.</p>'
  const body = rows
    .slice(0, limit)
    .map(
      (r) =>
        `<tr>${td(esc(r.jobName ?? r.jobId ?? '–'))}${td(esc(r.kind))}${td(String(r.sessions.total), true)}` +
        `${td(esc(formatRate(r.successRate)), true)}${td(tag(r.lastResult))}${td(esc(formatTime(r.lastRunTime)))}` +
        `${td(esc(formatDuration(r.avgDurationSeconds)), true)}${td(esc(formatBytes(r.transferredBytes)), true)}</tr>`
    )
  const head = [
    'Job',
    'Kind',
    'Sessions',
    'Success rate',
    'Last result',
    'Last run',
    'Avg duration',
    'Transferred',
  ]
  return table(head, body, new Set([2, 3, 6, 7])) + more(Math.min(limit, rows.length), rows.length, 'jobs')
}

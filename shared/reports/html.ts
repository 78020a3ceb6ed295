/**
 * @module The self-contained HTML report a person reads at a glance: headline numbers, results over
 * time and per job (inline SVG), VMs at risk or unprotected first, failures with their reasons, all
 * jobs. Inline CSS only: no script, no external font, image or link, so it opens anywhere (S3, mail,
 * file system) and prints.
 */
import type { JobSummaryReport, VmProtectionReport } from '../model/report'
import { jobsChart, legend, timelineChart } from './html-charts'
import { esc, formatBytes, formatRate, formatTime } from './html-format'
import { REPORT_CSS } from './html-style'
import { allJobsTable, failedJobsTable, vmAttentionTable } from './html-tables'
import type { TimelineBucket } from './timeline'

export interface HtmlReportInput {
  readonly jobSummary: JobSummaryReport
  readonly vmProtection: VmProtectionReport
  readonly timeline: { readonly unit: 'hour' | 'day'; readonly buckets: readonly TimelineBucket[] }
  readonly rpoHours: number
  /** Default "Backup report". */
  readonly title?: string | undefined
}

const card = (label: string, value: string, tone = '') =>
  `<div class="card ${tone}"><b>${esc(value)}</b><span>${esc(label)}</span></div>`

const headline = (i: HtmlReportInput): string => {
  const rows = i.jobSummary.rows
  let total = 0
  let success = 0
  let finished = 0
  let failed = 0
  let bytes = 0
  for (const r of rows) {
    total += r.sessions.total
    success += r.sessions.success
    finished += r.sessions.success + r.sessions.warning + r.sessions.failed
    failed += r.sessions.failed
    bytes += r.transferredBytes
  }
  const count = (s: string) => i.vmProtection.rows.filter((r) => r.status === s).length
  const unprotected = count('unprotected')
  const atRisk = count('at-risk')
  const rate = finished === 0 ? null : success / finished
  return (
    '<section class="cards">' +
    card('Jobs', String(rows.length)) +
    card('Sessions', String(total)) +
    card(
      'Success rate',
      formatRate(rate),
      rate === null ? '' : rate >= 0.95 ? 'ok' : rate >= 0.8 ? 'warn' : 'bad'
    ) +
    card('Failed sessions', String(failed), failed > 0 ? 'bad' : 'ok') +
    card('VMs unprotected', String(unprotected), unprotected > 0 ? 'bad' : 'ok') +
    card('VMs at risk', String(atRisk), atRisk > 0 ? 'warn' : 'ok') +
    card('VMs protected', String(count('protected')), 'ok') +
    card('Transferred', formatBytes(bytes)) +
    '</section>'
  )
}

const JOBS_IN_CHART = 20

const jobsPanel = (rows: HtmlReportInput['jobSummary']['rows']): string => {
  if (rows.length === 0) return '<p class="empty">No job session in the window.</p>'
  const note =
    rows.length > JOBS_IN_CHART
      ? `<p class="more">The ${JOBS_IN_CHART} jobs with the most failed sessions (then the most sessions) of ${rows.length}.</p>`
      : ''
  return jobsChart(rows, JOBS_IN_CHART) + legend() + note
}

/** Renders the whole page; every text that came from EM is escaped. */
export const renderHtmlReport = (i: HtmlReportInput): string => {
  const title = i.title ?? 'Backup report'
  const w = i.jobSummary.window
  const complete = i.jobSummary.complete && i.vmProtection.complete
  const period = `${formatTime(w.from)} → ${formatTime(w.to)}`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${title}: ${period}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
<p class="sub">${esc(period)} · RPO ${esc(i.rpoHours)} h · generated ${esc(formatTime(i.jobSummary.generatedAt))} · ${esc(i.jobSummary.sessionsScanned)} sessions read</p>
${complete ? '' : '<p class="banner"><strong>Incomplete:</strong> some EM pages could not be read after retries; the numbers below undercount.</p>'}
${headline(i)}
<h2>Sessions per ${i.timeline.unit}</h2>
<div class="panel">${timelineChart(i.timeline.buckets, i.timeline.unit)}${legend()}</div>
<h2>VMs at risk or unprotected</h2>
${vmAttentionTable(i.vmProtection.rows)}
<h2>Sessions per job</h2>
<div class="panel">${jobsPanel(i.jobSummary.rows)}</div>
<h2>Jobs with failures</h2>
${failedJobsTable(i.jobSummary.rows)}
<h2>All jobs</h2>
${allJobsTable(i.jobSummary.rows)}
<footer>Sessions belong to the window by creation time. A VM is protected when its last successful task (Success or Warning) ended at most ${esc(i.rpoHours)} h before the window end and no later task failed.</footer>
</main>
</body>
</html>
`
}

/**
 * @module The HTML body of the report e-mail. Not the S3 page: mail clients drop `<style>`, SVG and
 * scripts, so this is tables with inline styles, 600 px wide, headline numbers first, then the failed
 * jobs and the VMs at risk (at most 100 rows in all, with a note of how many more), then the link to the
 * full report. Every text from EM (job, VM and server names, failure reasons) is escaped.
 */
import { esc, formatBytes, formatHours, formatRate, formatTime } from '../html-format'
import type { ReportFacts } from './facts'
import { badge, bar, COLORS, dataTable, FONT, heading, layout, note, type Tone } from './html-parts'
import { moreNote, rowBudget } from './rows'
import { reportEmailSubject } from './subject'

export interface MailHtmlInput {
  readonly facts: ReportFacts
  /** The full report (presigned S3 URL or REPORT_BASE_URL); no link when undefined. */
  readonly link: string | undefined
  /** Names of the attached files, listed in the footer. */
  readonly attachmentNames: readonly string[]
}

const number = (n: number) => n.toLocaleString('en-US')
const REASON_CHARS = 160
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
const small = (text: string) => `<br><span style="font-size:12px;color:${COLORS.muted}">${esc(text)}</span>`

const tile = (label: string, value: string, tone: Tone | 'text' = 'text') =>
  `<td width="25%" style="width:25%;padding:10px 8px;border:1px solid ${COLORS.line};${FONT}">` +
  `<div style="font-size:22px;font-weight:700;color:${COLORS[tone]}">${esc(value)}</div>` +
  `<div style="font-size:12px;color:${COLORS.muted}">${esc(label)}</div></td>`

const headline = (f: ReportFacts) => {
  const rate = f.successRate
  const rateTone: Tone | 'text' = rate === null ? 'text' : rate >= 0.95 ? 'ok' : rate >= 0.8 ? 'warn' : 'bad'
  return layout(
    `<tr>${tile('Jobs', number(f.jobs))}${tile('Sessions', number(f.sessions.total))}` +
      `${tile('Success rate', formatRate(rate), rateTone)}${tile('Failed sessions', number(f.sessions.failed), f.sessions.failed > 0 ? 'bad' : 'ok')}</tr>` +
      `<tr>${tile('VMs unprotected', number(f.vms.unprotected), f.vms.unprotected > 0 ? 'bad' : 'ok')}` +
      `${tile('VMs at risk', number(f.vms.atRisk), f.vms.atRisk > 0 ? 'warn' : 'ok')}` +
      `${tile('VMs protected', number(f.vms.protected), 'ok')}${tile('Transferred', formatBytes(f.transferredBytes))}</tr>`
  )
}

const sessionsBar = (f: ReportFacts) => {
  const s = f.sessions
  const key = (color: string, n: number, label: string) =>
    `<span style="color:${color};font-size:14px">&#9632;</span> ${esc(number(n))} ${esc(label)}&nbsp;&nbsp; `
  return (
    bar([
      { value: s.success, color: COLORS.success },
      { value: s.warning, color: COLORS.warning },
      { value: s.failed, color: COLORS.failed },
      { value: s.running, color: COLORS.running },
    ]) +
    `<p style="margin:6px 0 0;font-size:12px;color:${COLORS.muted};${FONT}">` +
    key(COLORS.success, s.success, 'success') +
    key(COLORS.warning, s.warning, 'warning') +
    key(COLORS.failed, s.failed, 'failed') +
    key(COLORS.running, s.running, 'running') +
    '</p>'
  )
}

const resultTone = (r: string | null): Tone =>
  r === 'Success' ? 'ok' : r === 'Warning' ? 'warn' : r === 'Failed' ? 'bad' : 'muted'

const failedJobs = (f: ReportFacts, shown: number) => {
  if (f.failedJobs.length === 0) return note('No job session failed.', COLORS.ok)
  const rows = f.failedJobs.slice(0, shown).map((r) => [
    `<b>${esc(r.jobName ?? r.jobId ?? '–')}</b>${small(`${r.kind} · ${r.backupServer?.name ?? '–'}`)}`,
    esc(`${r.sessions.failed} / ${r.sessions.total}`),
    bar([
      { value: r.sessions.success + r.sessions.warning, color: COLORS.success },
      { value: r.sessions.failed, color: COLORS.failed },
      { value: r.sessions.running, color: COLORS.running },
    ]),
    badge(r.lastResult ?? '–', resultTone(r.lastResult)),
    esc(formatTime(r.lastSuccessTime)),
  ])
  const table = dataTable(['Job', 'Failed', 'Sessions', 'Last result', 'Last success'], rows, new Set([1]))
  const more = moreNote(shown, f.failedJobs.length, 'jobs with failures')
  return table + (more === '' ? '' : note(`${more} (see the attached CSV or the full report).`))
}

const vmTone = (s: string): Tone => (s === 'unprotected' ? 'bad' : 'warn')

const vmsAttention = (f: ReportFacts, shown: number) => {
  if (f.vmsAttention.length === 0) return note('Every VM seen in the day is protected.', COLORS.ok)
  const rows = f.vmsAttention
    .slice(0, shown)
    .map((r) => [
      badge(r.status, vmTone(r.status)),
      `<b>${esc(r.vmName)}</b>${small(`${r.kinds.join(', ')} · ${r.backupServer?.name ?? '–'}`)}`,
      r.hoursSinceLastSuccess === null
        ? esc('none')
        : `${esc(`${formatHours(r.hoursSinceLastSuccess)} ago`)}${small(formatTime(r.lastSuccessTime))}`,
      esc(cut(r.recentFailureReasons[0] ?? '–', REASON_CHARS)),
    ])
  const table = dataTable(['Status', 'VM', 'Last success', 'Last failure reason'], rows, new Set())
  const more = moreNote(shown, f.vmsAttention.length, 'VMs at risk or unprotected')
  return table + (more === '' ? '' : note(`${more} (see the attached CSV or the full report).`))
}

const status = (f: ReportFacts) => {
  const tone = f.hasIssues ? COLORS.bad : COLORS.ok
  const text = reportEmailSubject(f).replace(/^Backup report \S+: /, '')
  return `<p style="margin:12px 0;padding:10px 12px;border-left:4px solid ${tone};background:${COLORS.soft};font-size:15px;font-weight:600;color:${tone};${FONT}">${esc(text.charAt(0).toUpperCase() + text.slice(1))}</p>`
}

const button = (link: string) =>
  layout(
    `<tr><td bgcolor="#1d4ed8" style="background:#1d4ed8;border-radius:4px;padding:10px 16px;${FONT}">` +
      `<a href="${esc(link)}" style="color:#ffffff;font-size:14px;font-weight:600;text-decoration:none">Open the full report</a></td></tr>`,
    'margin:20px 0 8px',
    'auto'
  )

/** The whole HTML document of the mail. */
export const renderMailHtml = (i: MailHtmlInput): string => {
  const f = i.facts
  const budget = rowBudget(f.failedJobs.length, f.vmsAttention.length)
  const title = `Backup report ${f.day}`
  const content =
    `<h1 style="margin:0;font-size:22px;color:${COLORS.text};${FONT}">${esc(title)}</h1>` +
    note(
      `${formatTime(f.window.from)} → ${formatTime(f.window.to)} · RPO ${f.rpoHours} h · ${number(f.sessionsScanned)} sessions read · generated ${formatTime(f.generatedAt)}`
    ) +
    (f.complete
      ? ''
      : note(
          'Incomplete: some EM pages could not be read after retries; the numbers below undercount.',
          COLORS.bad
        )) +
    status(f) +
    headline(f) +
    heading('Sessions') +
    sessionsBar(f) +
    heading('Jobs with failures') +
    failedJobs(f, budget.jobs) +
    heading('VMs at risk or unprotected') +
    vmsAttention(f, budget.vms) +
    (i.link === undefined ? '' : button(i.link)) +
    note(
      `Attached: ${i.attachmentNames.join(', ')}. A VM is protected when its last successful task ended at most ${f.rpoHours} h before the end of the day and no later task failed.`
    )
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6">
${layout(`<tr><td align="center" style="padding:16px 8px">${layout(`<tr><td style="padding:20px 24px">${content}</td></tr>`, `width:100%;max-width:600px;background:#ffffff;border:1px solid ${COLORS.line}`, '600')}</td></tr>`, 'background:#f3f4f6')}
</body>
</html>
`
}

import { describe, expect, it } from 'vitest'
import { reportFacts } from '../../../shared/reports/email/facts'
import { renderMailHtml } from '../../../shared/reports/email/html'
import { renderMailText } from '../../../shared/reports/email/text'
import type { ReportBundle } from '../../../shared/reports/bundle'
import { bundleOf, cleanBundle, DAY, HOSTILE, hostileBundle, largeBundle } from './fixture'

const LINK = 'https://reports.example.com/reports/2024-03-01/index.html?a=1&b="2"'
const render = (bundle: ReportBundle, link: string | null = LINK) => {
  const input = {
    facts: reportFacts(bundle, DAY, 24),
    link: link ?? undefined,
    attachmentNames: ['job-summary-2024-03-01.csv'],
  }
  return { html: renderMailHtml(input), text: renderMailText(input) }
}
/** Data rows of the two tables (their cells start with the table cell style). */
const rows = (html: string) => (html.match(/<tr><td style="padding:6px 8px/g) ?? []).length

describe('report e-mail HTML', () => {
  it('Should escape every EM text (job, VM, server names, failure reasons)', () => {
    const { html } = render(hostileBundle())
    for (const bad of ['<script', '<img', '<style', 'onerror=alert(1)>'])
      expect(html.toLowerCase()).not.toContain(bad)
    expect(html).not.toContain(HOSTILE.script)
    expect(html).toContain('&lt;script&gt;alert(&quot;job&quot;)&lt;/script&gt;')
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&lt;style&gt;body{display:none}&lt;/style&gt;')
    // The link is an attribute value: its quotes and ampersands are escaped too.
    expect(html).toContain(
      'href="https://reports.example.com/reports/2024-03-01/index.html?a=1&amp;b=&quot;2&quot;"'
    )
  })

  it('Should use only what mail clients keep: no style block, SVG, script, image or remote resource', () => {
    const { html } = render(largeBundle())
    for (const banned of [
      /<style/i,
      /<script/i,
      /<svg/i,
      /<img/i,
      /<link/i,
      /\bsrc\s*=/i,
      /url\(/i,
      /@import/i,
      /class=/i,
    ])
      expect(html).not.toMatch(banned)
    // Bars are table cells with widths.
    expect(html).toMatch(/<td width="\d+%" bgcolor="#dc2626"/)
  })

  it('Should show at most 100 rows with a note of how many more, failed jobs first', () => {
    const { html, text } = render(largeBundle())
    expect(rows(html)).toBe(100)
    expect(html).toContain('100 more jobs with failures not shown')
    expect(html).toContain('30 more VMs at risk or unprotected not shown')
    expect(html.indexOf('Jobs with failures')).toBeLessThan(html.indexOf('VMs at risk or unprotected'))
    expect(html.indexOf('Failed sessions')).toBeLessThan(html.indexOf('Jobs with failures'))
    expect(text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(100)
    expect(text).toContain('100 more jobs with failures not shown')
  })

  it('Should say all is well, and leave the link out when there is none', () => {
    const { html, text } = render(cleanBundle(), null)
    expect(html).toContain('All jobs succeeded, all VMs protected')
    expect(html).toContain('No job session failed.')
    expect(html).not.toContain('href=')
    expect(text).not.toContain('Full report:')
  })

  it('Should flag an incomplete report', () => {
    expect(render(bundleOf([], [], false)).html).toContain('Incomplete: some EM pages could not be read')
    expect(render(bundleOf([], [], false)).text).toContain('INCOMPLETE')
  })
})

describe('report e-mail text', () => {
  it('Should keep each EM name on its line, so no name can forge a line', () => {
    const { text } = render(hostileBundle())
    const lines = text.split('\n')
    expect(lines.some((l) => l.startsWith('Bcc:'))).toBe(false)
    expect(lines).toContain(
      '- [unprotected] "><img src=x onerror=alert(1)> (backup, vbr-a.tech.local): last success 2024-02-29 20:00 UTC (28.0 h ago): <style>body{display:none}</style>'
    )
    expect(text).toContain(
      '- Nightly Bcc: evil@example.net (backup, "><img src=x onerror=alert(1)>): 1 of 3 failed'
    )
    expect(text).toContain(`Full report: ${LINK}`)
  })
})

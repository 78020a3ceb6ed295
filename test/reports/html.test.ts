import { describe, expect, it } from 'vitest'
import type { JobSummaryReport, VmProtectionReport } from '../../shared/model/report'
import { renderHtmlReport } from '../../shared/reports/html'
import { createJobSummaryAggregator } from '../../shared/reports/job-summary'
import { createVmProtectionAggregator } from '../../shared/reports/vm-protection'
import { taskSession, timedAll } from './items'
import * as s from './scenario'

const window = { from: new Date(s.FROM), to: new Date(s.TO) }
const envelope = {
  window: { from: s.FROM, to: s.TO },
  generatedAt: s.TO,
  sessionsScanned: 17,
  complete: true,
}
const EVIL = '<script>alert("x")</script> & co'

const build = (complete = true) => {
  const jobs = createJobSummaryAggregator(window)
  jobs.addJobSessions('backup', timedAll(s.allBackupJobs))
  jobs.addJobSessions('replica', timedAll(s.allReplicaJobs))
  jobs.addCdpSessions(timedAll(s.cdpSessions))
  const vms = createVmProtectionAggregator({ ...window, rpoHours: 24, now: window.to })
  const evilTask = taskSession({
    vmName: EVIL,
    jobName: 'x',
    creationTime: s.FROM,
    endTime: s.FROM,
    result: 'Failed',
    reason: `<img src=x onerror=1>`,
  })
  vms.addTaskSessions('backup', timedAll([...s.backupTasks, evilTask]))
  vms.addTaskSessions('cdp', timedAll(s.cdpTasks))
  const jobSummary: JobSummaryReport = { ...envelope, complete, rows: jobs.rows() }
  const vmProtection: VmProtectionReport = { ...envelope, complete, rows: vms.rows() }
  return renderHtmlReport({ jobSummary, vmProtection, timeline: jobs.timeline(), rpoHours: 24 })
}

describe('HTML report', () => {
  const html = build()

  it('Should contain both charts as inline SVG with a bar per result', () => {
    expect(html.match(/<svg /g)).toHaveLength(2)
    expect(html).toContain('aria-label="Sessions per hour by result"')
    expect(html).toContain('aria-label="Sessions per job by result"')
    expect(html).toContain('<title>2024-03-01T05: 1 Failed</title>')
  })

  it('Should list the VMs that are not protected, worst first, with their failure reasons', () => {
    const section = html.slice(html.indexOf('VMs at risk or unprotected'), html.indexOf('Sessions per job'))
    expect(section).not.toContain('fs02') // protected: its success ended 20 h before the window end
    expect(section.indexOf('unprotected')).toBeLessThan(section.indexOf('at-risk'))
    expect(section).toContain('Timeout\nretrying')
    expect(section).toContain('<td class="name">weird, &quot;vm&quot;</td>')
    expect(section).not.toContain('Disk, &quot;C:&quot; full') // fs01 recovered: protected
  })

  it('Should show the headline numbers', () => {
    expect(html).toMatch(/<b>6<\/b><span>Jobs<\/span>/)
    expect(html).toMatch(/<b>10<\/b><span>Sessions<\/span>/)
  })

  it('Should reference nothing outside the page and run no script', () => {
    for (const needle of [
      'http://',
      'https://',
      '//',
      '<script',
      '<link',
      '<img',
      '<iframe',
      '@import',
      'url(',
    ]) {
      expect(html, needle).not.toContain(needle)
    }
    // No tag carries a src or href attribute (escaped text may say "src=", a tag may not).
    expect(html).not.toMatch(/<[^>]*\s(src|href|xlink:href)\s*=/i)
  })

  it('Should escape every text that comes from EM', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co')
    expect(html).toContain('&lt;img src=x onerror=1&gt;')
    expect(html).not.toContain('<img')
  })

  it('Should keep its print styles and warn when the report is incomplete', () => {
    expect(html).toContain('@media print')
    expect(html).not.toContain('class="banner"')
    expect(build(false)).toContain('class="banner"')
  })
})

/**
 * The exposition writer and the metric families (pure): exact output for a fixture, escaping of
 * hostile label values, omitted series, duplicate label sets, both formats.
 */
import { describe, expect, it } from 'vitest'
import { escapeHelp, escapeLabelValue, formatValue, render } from '../../shared/metrics/exposition'
import { metricFamilies } from '../../shared/metrics/series'
import { INPUT } from './fixture'

const samples = (text: string, name: string) =>
  text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))

describe('escapeLabelValue', () => {
  it.each([
    ['plain', 'plain'],
    ['a "q" b', 'a \\"q\\" b'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
    ['Zürich 東京, R&D', 'Zürich 東京, R&D'],
    ['lone \uD800 surrogate', 'lone \uFFFD surrogate'],
    ['\\"\n', '\\\\\\"\\n'],
  ])('Should escape %j as %j', (value, want) => {
    expect(escapeLabelValue(value)).toBe(want)
  })
})

describe('escapeHelp', () => {
  it('Should escape backslash and line feed, and the quote in OpenMetrics only', () => {
    expect(escapeHelp('a\\b\n"c"', 'text')).toBe('a\\\\b\\n"c"')
    expect(escapeHelp('a\\b\n"c"', 'openmetrics')).toBe('a\\\\b\\n\\"c\\"')
  })
})

describe('formatValue', () => {
  it.each([
    [1, '1'],
    [0.5, '0.5'],
    [1796011200.5, '1796011200.5'],
    [Number.NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('Should write %d as %s', (v, want) => {
    expect(formatValue(v)).toBe(want)
  })
})

describe('metric families', () => {
  const text = render(metricFamilies(INPUT), 'text')

  it('Should write the job series with escaped labels, omitting values that do not exist', () => {
    expect(samples(text, 'em_job_last_result')).toEqual([
      'em_job_last_result{kind="backup",job_id="70073b98-098b-4046-a097-43cbda67d58a",job_name="Archive \\"Cold\\" VMs",backup_server="vbr01.corp.example.com"} 2',
    ])
    expect(samples(text, 'em_job_last_success_timestamp_seconds')).toEqual([
      'em_job_last_success_timestamp_seconds{kind="backup",job_id="70073b98-098b-4046-a097-43cbda67d58a",job_name="Archive \\"Cold\\" VMs",backup_server="vbr01.corp.example.com"} 1793521800.5',
      'em_job_last_success_timestamp_seconds{kind="cdp",job_id="70073b98-098b-4046-a097-43cbda67d58a",job_name="CDP 東京",backup_server="vbr01.corp.example.com"} 1793521800.5',
    ])
    expect(samples(text, 'em_job_last_duration_seconds').map((l) => l.split(' ').at(-1))).toEqual([
      '61.25',
      '3',
    ])
    expect(samples(text, 'em_job_running')).toContain(
      'em_job_running{kind="replica",job_id="",job_name="back\\\\slash\\nnew line",backup_server=""} 1'
    )
  })

  it('Should keep the first row of a duplicate label set', () => {
    expect(samples(text, 'em_job_running')).toHaveLength(3)
    expect(samples(text, 'em_job_sessions')).toHaveLength(9)
  })

  it('Should count sessions by result', () => {
    expect(samples(text, 'em_job_sessions').slice(0, 3)).toEqual(
      ['success 2', 'warning 1', 'failed 1'].map((rv) => {
        const [r, v] = rv.split(' ')
        return `em_job_sessions{kind="backup",job_id="70073b98-098b-4046-a097-43cbda67d58a",job_name="Archive \\"Cold\\" VMs",backup_server="vbr01.corp.example.com",result="${r}"} ${v}`
      })
    )
  })

  it('Should give each VM its status as 1 and the other two as 0', () => {
    expect(samples(text, 'em_vm_protection_status')).toEqual([
      'em_vm_protection_status{vm_name="\\"Legacy\\" ERP",backup_server="vbr01.corp.example.com",status="protected"} 0',
      'em_vm_protection_status{vm_name="\\"Legacy\\" ERP",backup_server="vbr01.corp.example.com",status="at-risk"} 0',
      'em_vm_protection_status{vm_name="\\"Legacy\\" ERP",backup_server="vbr01.corp.example.com",status="unprotected"} 1',
      'em_vm_protection_status{vm_name="Zürich-DC01",backup_server="vbr01.corp.example.com",status="protected"} 0',
      'em_vm_protection_status{vm_name="Zürich-DC01",backup_server="vbr01.corp.example.com",status="at-risk"} 1',
      'em_vm_protection_status{vm_name="Zürich-DC01",backup_server="vbr01.corp.example.com",status="unprotected"} 0',
    ])
    expect(samples(text, 'em_vm_last_success_timestamp_seconds')).toEqual([
      'em_vm_last_success_timestamp_seconds{vm_name="Zürich-DC01",backup_server="vbr01.corp.example.com"} 1793530800',
    ])
  })

  it('Should write em_up and the refresh time and duration (ms precision)', () => {
    expect(samples(text, 'em_up')).toEqual(['em_up 1'])
    expect(samples(text, 'em_metrics_refresh_timestamp_seconds')).toEqual([
      'em_metrics_refresh_timestamp_seconds 1793534400',
    ])
    expect(samples(text, 'em_metrics_refresh_duration_seconds')).toEqual([
      'em_metrics_refresh_duration_seconds 1.235',
    ])
  })

  it('Should write no job, VM or refresh series before a whole refresh, and em_up 0', () => {
    const empty = render(metricFamilies({ up: false, refresh: null, jobs: [], vms: [] }), 'text')
    expect(empty.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual(['em_up 0'])
  })

  it('Should give every family HELP and TYPE gauge, with no quote in HELP (text parsers refuse \\")', () => {
    for (const f of metricFamilies(INPUT)) {
      expect(f.help).not.toMatch(/["\\\n]/)
      expect(text).toContain(`# HELP ${f.name} ${f.help}\n# TYPE ${f.name} gauge\n`)
    }
  })

  it('Should end OpenMetrics with # EOF and the text format with a line feed only', () => {
    const om = render(metricFamilies(INPUT), 'openmetrics')
    expect(om.endsWith('\n# EOF\n')).toBe(true)
    expect(om.slice(0, -'# EOF\n'.length)).toBe(text)
    expect(text.endsWith('\n')).toBe(true)
    expect(text).not.toContain('# EOF')
  })
})

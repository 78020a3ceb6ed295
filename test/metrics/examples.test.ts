/**
 * The Prometheus and Grafana examples stay valid: the alert rules pass `promtool check rules` and
 * their unit tests (`promtool test rules`), the scrape config parses, and every dashboard query is
 * valid PromQL (checked as recording rules) over metrics the API exports.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { metricFamilies } from '../../shared/metrics/series'
import { INPUT } from './fixture'
import { runTool } from './promtool'

const path = (p: string) => new URL(`../../${p}`, import.meta.url).pathname
const EXPORTED = new Set(metricFamilies(INPUT).map((f) => f.name))

const DashboardSchema = z.object({
  title: z.string(),
  panels: z.array(z.object({ title: z.string(), targets: z.array(z.object({ expr: z.string() })) })),
})

describe('examples/prometheus', () => {
  it('Should give alert rules promtool accepts', async () => {
    const r = await runTool(['check', 'rules', path('examples/prometheus/alerts.yml')])
    expect(r.output).toContain('SUCCESS: 5 rules found')
    expect(r.code).toBe(0)
  })

  it('Should fire the alerts its rule tests expect (job failed, VM unprotected past the RPO, EM unreadable)', async () => {
    const r = await runTool(['test', 'rules', path('test/metrics/alerts.rules-test.yml')])
    expect(r.output).toContain('SUCCESS')
    expect(r.code).toBe(0)
  })

  it('Should give a scrape config with valid syntax', async () => {
    const r = await runTool(['check', 'config', '--syntax-only', path('examples/prometheus/prometheus.yml')])
    expect(r.code).toBe(0)
  })

  it('Should use only metrics the API exports', async () => {
    const text = await readFile(path('examples/prometheus/alerts.yml'), 'utf8')
    const used = new Set(text.match(/\bem_[a-z_]+/g))
    expect([...used].filter((m) => !EXPORTED.has(m))).toEqual([])
  })
})

describe('examples/grafana/em-dashboard.json', () => {
  it('Should chart failed jobs, VMs at risk and last success age from exported metrics only', async () => {
    const dash = DashboardSchema.parse(
      JSON.parse(await readFile(path('examples/grafana/em-dashboard.json'), 'utf8'))
    )
    const titles = dash.panels.map((p) => p.title)
    expect(titles).toEqual(expect.arrayContaining(['Failed jobs', 'VMs at risk', 'Last success age by job']))
    const exprs = dash.panels.flatMap((p) => p.targets.map((t) => t.expr))
    const used = new Set(exprs.flatMap((e) => e.match(/\bem_[a-z_]+/g) ?? []))
    expect([...used].filter((m) => !EXPORTED.has(m))).toEqual([])
    expect(used.size).toBeGreaterThan(4)
  })

  it('Should hold only valid PromQL (each query checked by promtool as a recording rule)', async () => {
    const dash = DashboardSchema.parse(
      JSON.parse(await readFile(path('examples/grafana/em-dashboard.json'), 'utf8'))
    )
    const exprs = dash.panels.flatMap((p) => p.targets.map((t) => t.expr))
    const rules = {
      groups: [
        { name: 'dashboard', rules: exprs.map((expr, i) => ({ record: `dashboard:query_${i}`, expr })) },
      ],
    }
    const dir = await mkdtemp(join(tmpdir(), 'em-dashboard-'))
    try {
      // JSON is YAML: promtool reads it as a rule file.
      await writeFile(join(dir, 'rules.yml'), JSON.stringify(rules))
      const r = await runTool(['check', 'rules', join(dir, 'rules.yml')])
      expect(r.output).toContain(`SUCCESS: ${exprs.length} rules found`)
      expect(r.code).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

/**
 * `npm run report -- [--from T] [--to T] [--kind backup,replica,cdp] [--rpo-hours N] [--out DIR] [--email]`:
 * the scheduled job's reports, locally, written to a directory (job-summary.json/.csv,
 * vm-protection.json/.csv, index.html). With no EM_URL (and no EM_SECRET_ID) it reads from the
 * embedded EM simulator. Progress goes to stderr; the paths written to stdout.
 * `--email` also sends the scheduled job's mail (REPORT_EMAIL_TO/FROM, REPORT_EMAIL_ONLY_ON_ISSUES,
 * REPORT_BASE_URL for the link) through SES: in development the local one that
 * `AWS_ENDPOINT_URL_SESV2` points at. The mail's day is the UTC day `--from` falls on.
 * Defaults: the last 24 hours, all kinds, RPO 24 h, `reports-out`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../shared/config/env'
import { startSimulator, type Simulator } from '../tools/em-simulator/index'
import { REPORT_KINDS, type ReportKind } from '../shared/model/report'
import { deliverReportEmail } from '../shared/reports/email/deliver'
import { baseUrlLink } from '../shared/reports/email/link'
import { reportDay, reportFiles } from '../shared/reports/files'
import { createEmReader } from '../shared/services/em-reader'
import { buildReports, type ReportProgress } from '../shared/services/reports'
import { credentialsFrom, emClientFrom } from '../shared/runtime'

const usage =
  'usage: npm run report -- [--from RFC3339] [--to RFC3339] [--kind backup,replica,cdp] [--rpo-hours N] [--out DIR] [--email]'

const fail = (message: string): never => {
  process.stderr.write(`${message}\n${usage}\n`)
  process.exit(2)
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i
const time = (name: string, value: string | undefined, fallback: Date): Date => {
  if (value === undefined) return fallback
  const d = new Date(value)
  if (!RFC3339.test(value) || Number.isNaN(d.getTime()))
    fail(`--${name}: not an RFC 3339 time with an offset: ${value}`)
  return d
}

const parse = () => {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      kind: { type: 'string', multiple: true },
      'rpo-hours': { type: 'string' },
      out: { type: 'string', default: 'reports-out' },
      email: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help === true) {
    process.stdout.write(`${usage}\n`)
    process.exit(0)
  }
  const to = time('to', values.to, new Date())
  const from = time('from', values.from, new Date(to.getTime() - 86_400_000))
  if (from >= to) fail('--from must be before --to')
  const kinds = (values.kind ?? []).flatMap((k) => k.split(',')).map((k) => k.trim())
  const bad = kinds.filter((k) => !(REPORT_KINDS as readonly string[]).includes(k))
  if (bad.length > 0) fail(`--kind: unknown ${bad.join(', ')} (backup, replica, cdp)`)
  const rpoHours = Number(values['rpo-hours'] ?? '24')
  if (!Number.isFinite(rpoHours) || rpoHours <= 0) fail('--rpo-hours: a positive number')
  return { from, to, kinds: kinds as ReportKind[], rpoHours, out: resolve(values.out), email: values.email }
}

const progressLine = (p: ReportProgress): string => {
  const total = p.typesKnown < p.typesTotal ? `${p.pagesTotal}+` : String(p.pagesTotal)
  return `\rpages ${p.pagesFetched}/${total} · sessions ${p.sessions.toLocaleString('en-US')} · ${(p.elapsedMs / 1000).toFixed(1)} s   `
}

const main = async (): Promise<void> => {
  const args = parse()
  let config = loadConfig()
  const email = config.reportEmail
  if (args.email && email === undefined) fail('--email: set REPORT_EMAIL_TO and REPORT_EMAIL_FROM')
  let simulator: Simulator | undefined
  if (config.em.url === undefined && config.em.secretId === undefined) {
    simulator = await startSimulator()
    const { username, password } = simulator.credentials
    config = { ...config, em: { ...config.em, url: simulator.url, username, password } }
    process.stderr.write(`EM: embedded simulator at ${simulator.url}\n`)
  }
  const em = emClientFrom(config, credentialsFrom(config))
  const started = Date.now()
  try {
    const bundle = await buildReports(createEmReader(em), {
      ...args,
      concurrency: config.reportConcurrency,
      onProgress: (p) => process.stderr.write(progressLine(p)),
    })
    process.stderr.write('\n')
    mkdirSync(args.out, { recursive: true })
    const files = reportFiles(bundle, args.rpoHours)
    for (const f of files) {
      const path = join(args.out, f.name)
      writeFileSync(path, f.body)
      process.stdout.write(`${path}\n`)
    }
    const { jobSummary: j, vmProtection: v } = bundle
    process.stderr.write(
      `${j.window.from} → ${j.window.to}: ${j.rows.length} jobs, ${v.rows.length} VMs, ${j.sessionsScanned} sessions read in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        `${j.complete && v.complete ? '' : ' (INCOMPLETE: some EM pages could not be read)'}\n`
    )
    if (args.email) {
      const day = reportDay(args.from)
      const base = config.reportBaseUrl
      const outcome = await deliverReportEmail(
        { bundle, files, day, rpoHours: args.rpoHours, date: new Date() },
        email && { ...email, link: (d) => Promise.resolve(base && baseUrlLink(base, d)) }
      )
      process.stderr.write(
        outcome.sent
          ? `e-mail sent to ${email?.to.join(', ') ?? ''}: "${outcome.subject}" (${outcome.bytes} bytes, SES message ${outcome.messageId})\n`
          : `e-mail not sent: ${outcome.reason}\n`
      )
    }
    if (!j.complete || !v.complete) process.exitCode = 1
  } finally {
    await em.close().catch(() => undefined)
    await simulator?.close()
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`\nreport failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})

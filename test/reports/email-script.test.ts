/**
 * `npm run report -- --email` as a person runs it: a fresh process (tsx) against the embedded simulator,
 * mailing through the local SES server that AWS_ENDPOINT_URL_SESV2 points at. The attachments are the
 * CSV files it wrote to --out.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_SES_CREDENTIALS, startLocalSes, type LocalSes } from '../support/local-ses'

const TSX = createRequire(import.meta.url).resolve('tsx/cli')
const SCRIPT = new URL('../../scripts/report.ts', import.meta.url).pathname

let ses: LocalSes
let out: string
beforeAll(async () => {
  ;[ses, out] = await Promise.all([startLocalSes(), mkdtemp(join(tmpdir(), 'report-email-'))])
})
afterAll(async () => {
  await ses?.close()
  if (out) await rm(out, { recursive: true, force: true })
})

const runScript = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    // Only what the run needs: no EM_URL (the embedded simulator), no inherited AWS or report settings.
    const child = spawn(process.execPath, [TSX, SCRIPT, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('exit', (code) => resolve({ code, stderr }))
  })

describe('npm run report -- --email', () => {
  it('Should refuse --email without the addresses', async () => {
    const r = await runScript(['--out', out, '--email'], {})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--email: set REPORT_EMAIL_TO and REPORT_EMAIL_FROM')
  })

  it('Should write the files and mail them through the local SES', async () => {
    const r = await runScript(['--out', out, '--email'], {
      REPORT_EMAIL_TO: 'ops@example.com',
      REPORT_EMAIL_FROM: 'reports@example.com',
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_SES_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_SES_CREDENTIALS.secretAccessKey,
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/e-mail sent to ops@example\.com: "Backup report \d{4}-\d{2}-\d{2}: /)
    const mail = await simpleParser(ses.raws.at(-1) ?? Buffer.alloc(0))
    expect(mail.subject).toMatch(
      /^Backup report \d{4}-\d{2}-\d{2}: (\d+ failed jobs, \d+ VMs at risk|all jobs)/
    )
    expect(mail.attachments.map((a) => a.content.toString('utf8'))).toStrictEqual([
      await readFile(join(out, 'job-summary.csv'), 'utf8'),
      await readFile(join(out, 'vm-protection.csv'), 'utf8'),
    ])
    expect((await ses.store()).at(-1)?.subject).toBe(mail.subject)
  })
})

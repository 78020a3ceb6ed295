/**
 * `/docs` in a real browser: headless Chromium (Debian's, driven by playwright-core) loads Swagger
 * UI from the real server with its real CSP, and must render every tag and a known operation with
 * no failed request, no response >= 400 and no console error. A screenshot is kept in
 * test/artifacts/ (git-ignored) for a person to look at.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServed } from './served'
import type { Served } from './served'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = new URL('../artifacts/', import.meta.url)
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const TAGS = ['backup', 'replica', 'cdp', 'reports', 'meta']

let s: Served
let profile: string
let browser: BrowserContext
beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`)
  s = await startServed()
  profile = await mkdtemp(join(tmpdir(), 'docs-browser-'))
  // A persistent context is how playwright takes a user-data-dir: a fresh one, removed afterwards.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  })
})
afterAll(async () => {
  await browser?.close()
  if (profile) await rm(profile, { recursive: true, force: true })
  await s?.close()
})

describe('/docs in headless Chromium', () => {
  it('Should render every tag and operation with no failed request and no console error', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('requestfailed', (r) =>
      problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`)
    )
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`)
    })
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))

    const res = await page.goto(`${s.baseUrl}/docs`, { waitUntil: 'networkidle' })
    expect(res?.status()).toBe(200)
    await page.locator('#operations-backup-listBackupJobSessions').waitFor({ state: 'visible' })

    for (const tag of TAGS)
      await expect(page.locator(`#operations-tag-${tag}`).isVisible()).resolves.toBe(true)
    const op = page.locator('#operations-backup-listBackupJobSessions')
    await expect(op.textContent()).resolves.toContain('List backup job sessions')
    await expect(page.locator('#operations-reports-getVmProtectionReport').textContent()).resolves.toContain(
      '/v1/reports/vm-protection'
    )
    await expect(page.locator('#operations-meta-getHealth').textContent()).resolves.toContain('/health')
    await expect(page.locator('.info .title').textContent()).resolves.toContain('EM Sessions API')

    await mkdir(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: new URL('docs-top.png', ARTIFACTS).pathname })

    // Open one operation: its parameters (with their examples) render from the document.
    await op.locator('.opblock-summary').click()
    await page.locator('#operations-backup-listBackupJobSessions tr[data-param-name="pageToken"]').waitFor()

    await page.screenshot({ path: new URL('docs.png', ARTIFACTS).pathname, fullPage: true })
    expect(problems).toEqual([])
  })
})

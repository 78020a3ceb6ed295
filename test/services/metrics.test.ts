/**
 * The metrics source: one refresh per cache period shared by concurrent scrapes, em_up 0 with the
 * last whole refresh's numbers when EM fails or is read in part, the window and RPO it asks for.
 * The report run is replaced by a fake (`build`), so nothing here reads EM.
 */
import { describe, expect, it } from 'vitest'
import { EmUnreachableError } from '../../shared/em/errors'
import { createEmReader } from '../../shared/services/em-reader'
import { createMetricsSource } from '../../shared/services/metrics'
import type { ReportRun, VmReportOptions } from '../../shared/services/reports'
import { jobRow, vmRow } from '../metrics/fixture'
import { createFakeEm } from './fake-em'

const reader = createEmReader(createFakeEm({ data: {} }))
const NOW = new Date('2026-11-01T12:00:00.000Z')

const run = (complete = true): ReportRun => {
  const envelope = {
    window: { from: '', to: '' },
    generatedAt: '',
    sessionsScanned: 1,
    complete,
    basis: { rollupDays: 0, emSessionsRead: 1 },
  }
  return {
    jobSummary: { ...envelope, rows: [jobRow()] },
    vmProtection: { ...envelope, rows: [vmRow()] },
    timeline: { unit: 'hour', buckets: [] },
    jobLastDurations: new Map([['backup|70073b98-098b-4046-a097-43cbda67d58a', 42]]),
  }
}

/** A fake report run whose answers the test releases one by one. */
const controlled = () => {
  const calls: VmReportOptions[] = []
  const pending: ((outcome: ReportRun | Error) => void)[] = []
  const build = (_r: unknown, o: VmReportOptions) => {
    calls.push(o)
    return new Promise<ReportRun>((resolve, reject) => {
      pending.push((outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)))
    })
  }
  const answer = async (outcome: ReportRun | Error) => {
    pending.shift()?.(outcome)
    await new Promise((r) => setImmediate(r))
  }
  return { calls, build, answer }
}

const clock = () => {
  let t = NOW.getTime()
  return { now: () => new Date(t), advance: (s: number) => (t += s * 1000) }
}

const settings = { windowHours: 6, rpoHours: 12, cacheSeconds: 60 }

describe('createMetricsSource', () => {
  it('Should share one refresh between concurrent scrapes and serve it for cacheSeconds', async () => {
    // Prepare
    const fake = controlled()
    const c = clock()
    const source = createMetricsSource({ reader, settings, build: fake.build, now: c.now })
    // Act
    const scrapes = Promise.all([source.scrape('text'), source.scrape('openmetrics'), source.snapshot()])
    await fake.answer(run())
    const [text, om, snap] = await scrapes
    c.advance(59)
    const again = await source.scrape('text')
    // Assess
    expect(fake.calls).toHaveLength(1)
    expect(again).toBe(text)
    expect(om).toBe(`${text}# EOF\n`)
    expect(snap.up).toBe(true)
    expect(text).toContain('em_job_last_duration_seconds{')
    expect(text).toMatch(/em_job_last_duration_seconds\{[^}]*\} 42\n/)
  })

  it('Should read the window ending now, with the configured RPO, and refresh after cacheSeconds', async () => {
    const fake = controlled()
    const c = clock()
    const source = createMetricsSource({ reader, settings, build: fake.build, now: c.now })
    const first = source.snapshot()
    await fake.answer(run())
    await first
    c.advance(60)
    const second = source.snapshot()
    await fake.answer(run())
    await second
    expect(fake.calls).toHaveLength(2)
    expect(fake.calls[0]?.to).toEqual(NOW)
    expect(fake.calls[0]?.from).toEqual(new Date(NOW.getTime() - 6 * 3_600_000))
    expect(fake.calls[0]?.rpoHours).toBe(12)
    expect(fake.calls[1]?.to).toEqual(new Date(NOW.getTime() + 60_000))
  })

  it('Should join a refresh still in flight after cacheSeconds instead of starting another', async () => {
    const fake = controlled()
    const c = clock()
    const source = createMetricsSource({ reader, settings, build: fake.build, now: c.now })
    const first = source.snapshot()
    c.advance(120)
    const second = source.snapshot()
    await fake.answer(run())
    expect(await second).toBe(await first)
    expect(fake.calls).toHaveLength(1)
  })

  it.each([
    ['EM fails', new EmUnreachableError('connect ECONNREFUSED')],
    ['EM is read in part', run(false)],
  ])('Should answer em_up 0 with the last whole numbers and their time when %s', async (_name, outcome) => {
    const fake = controlled()
    const c = clock()
    const reasons: unknown[] = []
    const source = createMetricsSource({
      reader,
      settings,
      build: fake.build,
      now: c.now,
      onRefreshFailed: (r) => reasons.push(r),
    })
    const good = source.snapshot()
    await fake.answer(run())
    const before = await good
    c.advance(60)
    const bad = source.snapshot()
    await fake.answer(outcome)
    const after = await bad
    expect(after.up).toBe(false)
    expect(after.refresh).toEqual(before.refresh)
    expect(after.refresh?.atMs).toBe(NOW.getTime())
    expect(after.jobs).toEqual(before.jobs)
    expect(reasons).toHaveLength(1)
    // The failure is cached too: EM is not asked again before cacheSeconds.
    c.advance(30)
    await source.snapshot()
    expect(fake.calls).toHaveLength(2)
  })

  it('Should answer em_up 0 and no series when no refresh was ever whole', async () => {
    const fake = controlled()
    const source = createMetricsSource({ reader, settings, build: fake.build, now: clock().now })
    const text = source.scrape('text')
    await fake.answer(new EmUnreachableError('down'))
    expect((await text).split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual(['em_up 0'])
  })

  it('Should refresh on every scrape with cacheSeconds 0, still sharing one in flight', async () => {
    const fake = controlled()
    const source = createMetricsSource({
      reader,
      settings: { ...settings, cacheSeconds: 0 },
      build: fake.build,
      now: clock().now,
    })
    const a = [source.snapshot(), source.snapshot()]
    await fake.answer(run())
    await Promise.all(a)
    const b = source.snapshot()
    await fake.answer(run())
    await b
    expect(fake.calls).toHaveLength(2)
  })
})

/**
 * Smoke test of the benchmark's measurement functions on tiny inputs (no timed assertions: only that
 * they run, count what they should and judge budgets correctly). `npm run bench` does the measuring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeFigure } from '../../bench/decode'
import { closeAgent } from '../../bench/http'
import { renderFigure } from '../../bench/metrics'
import { absoluteFigure, interleave, median, ratioFigure } from '../../bench/stats'
import { formatTable } from '../../bench/table'
import { startSimulator, type Simulator } from '../../tools/em-simulator/index'

let sim: Simulator
let camel: Simulator
const ready = (s: Simulator) => ({ url: s.url, ...s.credentials })

beforeAll(async () => {
  const now = new Date('2026-11-01T12:00:00.000Z')
  sim = await startSimulator({ seed: 3, now, scale: 0.2 })
  camel = await startSimulator({ seed: 3, now, scale: 0.2, jsonCase: 'camel' })
})

afterAll(async () => {
  closeAgent()
  await sim.close()
  await camel.close()
})

describe('stats', () => {
  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it('interleaves both sides, alternating which goes first', async () => {
    const order: string[] = []
    const s = await interleave(
      3,
      () => (order.push('m'), 1),
      () => (order.push('r'), 2),
      1
    )
    expect(order).toEqual(['m', 'r', 'm', 'r', 'r', 'm', 'm', 'r'])
    expect(s).toEqual({ measured: [1, 1, 1], reference: [2, 2, 2] })
  })

  it('judges each kind of budget', () => {
    const samples = { measured: [3, 3, 3], reference: [2, 2, 2] }
    const base = { id: 'x', name: 'x', unit: 'ms', samples }
    expect(ratioFigure({ ...base, kind: 'max', limit: 1.5 })).toMatchObject({ ratio: 1.5, pass: true })
    expect(ratioFigure({ ...base, kind: 'max', limit: 1.4 }).pass).toBe(false)
    expect(ratioFigure({ ...base, kind: 'min', limit: 1.6 }).pass).toBe(false)
    const speed = ratioFigure({ ...base, kind: 'speedup', limit: 0.6 })
    expect(speed.ratio).toBeCloseTo(2 / 3)
    expect(speed.pass).toBe(true)
    expect(
      absoluteFigure({
        id: 'y',
        name: 'y',
        unit: 'MB',
        measured: 300,
        budget: '≤ 256 MB',
        ok: (v) => v <= 256,
      }).pass
    ).toBe(false)
  })
})

describe('decode figures', () => {
  it('measure the EM client path against the fetch floor in every format, and make a table', async () => {
    const o = { reps: 2, warmup: 0, pages: 1 }
    const figs = [
      await decodeFigure(ready(sim), 'json', o),
      await decodeFigure(ready(camel), 'json-camel', o),
      await decodeFigure(ready(sim), 'xml', o),
    ]
    for (const f of figs) {
      expect(Number.isFinite(f.measured) && f.measured > 0).toBe(true)
      expect(Number.isFinite(f.ratio)).toBe(true)
      expect(f.note).toMatch(/\(([1-9]\d*) BackupTaskSession entities\)/)
      expect(f.note).toContain('sink ok')
    }
    const table = formatTable(figs)
    expect(table).toContain('decode+normalize in place, EM JSON')
    expect(table).toContain('≤ 1.15×')
  })
})

describe('metrics render figure', () => {
  it('renders the 10,000-VM estate and counts its series', async () => {
    const figure = await renderFigure(1)
    expect(figure.id).toBe('metrics-render-10k')
    expect(Number.isFinite(figure.measured)).toBe(true)
    // em_up, 2 refresh gauges; 1,000 jobs × (4 + 3 sessions); 10,000 VMs × (3 statuses + last success)
    expect(figure.note).toContain(`${3 + 1000 * 7 + 10_000 * 4} series`)
  })
})

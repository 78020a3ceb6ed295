/**
 * @module Output of a benchmark run: the table printed to the terminal and the JSON written to
 * `bench/results.json` (git-ignored) with the machine it ran on.
 */
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import type { Figure } from './stats'

const num = (v: number | null, unit = ''): string => {
  if (v === null) return '–'
  if (!Number.isFinite(v)) return String(v)
  const abs = Math.abs(v)
  const text = abs >= 1000 ? v.toFixed(0) : abs >= 100 ? v.toFixed(1) : abs >= 1 ? v.toFixed(2) : v.toFixed(3)
  return unit === '' ? text : `${text} ${unit}`
}

const ratioText = (f: Figure): string => (f.ratio === null ? '–' : `${f.ratio.toFixed(2)}×`)

/** The table: figure, measured, reference, ratio, budget, pass/miss; notes below it. */
export const formatTable = (figures: readonly Figure[]): string => {
  const header = ['figure', 'measured', 'reference', 'ratio', 'budget', 'result']
  const rows = figures.map((f) => [
    f.name,
    num(f.measured, f.unit),
    num(f.reference, f.reference === null ? '' : f.unit),
    ratioText(f),
    f.budget,
    f.pass ? 'pass' : 'MISS',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '']
  for (const f of figures) if (f.note !== undefined) out.push(`- ${f.name}: ${f.note}`)
  return out.join('\n')
}

/** Writes the figures and the run's context as JSON. */
export const writeResults = async (
  path: string,
  figures: readonly Figure[],
  startedAt: Date
): Promise<void> => {
  const body = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadAverage: os.loadavg(),
    allPass: figures.every((f) => f.pass),
    figures,
  }
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`)
}

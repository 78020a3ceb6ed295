/**
 * @module Inline SVG charts for the HTML report (no script, no external asset): stacked bars of
 * results over time, and horizontal stacked bars per job. Each bar segment has a `<title>` tooltip.
 */
import type { JobSummaryRow } from '../model/report'
import { esc } from './html-format'
import type { TimelineBucket } from './timeline'

export const COLORS = { success: '#2e7d32', warning: '#f9a825', failed: '#c62828', other: '#9e9e9e' } as const
type Series = keyof typeof COLORS
const SERIES: readonly Series[] = ['success', 'warning', 'failed', 'other']
const LABEL: Record<Series, string> = {
  success: 'Success',
  warning: 'Warning',
  failed: 'Failed',
  other: 'Running/other',
}

/** A "nice" axis maximum: 1, 2 or 5 × 10^n at or above `max`. */
const niceMax = (max: number): number => {
  if (max <= 0) return 1
  const p = 10 ** Math.floor(Math.log10(max))
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= max) ?? max
}

export const legend = (): string =>
  `<p class="legend">${SERIES.map((s) => `<span><i style="background:${COLORS[s]}"></i>${LABEL[s]}</span>`).join('')}</p>`

/** Vertical stacked bars, one per bucket (hour or day). */
export const timelineChart = (buckets: readonly TimelineBucket[], unit: 'hour' | 'day'): string => {
  const width = 960
  const height = 220
  const left = 40
  const bottom = 24
  const plotH = height - bottom - 10
  const total = (b: TimelineBucket) => b.success + b.warning + b.failed + b.other
  const max = niceMax(Math.max(0, ...buckets.map(total)))
  const slot = (width - left) / Math.max(1, buckets.length)
  const barW = Math.max(2, slot * 0.7)
  const every = Math.ceil(buckets.length / 16)
  const parts: string[] = []
  for (const frac of [0, 0.5, 1]) {
    const y = 10 + plotH - frac * plotH
    parts.push(`<line x1="${left}" x2="${width}" y1="${y}" y2="${y}" class="grid"/>`)
    parts.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end">${Math.round(max * frac)}</text>`)
  }
  buckets.forEach((b, i) => {
    const x = left + i * slot + (slot - barW) / 2
    const label = unit === 'hour' ? `${b.start.slice(11, 13)}h` : b.start.slice(5, 10)
    let y = 10 + plotH
    for (const s of SERIES) {
      if (b[s] === 0) continue
      const h = (b[s] / max) * plotH
      y -= h
      const tip = `${b.start.slice(0, unit === 'hour' ? 13 : 10)}: ${b[s]} ${LABEL[s]}`
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[s]}"><title>${esc(tip)}</title></rect>`
      )
    }
    if (i % every === 0) {
      parts.push(
        `<text x="${(x + barW / 2).toFixed(1)}" y="${height - 6}" text-anchor="middle">${esc(label)}</text>`
      )
    }
  })
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="Sessions per ${unit} by result">${parts.join('')}</svg>`
}

/** Horizontal stacked bars, one per job, for at most `limit` jobs (most failures first). */
export const jobsChart = (rows: readonly JobSummaryRow[], limit = 20): string => {
  const shown = [...rows]
    .sort((a, b) => b.sessions.failed - a.sessions.failed || b.sessions.total - a.sessions.total)
    .slice(0, limit)
  const width = 960
  const labelW = 260
  const rowH = 22
  const height = Math.max(1, shown.length) * rowH + 8
  const max = niceMax(Math.max(0, ...shown.map((r) => r.sessions.total)))
  const plotW = width - labelW - 50
  const parts = shown.map((r, i) => {
    const y = 4 + i * rowH
    const name = r.jobName ?? r.jobId ?? '(unnamed)'
    const short = name.length > 38 ? `${name.slice(0, 37)}…` : name
    let x = labelW
    const counts: Record<Series, number> = { ...r.sessions, other: r.sessions.running }
    const segs = SERIES.map((s) => {
      const w = (counts[s] / max) * plotW
      const seg =
        counts[s] === 0
          ? ''
          : `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${COLORS[s]}"><title>${esc(`${name}: ${counts[s]} ${LABEL[s]}`)}</title></rect>`
      x += w
      return seg
    })
    return (
      `<text x="${labelW - 8}" y="${y + rowH / 2 + 3}" text-anchor="end">${esc(short)} <tspan class="kind">${r.kind}</tspan></text>` +
      segs.join('') +
      `<text x="${(x + 6).toFixed(1)}" y="${y + rowH / 2 + 3}">${r.sessions.total}</text>`
    )
  })
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="Sessions per job by result">${parts.join('')}</svg>`
}

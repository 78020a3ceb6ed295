/**
 * @module Building blocks of the e-mail HTML, made for mail clients (Outlook's Word engine, Gmail):
 * tables for layout, inline `style` plus `bgcolor`/`width` attributes, bars as table cells. No
 * `<style>`, no SVG, no script, no image or other remote resource. Every text argument is escaped here.
 */
import { esc } from '../html-format'

/** Ends with `;`, so more declarations can follow. */
export const FONT = "font-family:'Segoe UI',Helvetica,Arial,sans-serif;"

export const COLORS = {
  ok: '#15803d',
  warn: '#b45309',
  bad: '#b91c1c',
  muted: '#6b7280',
  text: '#111827',
  line: '#e5e7eb',
  soft: '#f9fafb',
  success: '#16a34a',
  warning: '#f59e0b',
  failed: '#dc2626',
  running: '#60a5fa',
} as const

export type Tone = 'ok' | 'warn' | 'bad' | 'muted'

/** A layout table (no borders, no spacing), full width unless told. */
export const layout = (rows: string, style = '', width = '100%') =>
  `<table role="presentation" width="${width}" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;${style}">${rows}</table>`

/** One horizontal bar: segments as table cells whose widths are shares of the total (zero shares left out). */
export const bar = (segments: readonly { readonly value: number; readonly color: string }[], height = 10) => {
  const total = segments.reduce((s, x) => s + x.value, 0)
  if (total === 0)
    return layout(
      `<tr><td bgcolor="${COLORS.line}" height="${height}" style="background:${COLORS.line};height:${height}px;font-size:0;line-height:0">&nbsp;</td></tr>`
    )
  const cells = segments
    .filter((s) => s.value > 0)
    .map((s) => {
      const pct = Math.max(1, Math.round((s.value / total) * 100))
      return `<td width="${pct}%" bgcolor="${s.color}" height="${height}" style="width:${pct}%;background:${s.color};height:${height}px;font-size:0;line-height:0">&nbsp;</td>`
    })
  return layout(`<tr>${cells.join('')}</tr>`)
}

/** A coloured label for a result or a status. */
export const badge = (text: string, tone: Tone) =>
  `<span style="color:${COLORS[tone]};font-weight:600;white-space:nowrap">${esc(text)}</span>`

const CELL = `padding:6px 8px;border-bottom:1px solid ${COLORS.line};vertical-align:top;font-size:13px;${FONT}`

/** A data table: head texts (escaped) and rows of cell HTML (the caller escapes the cells' text). */
export const dataTable = (
  head: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: ReadonlySet<number>
) => {
  const align = (i: number) => (numeric.has(i) ? 'text-align:right;white-space:nowrap;' : 'text-align:left;')
  const th = head
    .map(
      (h, i) =>
        `<th style="${CELL}${align(i)}color:${COLORS.muted};font-weight:600;background:${COLORS.soft}">${esc(h)}</th>`
    )
    .join('')
  const body = rows.map(
    (cells) => `<tr>${cells.map((c, i) => `<td style="${CELL}${align(i)}">${c}</td>`).join('')}</tr>`
  )
  return layout(`<tr>${th}</tr>${body.join('')}`)
}

/** A section heading. */
export const heading = (text: string) =>
  `<h2 style="margin:24px 0 8px;font-size:16px;color:${COLORS.text};${FONT}">${esc(text)}</h2>`

/** A short paragraph (escaped). */
export const note = (text: string, color: string = COLORS.muted) =>
  `<p style="margin:8px 0;font-size:13px;color:${color};${FONT}">${esc(text)}</p>`

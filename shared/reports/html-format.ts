/**
 * @module Text helpers for the HTML report: escaping (every piece of text from EM goes through `esc`)
 * and human formats for bytes, durations, rates and times.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** HTML-escapes text for element content and quoted attribute values. */
export const esc = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']

/** 1024-based, one decimal: `64424509440` → `60.0 GB`. */
export const formatBytes = (bytes: number): string => {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit] ?? 'B'}`
}

/** `3725` → `1h 02m`; `95` → `1m 35s`. */
export const formatDuration = (seconds: number | null): string => {
  if (seconds === null) return '–'
  const s = Math.round(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`
  return `${m}m ${String(s % 60).padStart(2, '0')}s`
}

/** `0.9667` → `96.7%`; null → `–`. */
export const formatRate = (rate: number | null): string =>
  rate === null ? '–' : `${(rate * 100).toFixed(1)}%`

/** `2024-03-01T05:45:00.000Z` → `2024-03-01 05:45 UTC`. */
export const formatTime = (iso: string | null): string =>
  iso === null ? '–' : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`

/** `12.3456` → `12.3 h`; null → `–`. */
export const formatHours = (hours: number | null): string => (hours === null ? '–' : `${hours.toFixed(1)} h`)

/** The CSS class (and colour) of an EM result or a VM status. */
export const toneOf = (value: string | null): string => {
  switch (value) {
    case 'Success':
    case 'protected':
      return 'ok'
    case 'Warning':
    case 'at-risk':
      return 'warn'
    case 'Failed':
    case 'unprotected':
      return 'bad'
    default:
      return 'muted'
  }
}

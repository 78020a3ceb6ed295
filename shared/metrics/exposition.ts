/**
 * @module Writes metric families in the Prometheus text format 0.0.4 or OpenMetrics 1.0 (pure).
 * Label values escape backslash, double quote and line feed, as both formats require; anything
 * else (non-ASCII letters, commas, tabs) is written as is, in UTF-8. Lone UTF-16 surrogates (not
 * UTF-8 at all) become U+FFFD.
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 * @see https://github.com/OpenObservability/OpenMetrics/blob/main/specification/OpenMetrics.md
 */
import type { Labels, MetricFamily } from './series'

export type ExpositionFormat = 'text' | 'openmetrics'

export const EXPOSITION_CONTENT_TYPES: Readonly<Record<ExpositionFormat, string>> = {
  text: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** The string as valid UTF-16 (so as valid UTF-8 once encoded): lone surrogates become U+FFFD. */
const wellFormed = (s: string): string => s.replace(LONE_SURROGATE, '\uFFFD')

const escapeChar = (c: string): string => (c === '\n' ? '\\n' : `\\${c}`)

const NEEDS_WORK = /[\\"\n\uD800-\uDFFF]/

/** A label value between double quotes: `\` → `\\`, `"` → `\"`, line feed → `\n`. */
export const escapeLabelValue = (value: string): string =>
  NEEDS_WORK.test(value) ? wellFormed(value).replace(/[\\"\n]/g, escapeChar) : value

/** HELP text: `\` and line feed in both formats; OpenMetrics also escapes `"`. */
export const escapeHelp = (text: string, format: ExpositionFormat): string =>
  wellFormed(text).replace(format === 'openmetrics' ? /[\\"\n]/g : /[\\\n]/g, escapeChar)

const pairs = (labels: Labels): string =>
  labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')

/** Go's float syntax: integers and decimals as JavaScript prints them, and the three specials. */
export const formatValue = (value: number): string =>
  Number.isNaN(value) ? 'NaN' : value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value)

/**
 * @example render(metricFamilies(input), 'text') // "# HELP em_up …\n# TYPE em_up gauge\nem_up 1\n…"
 */
export const render = (families: readonly MetricFamily[], format: ExpositionFormat): string => {
  // A row's labels are one array shared by its samples and families, and `extra` labels are shared
  // constants: each is escaped once.
  const escaped = new WeakMap<Labels, string>()
  const labelsOf = (labels: Labels): string => {
    let s = escaped.get(labels)
    if (s === undefined) {
      s = pairs(labels)
      escaped.set(labels, s)
    }
    return s
  }
  let out = ''
  for (const f of families) {
    out += `# HELP ${f.name} ${escapeHelp(f.help, format)}\n# TYPE ${f.name} ${f.type}\n`
    for (const s of f.samples) {
      const base = labelsOf(s.labels)
      const extra = s.extra === undefined ? '' : labelsOf(s.extra)
      const set = base === '' || extra === '' ? base + extra : `${base},${extra}`
      out += `${f.name}${set === '' ? '' : `{${set}}`} ${formatValue(s.value)}\n`
    }
  }
  return format === 'openmetrics' ? `${out}# EOF\n` : out
}

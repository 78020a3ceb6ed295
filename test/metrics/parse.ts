/**
 * A small reader of the text exposition format for tests: sample lines into name, labels (unescaped)
 * and value. Independent of the writer under test (it undoes the escapes character by character).
 */
export interface ParsedSample {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly value: number
}

const unescape = (s: string): string => s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c))

const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g

export const parseSamples = (body: string): ParsedSample[] =>
  body
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((line) => {
      const open = line.indexOf('{')
      const close = line.lastIndexOf('}')
      const hasLabels = open !== -1 && close > open
      const name = hasLabels ? line.slice(0, open) : (line.split(' ')[0] ?? '')
      const labels: Record<string, string> = {}
      if (hasLabels)
        for (const m of line.slice(open + 1, close).matchAll(LABEL)) labels[m[1] ?? ''] = unescape(m[2] ?? '')
      const value = Number(line.slice(hasLabels ? close + 1 : name.length).trim())
      return { name, labels, value }
    })

/** The samples of one metric. */
export const samplesOf = (body: string, name: string): ParsedSample[] =>
  parseSamples(body).filter((s) => s.name === name)

/**
 * `promtool` (Debian's `prometheus` package; `.ci/run` installs it) for the metrics tests:
 * `check metrics` on a scrape body (stdin) and `check rules` on a file.
 */
import { spawn } from 'node:child_process'

export interface ToolResult {
  readonly code: number | null
  readonly output: string
}

export const runTool = (args: readonly string[], stdin?: string): Promise<ToolResult> =>
  new Promise((resolve, reject) => {
    const child = spawn('promtool', [...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
    child.stdin.end(stdin ?? '')
  })

/** `promtool check metrics < body`: exit 0 and no lint findings. */
export const checkMetrics = (body: string): Promise<ToolResult> => runTool(['check', 'metrics'], body)

/**
 * @module Example: the failed backup job sessions of the last day, with the VMs that failed in each
 * and why. Copy it: it uses only the generated client (`clients/typescript`).
 *
 *   npm start                               # prints the base URL and a dev API key
 *   API_BASE=http://127.0.0.1:3000 API_KEY=dev-… npx tsx examples/list-failed-backups.ts
 *
 * Optional: HOURS (look-back window, default 24).
 */
import { ApiProblemError, createApiClient, paginate } from '../clients/typescript/index'

const baseUrl = process.env['API_BASE'] ?? 'http://127.0.0.1:3000'
const apiKey = process.env['API_KEY']
const hours = Number(process.env['HOURS'] ?? '24')

const main = async (): Promise<void> => {
  if (!apiKey) throw new Error('Set API_KEY (npm start prints a dev key)')
  const api = createApiClient({ baseUrl, apiKey })
  const createdAfter = new Date(Date.now() - hours * 3_600_000).toISOString()

  // Every failed backup job session created in the window, newest first, across all pages.
  const failed = paginate((pageToken) =>
    api.GET('/v1/backup-job-sessions', {
      params: { query: { result: ['Failed'], createdAfter, pageSize: 200, pageToken } },
    })
  )
  let count = 0
  for await (const session of failed) {
    count++
    const server = session.backupServer?.name ?? 'unknown server'
    process.stdout.write(`${session.creationTime}  ${session.jobName ?? session.name}  (${server})\n`)
    if (session.failureMessage) process.stdout.write(`    ${session.failureMessage}\n`)

    // The VMs (task sessions) of this job session that failed, and EM's reason for each.
    const tasks = paginate((pageToken) =>
      api.GET('/v1/backup-job-sessions/{id}/task-sessions', {
        params: { path: { id: session.id }, query: { result: ['Failed'], pageToken } },
      })
    )
    for await (const task of tasks) {
      process.stdout.write(`    - ${task.vmName ?? task.name}: ${task.reason ?? 'no reason given'}\n`)
    }
  }
  process.stdout.write(`${count} failed backup job session(s) in the last ${hours} h\n`)
}

main().catch((err: unknown) => {
  // A problem+json answer (400, 401, 502, 503, 504) carries a stable `type` and a readable `detail`.
  const message =
    err instanceof ApiProblemError
      ? `${err.message}${err.problem ? ` [${err.problem.type}]` : ''}`
      : String(err instanceof Error ? err.message : err)
  process.stderr.write(`${message}\n`)
  process.exit(1)
})

/**
 * @module Example: an integration that polls the events feed and prints every failed session as one
 * line (a ticketing or chat-alert bridge would open a ticket or post a message there instead). The
 * cursor is stored in a file after each page, so a restart resumes where the last run stopped:
 * nothing missed, nothing repeated. Copy it: it uses only the generated client (`clients/typescript`).
 *
 *   npm start                               # prints the base URL and a dev API key
 *   API_BASE=http://127.0.0.1:3000 API_KEY=dev-… npx tsx examples/poll-failed-sessions.ts
 *
 * Optional: CURSOR_FILE (default `.events-cursor`), SINCE (first run only, RFC 3339; default: the
 * API's, 24 hours ago), POLL_SECONDS (wait when caught up, default 60), ONCE=1 (stop when caught up).
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { ApiProblemError, createApiClient, type Schemas } from '../clients/typescript/index'

const baseUrl = process.env['API_BASE'] ?? 'http://127.0.0.1:3000'
const apiKey = process.env['API_KEY']
const cursorFile = process.env['CURSOR_FILE'] ?? '.events-cursor'
const since = process.env['SINCE']
const pollSeconds = Number(process.env['POLL_SECONDS'] ?? '60')
const once = process.env['ONCE'] === '1'

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000))

/** The stored cursor, or undefined on the first run. */
const loadCursor = async (): Promise<string | undefined> => {
  try {
    const text = (await readFile(cursorFile, 'utf8')).trim()
    return text === '' ? undefined : text
  } catch {
    return undefined
  }
}

/** Write-then-rename: a crash mid-write never leaves half a cursor behind. */
const saveCursor = async (cursor: string): Promise<void> => {
  await writeFile(`${cursorFile}.tmp`, cursor)
  await rename(`${cursorFile}.tmp`, cursorFile)
}

/** One line per failed session: when, what, where, why. */
const line = (e: Schemas['Event']): string => {
  const s = e.session
  const what =
    'vmName' in s
      ? `${s.vmName ?? s.name} (task)`
      : 'jobName' in s
        ? (s.jobName ?? s.name)
        : (s.policyName ?? s.name)
  const why = ('reason' in s ? s.reason : s.failureMessage) ?? 'no reason given'
  return `${e.occurredAt}  FAILED  ${e.family}  ${what}  on ${s.backupServer?.name ?? 'unknown server'}: ${why}`
}

const main = async (): Promise<void> => {
  if (!apiKey) throw new Error('Set API_KEY (npm start prints a dev key)')
  const api = createApiClient({ baseUrl, apiKey })
  let backoff = pollSeconds
  for (;;) {
    const cursor = await loadCursor()
    // The same parameters on every poll; `since` only on the very first (a cursor replaces it).
    const query = {
      type: ['session.finished' as const],
      result: ['Failed' as const],
      pageSize: 200,
      ...(cursor === undefined ? (since === undefined ? {} : { since }) : { cursor }),
    }
    const { data, error, response } = await api.GET('/v1/events', { params: { query } })
    if (error !== undefined || data === undefined) {
      if (response.status === 410) {
        // The stored cursor is older than the deployment keeps them: start again (from SINCE or 24 h ago).
        process.stderr.write('cursor expired: starting again from SINCE (or the last 24 hours)\n')
        await rm(cursorFile, { force: true })
        continue
      }
      const retryAfter = Number(response.headers.get('Retry-After') ?? '')
      if (response.status === 503 || response.status === 504 || response.status === 429) {
        // EM is busy or down: wait (Retry-After when given), then retry the same cursor.
        await sleep(
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : Math.min((backoff *= 2), 900)
        )
        continue
      }
      throw new ApiProblemError(response.status, error)
    }
    backoff = pollSeconds
    // Handle the page first, then store the cursor: a crash in between repeats this page at most
    // (at-least-once), and `id` (`<session id>:finished`) is how a consumer recognises a repeat.
    for (const e of data.items) process.stdout.write(`${line(e)}\n`)
    await saveCursor(data.nextCursor)
    if (data.caughtUp) {
      if (once) return
      await sleep(pollSeconds)
    }
  }
}

main().catch((err: unknown) => {
  const message =
    err instanceof ApiProblemError
      ? `${err.message}${err.problem ? ` [${err.problem.type}]` : ''}`
      : String(err instanceof Error ? err.message : err)
  process.stderr.write(`${message}\n`)
  process.exit(1)
})

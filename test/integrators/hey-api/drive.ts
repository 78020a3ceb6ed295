/**
 * @module The driver of the second generated client (@hey-api/openapi-ts, fetch client). Not compiled
 * by the repository's tsconfig: `hey-api-client.test.ts` copies it beside the client it generates into
 * test/artifacts/hey-api (NodeNext, strict), compiles both with `tsc --strict --noEmit`, then loads it.
 * It only calls the generated SDK and returns what it saw; the test judges it against the simulator.
 */
import { createClient, createConfig } from './client/client/index.js'
import type { Client } from './client/client/index.js'
import {
  getBackupJobSession,
  getJobSummaryReport,
  getVmProtectionReport,
  listBackupJobSessions,
  listBackupJobSessionTaskSessions,
} from './client/index.js'
import type { JobSession, JobSummaryReport, Problem, VmProtectionReport } from './client/index.js'

export interface Window {
  readonly from: string
  readonly to: string
}

export interface Driven {
  /** Ids in the order the pages gave them, and how many pages it took. */
  readonly walk: { readonly ids: readonly string[]; readonly pages: number }
  readonly got: JobSession | undefined
  readonly children: { readonly status: number; readonly jobSessionIds: readonly string[] }
  readonly jobSummary: JobSummaryReport | undefined
  readonly vmProtection: VmProtectionReport | undefined
  /** The typed 400 answer: the Problem's fields, read through the generated type. */
  readonly problem: {
    readonly status: number
    readonly type: string
    readonly parameters: readonly string[]
    readonly contentType: string | null
  }
}

export interface Csv {
  readonly status: number
  readonly contentType: string | null
  readonly text: string
}

export const makeClient = (baseUrl: string, apiKey: string): Client =>
  createClient(createConfig({ baseUrl, auth: () => apiKey }))

const must = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`hey-api client: no ${what}`)
  return value
}

export const drive = async (client: Client, window: Window, pageSize: number): Promise<Driven> => {
  const ids: string[] = []
  let pages = 0
  let pageToken: string | undefined
  do {
    const { data, error, response } = await listBackupJobSessions({
      client,
      query: {
        createdAfter: window.from,
        createdBefore: window.to,
        sort: 'creationTime',
        pageSize,
        pageToken,
      },
    })
    if (error !== undefined) throw new Error(`list page ${pages}: ${response?.status ?? 'no answer'}`)
    const page = must(data, 'page')
    pages++
    ids.push(...page.items.map((i) => i.id))
    pageToken = page.nextPageToken ?? undefined
  } while (pageToken !== undefined && pages < 1000)

  const firstId = must(ids[0], 'first id')
  const got = await getBackupJobSession({ client, path: { id: firstId } })
  const kids = await listBackupJobSessionTaskSessions({
    client,
    path: { id: firstId },
    query: { pageSize: 1000 },
  })
  const jobSummary = await getJobSummaryReport({ client, query: { from: window.from, to: window.to } })
  const vmProtection = await getVmProtectionReport({ client, query: { from: window.from, to: window.to } })

  const bad = await listBackupJobSessions({ client, query: { pageSize: 0 } })
  const problem: Problem = must(bad.error, '400 problem')
  return {
    walk: { ids, pages },
    got: got.data,
    children: {
      status: kids.response?.status ?? 0,
      jobSessionIds: (kids.data?.items ?? []).map((t) => t.jobSessionId ?? ''),
    },
    jobSummary: jobSummary.data,
    vmProtection: vmProtection.data,
    problem: {
      status: bad.response?.status ?? 0,
      type: problem.type,
      parameters: (problem.errors ?? []).map((e) => e.parameter),
      contentType: bad.response?.headers.get('content-type') ?? null,
    },
  }
}

/** A CSV path, read as text through the same generated client (its URL comes from the document). */
export const csv = async (client: Client, url: string, window: Window): Promise<Csv> => {
  const { response, data, error } = await client.get<Record<200, string>, Record<number, Problem>, false>({
    url,
    query: { from: window.from, to: window.to },
    parseAs: 'text',
    security: [{ scheme: 'bearer', type: 'http' }],
  })
  const text = typeof data === 'string' ? data : JSON.stringify(error)
  return { status: response?.status ?? 0, contentType: response?.headers.get('content-type') ?? null, text }
}

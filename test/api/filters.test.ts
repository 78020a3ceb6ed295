/**
 * Every list filter alone and combined, for every family, checked against the simulator's data set
 * computed here independently; and hostile values in string filters, which must return exact
 * matches only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAMILY_LIST, type AnyFamily } from '../../shared/families/families'
import { filtersOf } from '../../shared/families/family'

import type { FilterParam } from '../../shared/families/filter-ops'
import type { SimSession } from '../../tools/em-simulator/index'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

const DAY = 86_400_000
/**
 * Walks every page; checks newest-first order, and returns the ids sorted (EM does not define the
 * order of sessions created at the same instant, so ties are compared as sets).
 */
const walkIds = async (path: string): Promise<string[]> => {
  const items: { id: string; creationTime: string }[] = []
  let token: string | null = null
  do {
    const url: string = token ? `${path}&pageToken=${encodeURIComponent(token)}` : path
    const { status, body } = await h.json<{
      items: { id: string; creationTime: string }[]
      nextPageToken: string | null
    }>(url)
    expect(status, url).toBe(200)
    items.push(...body.items)
    token = body.nextPageToken
  } while (token)
  for (let i = 1; i < items.length; i++) {
    expect(Date.parse(items[i - 1]?.creationTime ?? '') >= Date.parse(items[i]?.creationTime ?? '')).toBe(
      true
    )
  }
  const ids = items.map((i) => i.id)
  expect(new Set(ids).size).toBe(ids.length)
  return ids.sort()
}

/** The data set's value for a filter parameter (the test's own reading of the contract). */
const simValue = (s: SimSession, p: FilterParam): string | null => {
  const r = s as unknown as Record<string, unknown>
  switch (p) {
    case 'backupServerId':
      return s.serverId
    case 'backupServerName':
      return s.serverName
    case 'policyId':
      return String(r['jobId'])
    case 'policyName':
      return String(r['jobName'])
    case 'policySessionId':
      return String(r['jobSessionId'])
    default:
      return r[p] === undefined ? null : String(r[p])
  }
}

const window = () => {
  const to = h.sim.dataset.now.getTime()
  return { from: new Date(to - 3 * DAY), to: new Date(to) }
}
const inWindow = (family: AnyFamily) => {
  const { from, to } = window()
  return h.sim.dataset.sessions(family.emType).filter((s) => s.creationTime >= from && s.creationTime < to)
}
const base = (family: AnyFamily) => {
  const { from, to } = window()
  return `/v1/${family.key}?pageSize=200&createdAfter=${from.toISOString()}&createdBefore=${to.toISOString()}`
}
/** Expected ids, sorted like `walkIds` returns them (order itself is checked in `walkIds`). */
const newestFirst = (list: SimSession[]) => list.map((s) => s.id).sort()

const EXACT: FilterParam[] = [
  'backupServerId',
  'backupServerName',
  'jobId',
  'jobName',
  'jobType',
  'vmName',
  'jobSessionId',
  'policySessionId',
  'policyId',
  'policyName',
]

describe.each(FAMILY_LIST.map((f) => [f.key, f] as const))('%s filters', (_key, family) => {
  const params = filtersOf(family)

  it.each(params.filter((p) => EXACT.includes(p)))('Should filter by %s alone', async (p) => {
    const candidates = inWindow(family)
    // A value that some but not all sessions of the window have.
    const pick = candidates[Math.floor(candidates.length / 3)]
    if (!pick) throw new Error('empty window')
    const value = simValue(pick, p) ?? ''
    const want = newestFirst(candidates.filter((s) => simValue(s, p)?.toLowerCase() === value.toLowerCase()))
    const ids = await walkIds(
      `${base(family)}&${p}=${encodeURIComponent(p.endsWith('Id') ? value.toUpperCase() : value)}`
    )
    expect(ids).toEqual(want)
    expect(ids.length).toBeGreaterThan(0)
  })

  it('Should filter by state and result (repeated and comma-separated) combined with a server', async () => {
    const candidates = inWindow(family)
    const server = candidates[0]?.serverId ?? ''
    const results = ['Failed', 'Warning']
    const want = newestFirst(candidates.filter((s) => s.serverId === server && results.includes(s.result)))
    const ids = await walkIds(`${base(family)}&result=Failed&result=Warning&backupServerId=${server}`)
    expect(ids).toEqual(want)
    const again = await walkIds(`${base(family)}&result=Failed,Warning&backupServerId=${server}`)
    expect(again).toEqual(want)
    const states = [...new Set(candidates.map((s) => s.state))].slice(0, 1)
    const byState = await walkIds(`${base(family)}&state=${states.join(',')}`)
    expect(byState).toEqual(newestFirst(candidates.filter((s) => states.includes(s.state))))
  })

  it('Should filter by end time; running sessions never match', async () => {
    const { from, to } = window()
    const mid = new Date((from.getTime() + to.getTime()) / 2)
    const want = newestFirst(inWindow(family).filter((s) => s.endTime !== null && s.endTime >= mid))
    expect(await walkIds(`${base(family)}&endedAfter=${mid.toISOString()}`)).toEqual(want)
    const before = newestFirst(inWindow(family).filter((s) => s.endTime !== null && s.endTime < mid))
    expect(
      await walkIds(
        `${base(family)}&endedBefore=${encodeURIComponent(mid.toISOString().replace('Z', '+00:00'))}`
      )
    ).toEqual(before)
  })
})

describe('hostile values', () => {
  const family = FAMILY_LIST.find((f) => f.key === 'backup-task-sessions')
  if (!family) throw new Error('family missing')

  it('Should return exact matches for real names with quotes, commas, parentheses and semicolons', async () => {
    const all = h.sim.dataset.sessions('BackupTaskSession')
    const names = [...new Set(all.map((s) => s.vmName))].filter((n) => /["',;()&]/.test(n))
    expect(names.length).toBeGreaterThan(0)
    for (const name of names.slice(0, 4)) {
      const want = newestFirst(all.filter((s) => s.vmName === name && s.creationTime >= window().from))
      const ids = await walkIds(
        `/v1/backup-task-sessions?pageSize=500&createdAfter=${window().from.toISOString()}&vmName=${encodeURIComponent(name)}`
      )
      expect(ids, name).toEqual(want)
    }
  })

  it.each([
    '" , Name != "',
    'x");(VmDisplayName!="',
    '*',
    '"";State==Completed',
    'a,b;c(d)e==f<=g>=h',
    '%22%3b',
  ])('Should match nothing for the injection attempt %j', async (value) => {
    for (const p of ['vmName', 'jobName', 'backupServerName']) {
      const { status, body } = await h.json<{ items: unknown[] }>(
        `/v1/backup-task-sessions?${p}=${encodeURIComponent(value)}`
      )
      expect(status).toBe(200)
      expect(body.items).toEqual([])
    }
  })
})

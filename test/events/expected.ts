/**
 * The events a consumer must collect, computed from the simulator's data set (never through the
 * app): one started event per session created in the span, one finished event per session ended in
 * it, in (occurredAt, id) order.
 */
import type { Dataset } from '../../tools/em-simulator/index'
import type { SimQueryType } from '../../tools/em-simulator/em-api'

export interface FeedEvent {
  id: string
  type: 'session.started' | 'session.finished'
  occurredAt: string
  family: string
  session: { id: string; result: string | null; endTime: string | null; creationTime: string }
}

export interface FeedPage {
  items: FeedEvent[]
  nextCursor: string
  caughtUp: boolean
}

export const TYPES: readonly { type: SimQueryType; family: string; kind: string; level: string }[] = [
  { type: 'BackupJobSession', family: 'backup-job-sessions', kind: 'backup', level: 'job' },
  { type: 'BackupTaskSession', family: 'backup-task-sessions', kind: 'backup', level: 'task' },
  { type: 'ReplicaJobSession', family: 'replica-job-sessions', kind: 'replica', level: 'job' },
  { type: 'ReplicaTaskSession', family: 'replica-task-sessions', kind: 'replica', level: 'task' },
  { type: 'CdpReplicaSession', family: 'cdp-replica-sessions', kind: 'cdp', level: 'job' },
  { type: 'CdpReplicaTaskSession', family: 'cdp-replica-task-sessions', kind: 'cdp', level: 'task' },
]

export interface Selection {
  since: number
  /** Inclusive upper bound (the horizon); default: everything. */
  until?: number
  kind?: string[]
  level?: string[]
  type?: string[]
  result?: string[]
}

export const expectedEvents = (dataset: Dataset, sel: Selection): { id: string; occurredAt: string }[] => {
  const until = sel.until ?? Number.MAX_SAFE_INTEGER
  const out: { id: string; ms: number }[] = []
  const inSpan = (ms: number) => ms >= sel.since && ms <= until
  for (const t of TYPES) {
    if (sel.kind && !sel.kind.includes(t.kind)) continue
    if (sel.level && !sel.level.includes(t.level)) continue
    for (const s of dataset.sessions(t.type)) {
      const created = s.creationTime.getTime()
      if ((!sel.type || sel.type.includes('session.started')) && inSpan(created))
        out.push({ id: `${s.id}:started`, ms: created })
      const ended = s.endTime?.getTime()
      if (
        ended !== undefined &&
        (!sel.type || sel.type.includes('session.finished')) &&
        inSpan(ended) &&
        (!sel.result || sel.result.includes(s.result))
      )
        out.push({ id: `${s.id}:finished`, ms: ended })
    }
  }
  out.sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return out.map((e) => ({ id: e.id, occurredAt: new Date(e.ms).toISOString() }))
}

/** The query string of a selection's first poll. */
export const queryOf = (sel: Selection, pageSize: number): string => {
  const p = new URLSearchParams({ since: new Date(sel.since).toISOString(), pageSize: String(pageSize) })
  for (const k of ['kind', 'level', 'type', 'result'] as const) for (const v of sel[k] ?? []) p.append(k, v)
  return p.toString()
}

/** The same parameters for the next polls: the cursor instead of `since`. */
export const nextQuery = (first: string, cursor: string): string => {
  const p = new URLSearchParams(first)
  p.delete('since')
  p.set('cursor', cursor)
  return p.toString()
}

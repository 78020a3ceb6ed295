/**
 * @module A fake `EmClient` for reader tests: serves N pages of raw sessions per type, can fail chosen
 * pages a number of times, counts calls and the peak number of calls in flight. Answers are released
 * on a later macrotask so concurrent calls really overlap (no timers with durations: nothing timed).
 */
import { EmUnreachableError } from '../../shared/em/errors'
import type { EmQuery } from '../../shared/em/filter'
import type { RawQueryPage, RawSession } from '../../shared/em/raw'
import type { EmClient } from '../../shared/em/types'

export interface FakeEm extends EmClient {
  readonly calls: EmQuery[]
  readonly peakInFlight: number
}

export interface FakeEmOptions {
  /** Entities per type, split into pages of the query's pageSize. */
  readonly data: Partial<Record<string, RawSession[]>>
  /** `Type:page` → how many times it fails before answering (Infinity: always). */
  readonly failures?: Record<string, number>
  readonly makeError?: () => Error
}

export const createFakeEm = (o: FakeEmOptions): FakeEm => {
  const calls: EmQuery[] = []
  const failures = new Map(Object.entries(o.failures ?? {}))
  let inFlight = 0
  let peak = 0
  return {
    calls,
    get peakInFlight() {
      return peak
    },
    async query(query: EmQuery): Promise<RawQueryPage> {
      calls.push(query)
      inFlight += 1
      peak = Math.max(peak, inFlight)
      try {
        // Yield twice to the event loop so every call that can start does start before any answers.
        await new Promise<void>((resolve) => setImmediate(resolve))
        await new Promise<void>((resolve) => setImmediate(resolve))
        const key = `${query.type}:${query.page}`
        const left = failures.get(key) ?? 0
        if (left > 0) {
          failures.set(key, left - 1)
          throw o.makeError?.() ?? new EmUnreachableError('connection reset')
        }
        const all = o.data[query.type] ?? []
        const pagesCount = Math.ceil(all.length / query.pageSize)
        const start = (query.page - 1) * query.pageSize
        return {
          entities: all.slice(start, start + query.pageSize),
          pageNum: query.page,
          pageSize: query.pageSize,
          pagesCount,
        }
      } finally {
        inFlight -= 1
      }
    },
    getEntity: () => Promise.reject(new Error('not used')),
    checkLogon: () => Promise.resolve({ durationMs: 0 }),
    close: () => Promise.resolve(),
  }
}

/** A minimal raw backup task session. */
export const rawTask = (i: number, creationTimeUtc: string): RawSession => ({
  Type: 'BackupTaskSession',
  Name: `vm${i}@x`,
  UID: `urn:veeam:BackupTaskSession:00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
  VmDisplayName: `vm${i % 7}`,
  CreationTimeUTC: creationTimeUtc,
  EndTimeUTC: creationTimeUtc,
  State: 'Completed',
  Result: 'Success',
  TotalSize: 10,
  JobSessionUid: 'urn:veeam:BackupJobSession:11111111-0000-4000-8000-000000000001',
})

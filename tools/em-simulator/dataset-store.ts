/**
 * @module The in-memory data set: sessions indexed by type and id, kept sorted by creation time
 * (ties by id), with a version number that the query cache keys on. `append` is how
 * `addSessions` makes EM "keep creating sessions" while a client pages.
 */
import type { SimQueryType } from './em-api'
import type {
  Dataset,
  SessionOf,
  SimJob,
  SimJobSession,
  SimServer,
  SimSession,
  SimTaskSession,
  SimVm,
} from './dataset-types'

/** Sorts in place by creation time, ties by id (keys computed once: `getTime()` in a comparator is slow). */
const sortByCreation = <T extends SimSession>(list: T[] | undefined): void => {
  if (list === undefined) return
  const keyed = list.map((s) => ({ t: s.creationTime.getTime(), id: s.id, s }))
  keyed.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  keyed.forEach((k, i) => (list[i] = k.s))
}

/** The mutable store behind the read-only `Dataset` interface. */
export class DatasetStore implements Dataset {
  private readonly byType = new Map<SimQueryType, SimSession[]>()
  private readonly byId = new Map<string, SimSession>()
  private readonly children = new Map<string, SimTaskSession[]>()
  private versionCounter = 0

  constructor(
    readonly seed: number,
    readonly now: Date,
    readonly scale: number,
    readonly servers: readonly SimServer[],
    readonly jobs: readonly SimJob[],
    readonly vms: readonly SimVm[],
    jobSessions: readonly SimJobSession[],
    taskSessions: readonly SimTaskSession[]
  ) {
    this.append(jobSessions, taskSessions)
    this.versionCounter = 0
  }

  get version(): number {
    return this.versionCounter
  }

  sessions<T extends SimQueryType>(type: T): readonly SessionOf<T>[] {
    return (this.byType.get(type) ?? []) as unknown as readonly SessionOf<T>[]
  }

  get<T extends SimQueryType>(type: T, id: string): SessionOf<T> | undefined {
    const s = this.byId.get(id.toLowerCase())
    return s !== undefined && s.type === type ? (s as unknown as SessionOf<T>) : undefined
  }

  tasksOf(jobSessionId: string): readonly SimTaskSession[] {
    return this.children.get(jobSessionId.toLowerCase()) ?? []
  }

  /** Replaces sessions by id (same type and creation time: the order holds), e.g. when they finish. */
  replace(sessions: readonly SimSession[]): void {
    const swap = <T extends SimSession>(list: T[] | undefined, s: T): void => {
      if (list === undefined) return
      const i = list.findIndex((x) => x.id === s.id)
      if (i >= 0) list[i] = s
    }
    for (const s of sessions) {
      if (this.byId.get(s.id)?.type !== s.type) continue
      this.byId.set(s.id, s)
      swap(this.byType.get(s.type), s)
      if ('jobSessionId' in s) swap(this.children.get(s.jobSessionId), s)
    }
    this.versionCounter++
  }

  /** Adds sessions and re-sorts the affected lists. */
  append(jobSessions: readonly SimJobSession[], taskSessions: readonly SimTaskSession[]): void {
    const touched = new Set<SimQueryType>()
    const touchedParents = new Set<string>()
    const index = (s: SimSession) => {
      let list = this.byType.get(s.type)
      if (list === undefined) this.byType.set(s.type, (list = []))
      list.push(s)
      this.byId.set(s.id, s)
      touched.add(s.type)
    }
    jobSessions.forEach(index)
    taskSessions.forEach(index)
    for (const t of taskSessions) {
      let list = this.children.get(t.jobSessionId)
      if (list === undefined) this.children.set(t.jobSessionId, (list = []))
      list.push(t)
      touchedParents.add(t.jobSessionId)
    }
    for (const type of touched) sortByCreation(this.byType.get(type))
    for (const parent of touchedParents) sortByCreation(this.children.get(parent))
    this.versionCounter++
  }

  /**
   * Ends every session created before `at` that is still running, at `at` with `result` (tests of
   * sessions finishing between two reads). Positions in the sorted lists do not change.
   */
  finish(at: Date, result: string): number {
    let finished = 0
    const end = <T extends SimSession>(s: T): T =>
      s.endTime !== null || s.creationTime.getTime() >= at.getTime()
        ? s
        : {
            ...s,
            endTime: new Date(at.getTime()),
            state: 'Stopped',
            result,
            ...('progress' in s ? { progress: 100 } : {}),
          }
    for (const [type, list] of this.byType) {
      list.forEach((s, i) => {
        const done = end(s)
        if (done === s) return
        list[i] = done
        this.byId.set(done.id, done)
        finished++
      })
      this.byType.set(type, list)
    }
    for (const [parent, list] of this.children) {
      list.forEach((t, i) => {
        const done = this.byId.get(t.id)
        if (done !== undefined && done !== t && done.type === t.type) list[i] = { ...t, ...done }
      })
      this.children.set(parent, list)
    }
    if (finished > 0) this.versionCounter++
    return finished
  }
}

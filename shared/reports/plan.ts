/**
 * @module Runs a set of page walks (one per EM session type) under one shared concurrency limit and
 * folds their outcomes into what a report needs: sessions scanned, completeness, combined progress.
 * If every walk failed on its first page (EM down, credentials rejected) the error is thrown, so
 * callers answer 502/503/504 instead of an empty report; otherwise failures make `complete: false`.
 */
import type { EmQueryType } from '../em/query-types'
import type { RawSession } from '../em/raw'
import type { EmClient } from '../em/types'
import { createLimiter, DEFAULT_REPORT_CONCURRENCY } from './limiter'
import { walkPages, type WalkProgress, type WalkResult } from './walk'

/** One EM type to read and where its items go. */
export interface WalkStep {
  readonly type: EmQueryType
  /** Maps and feeds one page; called as pages arrive, in any order. */
  readonly feed: (raws: RawSession[]) => void
}

/** Progress of a whole report, for a progress line. */
export interface ReportProgress {
  readonly pagesFetched: number
  /** Sum over the types whose page 1 has answered; `typesKnown` of `typesTotal` are counted. */
  readonly pagesTotal: number
  readonly typesKnown: number
  readonly typesTotal: number
  readonly sessions: number
  readonly elapsedMs: number
}

export interface RunOptions {
  readonly from: Date
  readonly to: Date
  /** Concurrent EM requests over all types (config REPORT_CONCURRENCY, default `DEFAULT_REPORT_CONCURRENCY`). */
  readonly concurrency?: number | undefined
  readonly retries?: number | undefined
  readonly retryDelayMs?: number | undefined
  readonly onProgress?: ((progress: ReportProgress) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

export interface RunOutcome {
  readonly complete: boolean
  readonly sessionsScanned: number
  readonly walks: readonly WalkResult[]
}

/** Walks every step concurrently under one limiter. */
export const runWalks = async (
  em: EmClient,
  steps: readonly WalkStep[],
  o: RunOptions
): Promise<RunOutcome> => {
  const limiter = createLimiter(o.concurrency ?? DEFAULT_REPORT_CONCURRENCY)
  const started = Date.now()
  const latest = new Map<EmQueryType, WalkProgress>()
  const report = (p: WalkProgress) => {
    latest.set(p.type, p)
    if (o.onProgress === undefined) return
    let pagesFetched = 0
    let pagesTotal = 0
    let typesKnown = 0
    let sessions = 0
    for (const w of latest.values()) {
      pagesFetched += w.pagesFetched
      sessions += w.sessions
      if (w.pagesTotal !== null) {
        pagesTotal += w.pagesTotal
        typesKnown += 1
      }
    }
    const typesTotal = steps.length
    o.onProgress({
      pagesFetched,
      pagesTotal,
      typesKnown,
      typesTotal,
      sessions,
      elapsedMs: Date.now() - started,
    })
  }
  const walks = await Promise.all(
    steps.map((step) =>
      walkPages({
        em,
        type: step.type,
        from: o.from,
        to: o.to,
        map: (raw: RawSession) => raw,
        onItems: step.feed,
        limiter,
        retries: o.retries,
        retryDelayMs: o.retryDelayMs,
        onProgress: report,
        signal: o.signal,
      })
    )
  )
  if (walks.length > 0 && walks.every((w) => w.pagesTotal === null)) throw walks[0]?.error
  return {
    complete: walks.every((w) => w.complete),
    sessionsScanned: walks.reduce((sum, w) => sum + w.sessionsScanned, 0),
    walks,
  }
}

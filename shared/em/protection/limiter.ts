/**
 * @module Bounded concurrency for EM exchanges in one process: at most `maxConcurrent` HTTP exchanges
 * with EM at once; the rest wait in a FIFO queue of at most `maxQueue` entries, each until its own
 * deadline. A full queue rejects at once, so memory stays bounded whatever the load; a wait that
 * reaches its deadline rejects with `EmBusyError` (→ 503 em-busy with `Retry-After`).
 */
import { EmBusyError, type EmError } from '../errors'

export interface EmLimiterOptions {
  /** EM exchanges in flight at once (config `EM_MAX_CONCURRENCY`). */
  readonly maxConcurrent: number
  /** Callers allowed to wait for a slot (config `EM_MAX_QUEUE`); 0 means no waiting. */
  readonly maxQueue: number
  /** Seconds a rejected caller is told to wait (`Retry-After`), default 1. */
  readonly retryAfterSeconds?: number | undefined
}

interface Waiter {
  readonly grant: () => void
  readonly fail: (e: unknown) => void
}

/** Gives back a slot; calling it more than once does nothing. */
export type Release = () => void

const reasonOf = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : new Error('aborted')

/** A counting semaphore with a bounded, deadline-aware queue. */
export class EmLimiter {
  private active = 0
  private readonly waiting = new Set<Waiter>()
  private readonly max: number
  private readonly retryAfter: number

  constructor(private readonly opts: EmLimiterOptions) {
    this.max = Math.max(1, Math.floor(opts.maxConcurrent))
    this.retryAfter = opts.retryAfterSeconds ?? 1
  }

  /** Exchanges in flight and callers waiting (for tests and logs). */
  get stats(): { active: number; queued: number } {
    return { active: this.active, queued: this.waiting.size }
  }

  /**
   * Resolves with a release function once a slot is free.
   * @param waitUntil epoch ms after which waiting gives up with `EmBusyError`
   * @throws EmBusyError when the queue is full or the wait reaches `waitUntil`; the signal's reason when aborted
   */
  acquire(waitUntil: number, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(reasonOf(signal))
    if (this.active < this.max && this.waiting.size === 0) return Promise.resolve(this.take())
    if (this.waiting.size >= this.opts.maxQueue || waitUntil <= Date.now())
      return Promise.reject(new EmBusyError(this.retryAfter))
    return new Promise<Release>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        this.waiting.delete(waiter)
      }
      const waiter: Waiter = {
        grant: () => {
          done()
          resolve(this.take())
        },
        fail: (e) => {
          done()
          reject(e instanceof Error ? e : new Error('rejected'))
        },
      }
      const onAbort = (): void => waiter.fail(signal ? reasonOf(signal) : new Error('aborted'))
      const timer = setTimeout(() => waiter.fail(new EmBusyError(this.retryAfter)), waitUntil - Date.now())
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.add(waiter)
    })
  }

  /** Rejects every waiting caller with `error` (the breaker opened: waiting cannot help). */
  rejectWaiting(error: EmError): void {
    for (const w of [...this.waiting]) w.fail(error)
  }

  private take(): Release {
    this.active += 1
    let released = false
    return () => {
      if (released) return
      released = true
      this.active -= 1
      // FIFO: a Set iterates in insertion order.
      const next = this.waiting.values().next()
      if (!next.done) next.value.grant()
    }
  }
}

/**
 * @module The EM circuit breaker of one process. Consecutive connection failures or timeouts (not EM's
 * own 4xx/5xx answers: those prove EM is up) open it; while open every call fails fast with
 * `EmCircuitOpenError` (→ 503 with `Retry-After`) and nothing is sent to EM. Once the cool-down has
 * passed one call goes through as the probe: an answer closes the breaker, a failure opens it for
 * another cool-down. At most one probe starts per cool-down, even while an earlier probe still hangs.
 */
import { EmCircuitOpenError } from '../errors'

export type BreakerState = 'closed' | 'open' | 'half-open'

/** A state change, for logs and metrics. */
export interface BreakerChange {
  readonly from: BreakerState
  readonly to: BreakerState
  /** Consecutive failures that led here (0 on closing). */
  readonly failures: number
  /** The failure that opened it, as its error's message (no secrets: connection codes, timeouts). */
  readonly reason?: string | undefined
}

export interface BreakerOptions {
  /** Consecutive failures that open the breaker (config `EM_BREAKER_FAILURES`). */
  readonly failures: number
  /** How long it stays open before a probe (config `EM_BREAKER_COOLDOWN_MS`). */
  readonly cooldownMs: number
  readonly onChange?: ((c: BreakerChange) => void) | undefined
  /** The clock (tests). */
  readonly now?: (() => number) | undefined
}

/** What `admit` hands out; given back to `success` or `failure`. */
export interface BreakerTicket {
  readonly probe: boolean
  readonly epoch: number
}

export class CircuitBreaker {
  private current: BreakerState = 'closed'
  private consecutive = 0
  /** Bumped on every opening, so late results of calls admitted before it are not miscounted. */
  private epoch = 0
  private nextProbeAt = 0
  private lastReason: string | undefined
  private readonly now: () => number

  constructor(private readonly opts: BreakerOptions) {
    this.now = opts.now ?? Date.now
  }

  get state(): BreakerState {
    return this.current
  }

  /** Throws `EmCircuitOpenError` when a call may not go to EM now (does not take the probe). */
  check(): void {
    if (this.current !== 'closed' && this.now() < this.nextProbeAt) throw this.openError()
  }

  /** Lets a call through (as the probe after the cool-down) or throws `EmCircuitOpenError`. */
  admit(): BreakerTicket {
    if (this.current === 'closed') return { probe: false, epoch: this.epoch }
    const now = this.now()
    if (now < this.nextProbeAt) throw this.openError()
    this.nextProbeAt = now + this.opts.cooldownMs
    this.change('half-open')
    return { probe: true, epoch: this.epoch }
  }

  /**
   * EM answered (any HTTP status): it is up. Once open, only a probe decides: a late answer to a call
   * admitted before the opening (its bytes already on the way) does not close it.
   */
  success(t: BreakerTicket): void {
    if (this.current === 'closed') this.consecutive = 0
    else if (t.probe && t.epoch === this.epoch) {
      this.consecutive = 0
      this.change('closed')
    }
  }

  /** No answer: connection failure or timeout. */
  failure(t: BreakerTicket, reason: string): void {
    if (t.epoch !== this.epoch) return
    if (this.current === 'closed') {
      this.consecutive += 1
      if (this.consecutive >= Math.max(1, this.opts.failures)) this.open(reason)
    } else if (t.probe) this.open(reason)
  }

  private open(reason: string): void {
    this.epoch += 1
    this.lastReason = reason
    this.nextProbeAt = this.now() + this.opts.cooldownMs
    this.change('open')
  }

  private change(to: BreakerState): void {
    const from = this.current
    if (from === to) return
    this.current = to
    const failures = to === 'closed' ? 0 : this.consecutive
    if (to === 'closed') this.lastReason = undefined
    this.opts.onChange?.({ from, to, failures, ...(to === 'open' ? { reason: this.lastReason } : {}) })
  }

  /** The error for a call refused now; `Retry-After` is the time to the next probe, at least 1 s. */
  openError(): EmCircuitOpenError {
    const seconds = Math.max(1, Math.ceil((this.nextProbeAt - this.now()) / 1000))
    const why = this.lastReason === undefined ? '' : ` after repeated failures (${this.lastReason})`
    return new EmCircuitOpenError(
      seconds,
      `Enterprise Manager is unavailable${why}; calls are paused for ${seconds} s`
    )
  }
}

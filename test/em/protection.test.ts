/**
 * @module EM protection's two small parts on their own: the limiter (bounded concurrency, a bounded
 * queue with deadlines, FIFO) and the circuit breaker (opening, failing fast, one probe per cool-down).
 */
import { describe, expect, it } from 'vitest'
import { EmBusyError, EmCircuitOpenError } from '../../shared/em/errors'
import { CircuitBreaker, type BreakerChange } from '../../shared/em/protection/breaker'
import { EmLimiter } from '../../shared/em/protection/limiter'

describe('EmLimiter', () => {
  it('Should run at most maxConcurrent at once and hand slots over in FIFO order', async () => {
    const limiter = new EmLimiter({ maxConcurrent: 2, maxQueue: 10 })
    const far = Date.now() + 10_000
    const a = await limiter.acquire(far)
    const b = await limiter.acquire(far)
    const order: string[] = []
    const c = limiter.acquire(far).then((r) => (order.push('c'), r))
    const d = limiter.acquire(far).then((r) => (order.push('d'), r))
    expect(limiter.stats).toStrictEqual({ active: 2, queued: 2 })
    a()
    a() // a second release does nothing
    ;(await c)()
    b()
    ;(await d)()
    expect(order).toStrictEqual(['c', 'd'])
    expect(limiter.stats).toStrictEqual({ active: 0, queued: 0 })
  })

  it('Should reject at once with EmBusyError when the queue is full (memory bounded)', async () => {
    const limiter = new EmLimiter({ maxConcurrent: 1, maxQueue: 1, retryAfterSeconds: 2 })
    const far = Date.now() + 10_000
    const held = await limiter.acquire(far)
    const queued = limiter.acquire(far)
    const started = Date.now()
    const error = await limiter.acquire(far).catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(50)
    expect(error).toBeInstanceOf(EmBusyError)
    expect(error).toMatchObject({ retryAfterSeconds: 2, kind: 'busy' })
    held()
    ;(await queued)()
  })

  it('Should reject a waiter with EmBusyError at its deadline, and on abort with the reason', async () => {
    const limiter = new EmLimiter({ maxConcurrent: 1, maxQueue: 5 })
    const held = await limiter.acquire(Date.now() + 10_000)
    const started = Date.now()
    await expect(limiter.acquire(Date.now() + 80)).rejects.toBeInstanceOf(EmBusyError)
    expect(Date.now() - started).toBeGreaterThanOrEqual(70)
    const ac = new AbortController()
    const aborted = limiter.acquire(Date.now() + 10_000, ac.signal)
    ac.abort(new Error('caller went away'))
    await expect(aborted).rejects.toThrow('caller went away')
    expect(limiter.stats).toStrictEqual({ active: 1, queued: 0 })
    limiter.rejectWaiting(new EmCircuitOpenError(3))
    held()
  })

  it('Should reject every waiter when told (the breaker opened)', async () => {
    const limiter = new EmLimiter({ maxConcurrent: 1, maxQueue: 5 })
    const held = await limiter.acquire(Date.now() + 10_000)
    const waiting = [1, 2, 3].map(() => limiter.acquire(Date.now() + 10_000).catch((e: unknown) => e))
    limiter.rejectWaiting(new EmCircuitOpenError(4))
    for (const e of await Promise.all(waiting)) expect(e).toBeInstanceOf(EmCircuitOpenError)
    held()
    expect(limiter.stats).toStrictEqual({ active: 0, queued: 0 })
  })
})

describe('CircuitBreaker', () => {
  const make = (failures = 3, cooldownMs = 1000) => {
    let now = 0
    const changes: BreakerChange[] = []
    const breaker = new CircuitBreaker({
      failures,
      cooldownMs,
      now: () => now,
      onChange: (c) => changes.push(c),
    })
    return { breaker, changes, advance: (ms: number) => (now += ms) }
  }

  it('Should open after N consecutive failures; an answer in between resets the count', () => {
    const { breaker, changes } = make(3)
    const fail = () => breaker.failure(breaker.admit(), 'EM is unreachable (ECONNREFUSED)')
    fail()
    fail()
    breaker.success(breaker.admit()) // EM answered (even a 500 counts as an answer)
    fail()
    fail()
    expect(breaker.state).toBe('closed')
    fail()
    expect(breaker.state).toBe('open')
    expect(changes).toStrictEqual([
      { from: 'closed', to: 'open', failures: 3, reason: 'EM is unreachable (ECONNREFUSED)' },
    ])
  })

  it('Should fail fast while open with Retry-After until the next probe', () => {
    const { breaker, advance } = make(1, 10_000)
    breaker.failure(breaker.admit(), 'timeout')
    advance(2_500)
    const e = (() => {
      try {
        breaker.admit()
      } catch (error) {
        return error
      }
      return undefined
    })()
    expect(e).toBeInstanceOf(EmCircuitOpenError)
    expect(e).toMatchObject({ retryAfterSeconds: 8 })
    expect(() => breaker.check()).toThrow(EmCircuitOpenError)
  })

  it('Should let one probe through per cool-down; its answer closes, its failure reopens', () => {
    const { breaker, changes, advance } = make(1, 1000)
    breaker.failure(breaker.admit(), 'timeout')
    advance(1000)
    const probe = breaker.admit()
    expect(probe.probe).toBe(true)
    expect(breaker.state).toBe('half-open')
    expect(() => breaker.admit()).toThrow(EmCircuitOpenError) // only one probe
    breaker.failure(probe, 'timeout')
    expect(breaker.state).toBe('open')
    advance(999)
    expect(() => breaker.admit()).toThrow(EmCircuitOpenError)
    advance(1)
    const second = breaker.admit()
    breaker.success(second)
    expect(breaker.state).toBe('closed')
    expect(changes.map((c) => c.to)).toStrictEqual(['open', 'half-open', 'open', 'half-open', 'closed'])
  })

  it('Should allow a new probe after a cool-down even while an earlier probe still hangs', () => {
    const { breaker, advance } = make(1, 1000)
    breaker.failure(breaker.admit(), 'timeout')
    advance(1000)
    const hanging = breaker.admit()
    advance(1000)
    const next = breaker.admit()
    expect([hanging.probe, next.probe]).toStrictEqual([true, true])
  })

  it('Should not close on a late answer to a call admitted before it opened', () => {
    const { breaker } = make(1, 1000)
    const early = breaker.admit()
    breaker.failure(breaker.admit(), 'EM is unreachable (ECONNRESET)')
    breaker.success(early)
    expect(breaker.state).toBe('open')
  })

  it('Should ignore late failures of calls admitted before it opened', () => {
    const { breaker, advance } = make(2, 1000)
    const early = [breaker.admit(), breaker.admit(), breaker.admit()]
    breaker.failure(early[0]!, 'timeout')
    breaker.failure(early[1]!, 'timeout')
    expect(breaker.state).toBe('open')
    advance(1000)
    const probe = breaker.admit()
    breaker.failure(early[2]!, 'timeout') // stale: does not decide for the probe
    expect(breaker.state).toBe('half-open')
    breaker.success(probe)
    expect(breaker.state).toBe('closed')
  })
})

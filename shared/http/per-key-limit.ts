/**
 * @module A bound on how many requests of one API key run at once in this process (reports: each walks
 * every EM page of its window, several at a time, so one key must not run many). Runs after the bearer
 * auth, which sets the key's id; the slot is released when the response is made, whatever happened.
 */
import type { MiddlewareHandler } from 'hono'
import { TooManyRequestsError } from './errors'

export const perKeyConcurrency = (max: number, what = 'reports'): MiddlewareHandler => {
  const running = new Map<string, number>()
  return async (c, next) => {
    const id = c.get('keyId')
    const n = running.get(id) ?? 0
    if (n >= max) {
      throw new TooManyRequestsError(
        `At most ${max} ${what} may run at once for one API key; wait for one to finish`,
        5
      )
    }
    running.set(id, n + 1)
    try {
      await next()
    } finally {
      const left = (running.get(id) ?? 1) - 1
      if (left === 0) running.delete(id)
      else running.set(id, left)
    }
  }
}

/**
 * @module A counting semaphore: at most `limit` tasks run at once. Shared by all the window walks of
 * one read, so the total number of EM requests in flight stays bounded whatever the kinds.
 */

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>

/**
 * @param limit maximum concurrent tasks (≥ 1)
 * @example const limit = createLimiter(4); await Promise.all(pages.map((p) => limit(() => fetch(p))))
 */
export const createLimiter = (limit: number): Limiter => {
  const max = Math.max(1, Math.floor(limit))
  let active = 0
  const waiting: (() => void)[] = []
  const release = () => {
    active -= 1
    const next = waiting.shift()
    if (next !== undefined) {
      active += 1
      next()
    }
  }
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active += 1
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      release()
    }
  }
}

/**
 * @module Type guards built like schemas, for big trusted-but-checked data read back from storage
 * (rollup states: tens of thousands of small objects per report). A guard checks in place and
 * copies nothing, where a zod parse builds a new object per object: several times the CPU and the
 * garbage at that size. Elsewhere (requests, EM bodies, config) zod stays the tool.
 *
 * @example
 * const isStamp = strictObject({ ms: int, id: str })
 * type Stamp = Guarded<typeof isStamp> // { ms: number; id: string }
 */

export type Guard<T> = (x: unknown) => x is T
export type Guarded<G> = G extends Guard<infer T> ? T : never

export const str: Guard<string> = (x): x is string => typeof x === 'string'
export const num: Guard<number> = (x): x is number => typeof x === 'number' && Number.isFinite(x)
export const int: Guard<number> = (x): x is number => Number.isSafeInteger(x)
export const count: Guard<number> = (x): x is number =>
  typeof x === 'number' && Number.isSafeInteger(x) && x >= 0
export const bool: Guard<boolean> = (x): x is boolean => typeof x === 'boolean'

export const nullable =
  <T>(g: Guard<T>): Guard<T | null> =>
  (x): x is T | null =>
    x === null || g(x)

export const oneOf =
  <const T extends readonly string[]>(values: T): Guard<T[number]> =>
  (x): x is T[number] =>
    typeof x === 'string' && values.includes(x)

export const arrayOf =
  <T>(g: Guard<T>): Guard<T[]> =>
  (x): x is T[] => {
    if (!Array.isArray(x)) return false
    // Indexed: `for…of` walks the iterator protocol while the code is cold.
    for (let i = 0; i < x.length; i++) if (!g(x[i])) return false
    return true
  }

type TupleOf<G extends readonly Guard<unknown>[]> = { -readonly [K in keyof G]: Guarded<G[K]> }

export const tuple =
  <const G extends readonly Guard<unknown>[]>(...items: G): Guard<TupleOf<G>> =>
  (x): x is TupleOf<G> => {
    if (!Array.isArray(x) || x.length !== items.length) return false
    for (let i = 0; i < items.length; i++) if (items[i]?.(x[i]) !== true) return false
    return true
  }

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

/** An object whose every own value passes `g` (any keys). */
export const recordOf =
  <T>(g: Guard<T>): Guard<Record<string, T>> =>
  (x): x is Record<string, T> => {
    if (!isPlainObject(x)) return false
    for (const k in x) if (!g(x[k])) return false
    return true
  }

type ObjectOf<S extends Record<string, Guard<unknown>>> = { [K in keyof S]: Guarded<S[K]> }

/** An object with exactly the keys of `shape`, each passing its guard. */
export const strictObject = <S extends Record<string, Guard<unknown>>>(shape: S): Guard<ObjectOf<S>> => {
  const keys = Object.keys(shape)
  const guards = keys.map((k) => shape[k])
  return (x): x is ObjectOf<S> => {
    if (!isPlainObject(x)) return false
    let n = 0
    for (const _ in x) n++
    if (n !== keys.length) return false
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] ?? ''
      if (!Object.hasOwn(x, k) || guards[i]?.(x[k]) !== true) return false
    }
    return true
  }
}

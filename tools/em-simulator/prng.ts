/**
 * @module Seeded pseudo-random numbers for the simulator: the same seed always gives the same
 * data set, GUIDs included (mulberry32; fast and good enough for test data, not for secrets).
 */

/** A deterministic random source. */
export class Prng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new RangeError('pick() from an empty array')
    return item
  }

  /** A 32-bit unsigned integer. */
  u32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0
  }

  /** A lower-case version-4 GUID. */
  guid(): string {
    const a = hex32(this.u32())
    const b = hex32(this.u32())
    const c = hex32(this.u32())
    const d = hex32(this.u32())
    const variant = '89ab'[c.charCodeAt(0) & 3] ?? '8'
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`
  }
}

// Number#toString(16) is slow enough to dominate generation; a byte table is ~10x faster.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
const hex32 = (n: number): string =>
  (HEX[(n >>> 24) & 255] ?? '') +
  (HEX[(n >>> 16) & 255] ?? '') +
  (HEX[(n >>> 8) & 255] ?? '') +
  (HEX[n & 255] ?? '')

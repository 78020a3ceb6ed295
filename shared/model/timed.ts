/**
 * @module A mapped session with its two instants as epoch milliseconds, computed once by the mapper
 * and carried through paging, filters and reports (none of them parses a time string again).
 */

export interface Timed<I> {
  readonly item: I
  /** `item.creationTime` as epoch ms. */
  readonly createdMs: number
  /** `item.endTime` as epoch ms; null while the session runs. */
  readonly endedMs: number | null
}

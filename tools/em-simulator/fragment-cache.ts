/**
 * @module Caches each session's rendered XML/JSON fragments, so a 1,000-entity page costs little
 * more than string concatenation. A session changes only when it finishes (`finishSessions`), which
 * forgets its fragments; the cache is bounded and simply dropped when full.
 */
import type { SimSession } from './dataset-types'
import { entityJson, refJson } from './render-json'
import { entityXml, refXml } from './render-xml'

const MAX_ENTRIES = 400_000

/** Rendered-fragment cache for one simulator (one base URL). */
export class FragmentCache {
  private readonly maps = new Map<string, Map<string, string>>()
  private readonly bytes = new Map<string, Buffer>()
  private size = 0

  constructor(private readonly base: string) {}

  private cached(variant: string, s: SimSession, render: () => string): string {
    let map = this.maps.get(variant)
    if (map === undefined) this.maps.set(variant, (map = new Map()))
    let out = map.get(s.id)
    if (out === undefined) {
      if (this.size >= MAX_ENTRIES) {
        this.maps.clear()
        this.size = 0
        this.maps.set(variant, (map = new Map()))
      }
      out = render()
      map.set(s.id, out)
      this.size++
    }
    return out
  }

  /** Drops every fragment (after sessions changed: `finishSessions`). */
  clear(): void {
    this.maps.clear()
    this.bytes.clear()
    this.size = 0
  }

  /** Drops the fragments of a session that changed. */
  forget(id: string): void {
    for (const map of this.maps.values()) if (map.delete(id)) this.size--
    this.bytes.delete(id)
  }

  /** Entity element at `depth` inside a list (no declaration, no namespaces). */
  entityXml(s: SimSession, depth: number): string {
    return this.cached(`ex${depth}`, s, () => entityXml(this.base, s, depth, false))
  }

  /** `<Ref>` at `depth` inside a list. */
  refXml(s: SimSession, depth: number): string {
    return this.cached(`rx${depth}`, s, () => refXml(this.base, s, depth, false))
  }

  entityJson(s: SimSession): string {
    return this.cached('ej', s, () => entityJson(this.base, s))
  }

  /** The entity's JSON as UTF-8 bytes (a page is then one copy of its fragments, never re-encoded). */
  entityJsonBytes(s: SimSession): Buffer {
    let out = this.bytes.get(s.id)
    if (out === undefined) {
      if (this.bytes.size >= MAX_ENTRIES) this.bytes.clear()
      out = Buffer.from(this.entityJson(s), 'utf8')
      this.bytes.set(s.id, out)
    }
    return out
  }

  refJson(s: SimSession): string {
    return this.cached('rj', s, () => refJson(this.base, s))
  }
}

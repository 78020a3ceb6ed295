/**
 * @module A page-token codec whose key is read at run time (deployed: from the API secret in Secrets
 * Manager, never a plain environment variable). `ready()` loads the key (cached by the secret reader)
 * before a `/v1` route runs; encode and decode then use it. A new key in the secret takes over at the
 * next read (tokens signed with the old one are then refused as from another deployment).
 */
import { randomBytes } from 'node:crypto'
import { PageTokenCodec } from '../paging/page-token'
import type { PagePosition } from '../paging/page-token'

export class RuntimeKeyCodec extends PageTokenCodec {
  private current: { readonly key: string; readonly codec: PageTokenCodec } | undefined

  constructor(private readonly loadKey: () => Promise<string>) {
    // The base key is never used: every call goes to the codec of the loaded key.
    super(randomBytes(32))
  }

  /** Loads (or refreshes) the key; throws what the secret reader throws. */
  async ready(): Promise<void> {
    const key = await this.loadKey()
    if (this.current?.key !== key) this.current = { key, codec: new PageTokenCodec(key) }
  }

  private codec(): PageTokenCodec {
    if (this.current === undefined) throw new Error('the page-token key is not loaded (ready() first)')
    return this.current.codec
  }

  override seal(text: string): string {
    return this.codec().seal(text)
  }

  override open(token: string): string {
    return this.codec().open(token)
  }

  override encode(p: PagePosition): string {
    return this.codec().encode(p)
  }

  override decode(token: string, route: string, expectedFingerprint: string): PagePosition {
    return this.codec().decode(token, route, expectedFingerprint)
  }
}

/**
 * @module Teaches the scrubber the values of a credentials source as they are read: a rotated secret is
 * learnt on its first read, before any EM message could carry it.
 */
import type { CredentialsProvider, EmCredentials } from '../em/types'
import { scrubber } from './scrub'

/** `provider`, registering the EM username, password, Basic form and any API keys it answers. */
export const scrubbingCredentials = <
  C extends EmCredentials & { readonly apiKeys?: readonly string[] | undefined },
>(
  provider: CredentialsProvider<C>
): CredentialsProvider<C> => {
  // Providers answer the same object until they read the source again: register each one once.
  let registered: C | undefined
  return {
    get: async () => {
      const c = await provider.get()
      if (c === registered) return c
      scrubber.addUsername(c.username)
      scrubber.addSecret(c.password)
      scrubber.addBasic(c.username, c.password)
      for (const k of c.apiKeys ?? []) scrubber.addSecret(k)
      registered = c
      return c
    },
    invalidate: () => provider.invalidate(),
  }
}

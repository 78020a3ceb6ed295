/**
 * @module The API's own secret (deployed use): `{ "apiKeys": [...] | "k1,k2", "pageTokenKey": "..." }`,
 * read at run time by the API function only (the report function cannot read it). Separate from the
 * EM connection secret so that least privilege holds: whoever can read EM's account cannot mint
 * API calls, and the other way round. Keys shorter than `MIN_SECRET_LENGTH` are refused: dropped and
 * logged by position, never by value.
 */
import { z } from 'zod'
import { EmConfigError } from '../em/errors'
import { logger } from '../observability/logger'
import { createCachedSecret } from './cached-secret'
import type { CachedSecret } from './cached-secret'

/** API keys and the page-token key: at least this many characters when deployed. */
export const MIN_SECRET_LENGTH = 32

/** Built on first use: only a deployment with the API secret needs it. */
const apiSecretSchema = () =>
  z.object({
    apiKeys: z
      .union([z.array(z.string()), z.string()])
      .transform((v) =>
        (typeof v === 'string' ? v.split(',') : v).map((k) => k.trim()).filter((k) => k !== '')
      ),
    pageTokenKey: z.string().min(MIN_SECRET_LENGTH),
  })
let ApiSecretSchema: ReturnType<typeof apiSecretSchema> | undefined

export interface ApiSecret {
  readonly apiKeys: readonly string[]
  readonly pageTokenKey: string
}

/**
 * Parses the API secret's text.
 * @throws EmConfigError naming the field (`Secret field "pageTokenKey" is missing or shorter than 32 characters`).
 */
export const parseApiSecret = (text: string): ApiSecret => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new EmConfigError('The API secret is not valid JSON')
  }
  const parsed = (ApiSecretSchema ??= apiSecretSchema()).safeParse(json)
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))]
    throw new EmConfigError(
      fields
        .map((f) =>
          f === 'pageTokenKey'
            ? `Secret field "pageTokenKey" is missing or shorter than ${MIN_SECRET_LENGTH} characters`
            : `Secret field "${f}" is missing or invalid`
        )
        .join('; ')
    )
  }
  const weak = parsed.data.apiKeys.flatMap((k, i) => (k.length < MIN_SECRET_LENGTH ? [i] : []))
  if (weak.length > 0)
    logger.error('API keys shorter than the minimum are refused', {
      positions: weak,
      minimumLength: MIN_SECRET_LENGTH,
    })
  return {
    apiKeys: parsed.data.apiKeys.filter((k) => k.length >= MIN_SECRET_LENGTH),
    pageTokenKey: parsed.data.pageTokenKey,
  }
}

/** The API secret, cached like the EM secret (`EM_SECRET_TTL_MS`). */
export const createApiSecret = (opts: {
  secretId: string
  ttlMs: number
  now?: () => number
}): CachedSecret<ApiSecret> =>
  createCachedSecret({
    secretId: opts.secretId,
    ttlMs: opts.ttlMs,
    label: 'API secret',
    parse: parseApiSecret,
    ...(opts.now ? { now: opts.now } : {}),
  })

/**
 * @module The shape of the EM connection secret's JSON text (`{ url, username, password,
 * caCertificate?, apiKeys? }`) and its parser. Separate from the reader so the rules are testable
 * without AWS. Messages name the field and what is wrong with it, never the value.
 */
import { z } from 'zod'
import { EmConfigError } from '../em/errors'
import type { EmCredentials } from '../em/types'

/** `apiKeys`: an array of strings or one comma-separated string; blanks are dropped. */
const apiKeysSchema = () =>
  z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (typeof v === 'string' ? v.split(',') : v).map((k) => k.trim()).filter((k) => k !== ''))

/** The EM connection secret, as stored in Secrets Manager (built on first use: only a secret needs it). */
const emSecretSchema = () =>
  z.object({
    url: z.url({ protocol: /^https?$/ }),
    username: z.string().trim().min(1),
    password: z.string().min(1),
    caCertificate: z.string().includes('-----BEGIN').optional(),
    apiKeys: apiKeysSchema().optional(),
  })
let EmSecretSchema: ReturnType<typeof emSecretSchema> | undefined

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Parses the secret's SecretString into `EmSecretValue`.
 *
 * @throws EmConfigError e.g. `Secret field "password" is missing`, `Secret field "url" is invalid`,
 *   `The EM secret is not valid JSON`.
 */
/**
 * What the EM secret holds: the EM connection and, in deployments older than the API secret, the API
 * keys. The keys are the public API's, not EM's: they stay here, never in `EmCredentials`.
 */
export interface EmSecretValue extends EmCredentials {
  readonly apiKeys?: readonly string[] | undefined
}

export const parseSecretString = (text: string): EmSecretValue => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    // No cause: a JSON.parse message quotes part of the text.
    throw new EmConfigError('The EM secret is not valid JSON')
  }
  if (!isRecord(json)) throw new EmConfigError('The EM secret is not a JSON object')
  const parsed = (EmSecretSchema ??= emSecretSchema()).safeParse(json)
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))]
    const problems = fields.map(
      (f) => `Secret field "${f}" is ${json[f] === undefined || json[f] === null ? 'missing' : 'invalid'}`
    )
    // Only field names travel, and no cause: zod's issues could carry the input.
    throw new EmConfigError(problems.join('; '))
  }
  const s = parsed.data
  return {
    url: s.url.replace(/\/+$/, ''),
    username: s.username,
    password: s.password,
    caCertificate: s.caCertificate,
    apiKeys: s.apiKeys,
  }
}

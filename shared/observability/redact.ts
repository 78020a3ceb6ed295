/**
 * @module The redaction safeguard for structured logs. Every log line goes through `redactKeys` (as
 * the Powertools logger's JSON replacer), so a credential under a known key is dropped wherever it
 * sits in the logged object, even when a caller logs a whole request, header map or secret by mistake.
 */

/** Keys (compared lower-case, without `-`/`_`) whose values never reach a log line. */
const SENSITIVE_KEYS: ReadonlySet<string> = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'password',
  'passwd',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'sessiontoken',
  'xrestsvcsessionid',
  'restsvcsessionid',
  'apikey',
  'apikeys',
  'xapikey',
  'secret',
  'secretstring',
  'secretbinary',
  'clientsecret',
  'pagetokenkey',
])

const normalize = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '')

/**
 * Whether a log attribute's key names a credential: one of the known keys, or any key ending in
 * `password`, `secret` or `apikey(s)` (e.g. `emPassword`, `clientSecret`). `secretId` stays: it names
 * the secret, it is not its value.
 */
export const isSensitiveKey = (key: string): boolean => {
  const k = normalize(key)
  return (
    SENSITIVE_KEYS.has(k) ||
    k.endsWith('password') ||
    k.endsWith('secret') ||
    k.endsWith('apikey') ||
    k.endsWith('apikeys')
  )
}

/**
 * A `JSON.stringify` replacer that drops sensitive keys at any depth (JSON.stringify calls it for
 * every key of every nested object, so one function covers the whole line).
 *
 * @example JSON.stringify({ headers: { Authorization: 'Bearer x' } }, redactKeys) // '{"headers":{}}'
 */
export const redactKeys = (key: string, value: unknown): unknown =>
  key !== '' && isSensitiveKey(key) ? undefined : value

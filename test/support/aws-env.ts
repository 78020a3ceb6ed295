/**
 * Test set-up shared by the suites that run the real AWS SDK against local servers: the SDK's
 * environment (endpoint, region, dummy credentials) and a capture of what Powertools writes (it
 * writes through its own Console on the process streams, so `vi.spyOn` on `write` sees it).
 */
import { vi } from 'vitest'

/** Points the Secrets Manager client at a local endpoint (undone by `vi.unstubAllEnvs()`). */
export const stubSecretsManagerEnv = (endpoint: string): void => {
  vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', endpoint)
  vi.stubEnv('AWS_REGION', 'us-east-1')
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDLOCALTEST')
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local-test-secret-key')
}

/** Appends everything written to stdout and stderr to `into` (undone by `vi.restoreAllMocks()`). */
export const captureStdio = (into: string[]): void => {
  const capture = (chunk: unknown) => {
    into.push(String(chunk))
    return true
  }
  vi.spyOn(process.stdout, 'write').mockImplementation(capture)
  vi.spyOn(process.stderr, 'write').mockImplementation(capture)
}

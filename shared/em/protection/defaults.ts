/**
 * @module The contract's defaults for EM protection ("EM protection" in api-contract.md), in one place
 * for the client and the configuration: `EM_MAX_CONCURRENCY`, `EM_MAX_QUEUE`, `EM_BREAKER_FAILURES`,
 * `EM_BREAKER_COOLDOWN_MS`.
 */
export const EM_PROTECTION_DEFAULTS = {
  maxConcurrency: 8,
  maxQueue: 32,
  breakerFailures: 5,
  breakerCooldownMs: 10_000,
} as const

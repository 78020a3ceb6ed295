import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The suites start real servers on loopback; two cores here, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
  },
})

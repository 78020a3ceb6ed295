import { defineConfig } from 'vitest/config'

// The load scenario (the API under autocannon while EM goes down) judges latency: it runs alone, after
// every other suite, instead of sharing the two cores with them.
const LOAD = ['test/reliability/outage.test.ts']

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The suites start real servers on loopback; two cores here, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'suites', include: ['test/**/*.test.ts'], exclude: LOAD, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'load', include: LOAD, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
})

import { defineConfig } from 'vitest/config'

/**
 * Three projects, one `npm test`: fast unit tests (pure code, fixtures, no server, no child process),
 * integration tests (real servers on loopback: the EM simulator, s3rver, Secrets Manager, Chromium) and,
 * last and alone, the load scenario (the API under autocannon while EM goes down), which judges latency
 * and so does not share the two cores. `npm run test:unit` runs the first alone. `.only` is refused.
 */
const UNIT = [
  'test/architecture/**/*.test.ts',
  'test/families/**/*.test.ts',
  'test/paging/**/*.test.ts',
  'test/mapping/**/*.test.ts',
  'test/services/**/*.test.ts',
  'test/em/decode-*.test.ts',
  'test/em/json-text.test.ts',
  'test/em/query-builder*.test.ts',
  'test/em/protection.test.ts',
  'test/simulator/dataset.test.ts',
  'test/simulator/filter-parser.test.ts',
  'test/simulator/query-index.test.ts',
  'test/rollups/plan.test.ts',
  'test/rollups/vms-wire.test.ts',
  'test/model/guard.test.ts',
  'test/reports/csv.test.ts',
  'test/reports/html.test.ts',
  'test/reports/job-summary.test.ts',
  'test/reports/vm-protection.test.ts',
  'test/rollups/periods.test.ts',
  'test/reports/email/*.test.ts',
  'test/metrics/exposition.test.ts',
  'test/aws/observability.test.ts',
  'test/integrators/client-drift.test.ts',
  'test/integrators/guide.test.ts',
  'test/api/openapi-document.test.ts',
  'test/api/route-groups.test.ts',
]
const LOAD = ['test/reliability/outage.test.ts']

export default defineConfig({
  test: {
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The suites start real servers on loopback; two cores here, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...UNIT, ...LOAD],
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'load', include: LOAD, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
})

import { defineConfig } from 'vitest/config'

/**
 * Two projects, one `npm test`: fast unit tests (pure code, fixtures, no server, no child process) and
 * integration tests (real servers on loopback: the EM simulator, s3rver, Secrets Manager, Chromium).
 * `npm run test:unit` runs the first alone. `.only` is refused everywhere.
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
  'test/simulator/dataset.test.ts',
  'test/simulator/filter-parser.test.ts',
  'test/reports/csv.test.ts',
  'test/reports/html.test.ts',
  'test/reports/job-summary.test.ts',
  'test/reports/vm-protection.test.ts',
  'test/reports/email/*.test.ts',
  'test/metrics/exposition.test.ts',
  'test/aws/observability.test.ts',
  'test/integrators/client-drift.test.ts',
  'test/integrators/guide.test.ts',
]

export default defineConfig({
  test: {
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The suites start real servers on loopback; two cores here, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: UNIT } },
    ],
  },
})

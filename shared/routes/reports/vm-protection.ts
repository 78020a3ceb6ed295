/**
 * @module `GET /v1/reports/vm-protection` (and `.csv`): one row per VM over a window, judged at `to`.
 */
import { VmProtectionReportSchema } from '../../model/report'
import { VM_PROTECTION_COLUMNS, vmProtectionCsv } from '../../reports/csv'
import { buildVmProtection } from '../../services/reports'
import { MAX_WINDOW_DAYS, VmProtectionQuerySchema } from './query'
import type { ReportDescriptor } from './report-route'

export const VM_PROTECTION: ReportDescriptor<
  typeof VmProtectionQuerySchema,
  typeof VmProtectionReportSchema._zod.output
> = {
  name: 'vm-protection',
  pascal: 'VmProtectionReport',
  summary: 'VM protection report',
  description:
    'One row per VM (name and backup server) with a task session created in the window: last task, last result, last success, ' +
    'hours since it (measured at `to`), failed tasks and the three newest distinct failure reasons. Status: `protected` when the last ' +
    'successful task (Success or Warning) ended at most `rpoHours` before `to` and no task that ended later failed; `at-risk` when a ' +
    'success exists but is older, or a later task failed; `unprotected` when the window has no success. A CDP task still running with ' +
    `Success counts as protecting at \`to\`. The window is at most ${MAX_WINDOW_DAYS} days; whole UTC days are served from settled daily rollups when present (\`basis\`), with the same rows as a full EM walk.`,
  query: VmProtectionQuerySchema,
  schema: VmProtectionReportSchema,
  columns: VM_PROTECTION_COLUMNS,
  build: (deps, q, window, now, signal) =>
    buildVmProtection(deps.reader, {
      ...window,
      rpoHours: q.rpoHours,
      now,
      concurrency: deps.concurrency,
      rollups: deps.rollups,
      signal,
    }),
  csv: vmProtectionCsv,
}

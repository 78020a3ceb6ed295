/**
 * @module The six session families' keys: the path segment of each family's list and get routes,
 * and the `family` of an event. Nothing else here, so the routes know their paths before any
 * schema loads (`shared/families/keys.ts`).
 */
export const FAMILY_KEYS = [
  'backup-job-sessions',
  'backup-task-sessions',
  'replica-job-sessions',
  'replica-task-sessions',
  'cdp-replica-sessions',
  'cdp-replica-task-sessions',
] as const

export type FamilyKey = (typeof FAMILY_KEYS)[number]

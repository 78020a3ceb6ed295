/**
 * @module The six session families' keys, and which of them have task sessions as children: what the
 * session routes' paths are made of, without the families' schemas, so the paths are known before the
 * session routes load (`shared/routes/groups/`). `families.ts` declares a family for each key.
 */
import { FAMILY_KEYS, type FamilyKey } from '../model/family-keys'

export { FAMILY_KEYS, type FamilyKey }

export const isFamilyKey = (name: string): name is FamilyKey => FAMILY_KEYS.some((k) => k === name)

/** The job-level families, whose sessions list their task sessions at `/{id}/task-sessions`. */
export const PARENT_FAMILY_KEYS: readonly FamilyKey[] = [
  'backup-job-sessions',
  'replica-job-sessions',
  'cdp-replica-sessions',
]

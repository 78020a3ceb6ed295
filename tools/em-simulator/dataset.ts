/**
 * @module `generateDataset`: the pure, deterministic data set behind the simulator.
 * Same seed + now + scale → the same servers, jobs, VMs, sessions and GUIDs.
 *
 * Size per unit of `scale` (seed 1): ~10,400 task sessions (8,600 backup, 1,600 replica, 350 CDP)
 * and ~3,100 job sessions; jobs and VMs grow linearly with it. `scale: 10` gives ~104k task
 * sessions (80k of them BackupTaskSession); use `scale: 13` for ≥100k BackupTaskSession alone.
 */
import { DatasetStore } from './dataset-store'
import { generateInventory } from './generate-inventory'
import { generateSessions } from './generate-sessions'
import { Prng } from './prng'

export interface DatasetOptions {
  readonly seed: number
  readonly now: Date
  readonly scale: number
}

/** Generates the data set (pure: no I/O, no clock). */
export const generateDataset = (opts: DatasetOptions): DatasetStore => {
  if (!(opts.scale > 0)) throw new RangeError('scale must be > 0')
  const rng = new Prng(opts.seed)
  const inventory = generateInventory(rng, opts.scale)
  const { jobSessions, taskSessions } = generateSessions(rng, inventory.jobs, opts.now)
  return new DatasetStore(
    opts.seed,
    new Date(opts.now.getTime()),
    opts.scale,
    inventory.servers,
    inventory.jobs,
    inventory.vms,
    jobSessions,
    taskSessions
  )
}

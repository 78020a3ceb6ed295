/**
 * @module `generateDataset`: the pure, deterministic data set behind the simulator.
 * Same seed + now + scale → the same servers, jobs, VMs, sessions and GUIDs.
 *
 * Size: about 11,000 task sessions (and ~1,900 job sessions) per unit of `scale`; jobs and VMs
 * grow linearly with it, so `scale: 10` gives ~110k task sessions (the benchmark's size).
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

/**
 * @module Generates the infrastructure the sessions belong to: backup servers, VMs, jobs and CDP
 * policies. Sizes grow with `scale` (jobs and VMs are multiplied by it; servers are fixed).
 */
import type { SimJob, SimServer, SimVm } from './dataset-types'
import {
  AGENT_JOB_NAMES,
  BACKUP_JOB_NAMES,
  CDP_POLICY_NAMES,
  COPY_JOB_NAMES,
  NAS_JOB_NAMES,
  REPLICA_JOB_NAMES,
  SERVER_NAMES,
  TRICKY_VM_NAMES,
  VM_PREFIXES,
  VM_SIZES_GIB,
} from './names'
import type { Prng } from './prng'

const GIB = 1024 ** 3

/** Base counts at scale 1. */
const COUNTS = { servers: 4, vms: 300, backupJobs: 40, replicaJobs: 12, cdpPolicies: 4 }

export interface Inventory {
  readonly servers: SimServer[]
  readonly vms: SimVm[]
  readonly jobs: SimJob[]
}

const scaled = (n: number, scale: number): number => Math.max(1, Math.round(n * scale))

/** Names from a pool, numbered once the pool is used up, so every name is unique. */
const uniqueNamer = () => {
  const used = new Set<string>()
  return (base: string): string => {
    let name = base
    for (let i = 2; used.has(name); i++) name = `${base} ${i}`
    used.add(name)
    return name
  }
}

const makeVms = (rng: Prng, count: number, vcenters: readonly string[]): SimVm[] => {
  const unique = uniqueNamer()
  const vms: SimVm[] = []
  let moref = 1000
  for (let i = 0; i < count; i++) {
    const tricky = TRICKY_VM_NAMES[i]
    const base = tricky ?? `${rng.pick(VM_PREFIXES)}${String(rng.int(1, 99)).padStart(2, '0')}`
    moref += rng.int(1, 400)
    vms.push({
      name: unique(base),
      uid: `urn:VMware:Vm:${rng.pick(vcenters)}.vm-${moref}`,
      sizeBytes: rng.pick(VM_SIZES_GIB) * GIB,
    })
  }
  return vms
}

/** `n` VMs from a random start; `seedVms` first (so the tricky names are always protected by some job). */
const pickVms = (
  rng: Prng,
  vms: readonly SimVm[],
  min: number,
  max: number,
  seedVms: readonly SimVm[] = []
): SimVm[] => {
  const n = rng.int(min, max)
  const start = rng.int(0, vms.length - 1)
  const out: SimVm[] = [...new Set(seedVms)]
  for (let i = 0; i < n && i < vms.length; i++) {
    const vm = vms[(start + i * 7) % vms.length]
    if (vm !== undefined && !out.includes(vm)) out.push(vm)
  }
  return out
}

const backupJobType = (rng: Prng): { jobType: string; pool: readonly string[] } => {
  const r = rng.next()
  if (r < 0.7) return { jobType: 'Backup', pool: BACKUP_JOB_NAMES }
  if (r < 0.82) return { jobType: 'BackupCopy', pool: COPY_JOB_NAMES }
  if (r < 0.92) return { jobType: 'AgentBackup', pool: AGENT_JOB_NAMES }
  return { jobType: 'NasBackup', pool: NAS_JOB_NAMES }
}

/** Generates servers, VMs, jobs and CDP policies. */
export const generateInventory = (rng: Prng, scale: number): Inventory => {
  const servers: SimServer[] = SERVER_NAMES.slice(0, COUNTS.servers).map((name) => ({ id: rng.guid(), name }))
  const vcenters = servers.map(() => rng.guid())
  const vms = makeVms(rng, scaled(COUNTS.vms, scale), vcenters)
  const jobName = uniqueNamer()
  const jobs: SimJob[] = []
  for (let i = 0; i < scaled(COUNTS.backupJobs, scale); i++) {
    const { jobType, pool } = backupJobType(rng)
    const job = { id: rng.guid(), name: jobName(rng.pick(pool)), kind: 'backup' as const, jobType }
    const tricky = [vms[(2 * i) % TRICKY_VM_NAMES.length], vms[(2 * i + 1) % TRICKY_VM_NAMES.length]]
    const seedVms = 2 * i < TRICKY_VM_NAMES.length ? tricky.filter((v): v is SimVm => v !== undefined) : []
    jobs.push({ ...job, server: rng.pick(servers), vms: pickVms(rng, vms, 1, 6, seedVms) })
  }
  for (let i = 0; i < scaled(COUNTS.replicaJobs, scale); i++) {
    const job = { id: rng.guid(), name: jobName(rng.pick(REPLICA_JOB_NAMES)), kind: 'replica' as const }
    jobs.push({ ...job, jobType: 'Replica', server: rng.pick(servers), vms: pickVms(rng, vms, 1, 5) })
  }
  for (let i = 0; i < scaled(COUNTS.cdpPolicies, scale); i++) {
    const job = { id: rng.guid(), name: jobName(rng.pick(CDP_POLICY_NAMES)), kind: 'cdp' as const }
    jobs.push({ ...job, jobType: 'CdpReplica', server: rng.pick(servers), vms: pickVms(rng, vms, 2, 4) })
  }
  return { servers, vms, jobs }
}

/**
 * @module Child process: the EM simulator on its own core, so its rendering work never counts as the
 * product's. Argument: JSON `{ scale, seed, now, days?, jsonCase? }`. Answers `setFaults`, `clearFaults`, `clearLog`,
 * `stats` (request counts since the last clear), `queries` (the query strings of `/api/query`
 * requests since the last clear), `countTasks` (task sessions in a window) and `cpu`
 * (CPU ms used so far).
 */
import { z } from 'zod'
import type { Faults } from '../../tools/em-simulator/index'
import { startSimulator } from '../../tools/em-simulator/index'
import type { SimStats } from '../protocol'
import { serveRequests } from '../protocol'

const Args = z.object({
  scale: z.number().positive(),
  seed: z.number().int(),
  now: z.string(),
  days: z.number().int().positive().optional(),
  /** EM 13's camelCase JSON keys instead of PascalCase. */
  jsonCase: z.enum(['pascal', 'camel']).optional(),
})
const Window = z.object({ from: z.string(), to: z.string() })
const FaultsSchema = z.object({ latencyMs: z.number().optional() })

const args = Args.parse(JSON.parse(process.argv[2] ?? '{}'))
const sim = await startSimulator({
  scale: args.scale,
  seed: args.seed,
  now: new Date(args.now),
  ...(args.days === undefined ? {} : { days: args.days }),
  ...(args.jsonCase === undefined ? {} : { jsonCase: args.jsonCase }),
})

const stats = (): SimStats => {
  const s: SimStats = { logons: 0, logoffs: 0, queries: 0, entities: 0, other: 0, unauthenticated: 0 }
  for (const e of sim.log) {
    const path = e.path.toLowerCase()
    if (path.startsWith('/api/sessionmngr')) s.logons += e.method === 'POST' ? 1 : 0
    else if (path.startsWith('/api/logonsessions')) s.logoffs += 1
    else if (path.startsWith('/api/query')) s.queries += 1
    else if (/^\/api\/[a-z]+sessions\/[^/]+$/i.test(e.path)) s.entities += 1
    else s.other += 1
    if (!e.authenticated && !path.startsWith('/api/sessionmngr')) s.unauthenticated += 1
  }
  return s
}

serveRequests((op, arg) => {
  switch (op) {
    case 'setFaults': {
      const f: Faults = FaultsSchema.parse(arg)
      sim.setFaults(f)
      return null
    }
    case 'clearFaults':
      sim.clearFaults()
      return null
    case 'clearLog':
      sim.clearLog()
      return null
    case 'stats':
      return stats()
    case 'queries':
      return sim.log
        .filter((e) => e.path.toLowerCase().startsWith('/api/query'))
        .map((e) => new URLSearchParams(e.query).toString())
    case 'countTasks': {
      const w = Window.parse(arg)
      const from = Date.parse(w.from)
      const to = Date.parse(w.to)
      let n = 0
      for (const type of ['BackupTaskSession', 'ReplicaTaskSession', 'CdpReplicaTaskSession'] as const) {
        for (const s of sim.dataset.sessions(type)) {
          const t = s.creationTime.getTime()
          if (t >= from && t < to) n += 1
        }
      }
      return n
    }
    case 'cpu': {
      const u = process.cpuUsage()
      return (u.user + u.system) / 1000
    }
    case 'close':
      return sim.close().then(() => setImmediate(() => process.exit(0)))
    default:
      throw new Error(`unknown op ${op}`)
  }
})

process.send?.({ ready: { url: sim.url, ...sim.credentials } })

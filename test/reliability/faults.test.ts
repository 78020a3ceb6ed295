/**
 * @module The fault matrix: every EM failure the simulator can produce, through the app, on a list,
 * a get and a children route, with the EM client asking JSON and XML. Each must give the contract's
 * status as a problem (no stack trace), log one error line with the EM error kind, and the very next
 * normal call through the same app must succeed.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator } from '../../tools/em-simulator/index'
import type { Faults, Simulator } from '../../tools/em-simulator/index'
import { DATASET_NOW } from '../support/harness'
import type { Harness } from '../support/harness'
import { expectProblem } from './support/problem'
import { startRig } from './support/rig'

interface FaultCase {
  readonly fault: string
  readonly faults: Faults
  readonly status: number
  readonly kind: string
  readonly detail: RegExp
  /** Run on the rig with a short EM timeout. */
  readonly short?: boolean
}

const FAULTS: readonly FaultCase[] = [
  {
    fault: 'EM 500 + stack trace',
    faults: { status: 500 },
    status: 502,
    kind: 'http',
    detail: /EM answered 500: Object reference/,
  },
  {
    fault: 'EM 503 (maintenance)',
    faults: { status: 503 },
    // EM's own 503 means "unavailable" (54b345c): 503, logged with kind http.
    status: 503,
    kind: 'http',
    detail: /EM answered 503: .*maintenance/,
  },
  { fault: 'malformed body', faults: { malformed: true }, status: 502, kind: 'bad-response', detail: /./ },
  {
    fault: 'truncated body',
    faults: { truncate: true },
    status: 502,
    kind: 'bad-response',
    detail: /before the body was complete/,
  },
  {
    fault: 'connection reset',
    faults: { reset: true },
    status: 503,
    kind: 'unreachable',
    detail: /unreachable \(ECONNRESET\)/,
  },
  {
    fault: 'hang past the timeout',
    faults: { hang: true },
    status: 504,
    kind: 'timeout',
    detail: /did not answer within 1000 ms/,
    short: true,
  },
]

const FORMATS = ['json', 'xml'] as const
type Format = (typeof FORMATS)[number]

let sim: Simulator
const rigs = new Map<string, Harness>()
const rig = (format: Format, short = false): Harness => {
  const r = rigs.get(`${format}/${short}`)
  if (!r) throw new Error('rig not started')
  return r
}

let jobId = ''
let taskId = ''
const ROUTES: readonly [string, () => string][] = [
  ['list', () => '/v1/backup-job-sessions?pageSize=5&result=Success,Failed'],
  ['get', () => `/v1/backup-task-sessions/${taskId}`],
  ['children', () => `/v1/backup-job-sessions/${jobId}/task-sessions?pageSize=3`],
]

beforeAll(async () => {
  sim = await startSimulator({ now: DATASET_NOW })
  const job = sim.dataset.sessions('BackupJobSession').find((s) => sim.dataset.tasksOf(s.id).length > 0)
  const task = sim.dataset.sessions('BackupTaskSession')[7]
  if (!job || !task) throw new Error('dataset too small')
  jobId = job.id
  taskId = task.id
  for (const format of FORMATS) {
    rigs.set(`${format}/false`, await startRig({ sim, format }))
    rigs.set(`${format}/true`, await startRig({ sim, format, env: { EM_TIMEOUT_MS: '1000' } }))
  }
  // Warm up: each client logs on once before the matrix.
  for (const r of rigs.values()) expect((await r.get('/v1/backup-job-sessions?pageSize=1')).status).toBe(200)
})

afterAll(async () => {
  for (const r of rigs.values()) await r.close()
  await sim.close()
})

const MATRIX = FORMATS.flatMap((format) =>
  FAULTS.flatMap((f) => ROUTES.map(([route, path]) => ({ format, route, path, ...f })))
)

describe('fault matrix', () => {
  it.each(MATRIX)(
    '$fault on $route ($format) → $status, then recovers',
    async ({ format, path, faults, status, kind, detail, short }) => {
      const h = rig(format, short)
      h.logs.length = 0
      sim.setFaults(faults)
      let problem
      try {
        problem = await expectProblem(await h.get(path()), status)
      } finally {
        sim.clearFaults()
      }
      expect(problem.detail).toMatch(detail)
      const errors = h.logs.filter((l) => l.level === 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0]?.attributes).toMatchObject({ status, kind })
      expect(JSON.stringify(errors[0])).not.toMatch(/StackTrace|\.cs:line|Veeam\.Backup\./)
      // The next normal call through the same app succeeds.
      const next = await h.get(path())
      expect(next.status, await next.clone().text()).toBe(200)
    }
  )
})

describe.each(FORMATS)('logon session faults (%s)', (format) => {
  it('Should re-logon exactly once when the token expires between two pages of one walk', async () => {
    const h = rig(format)
    const first = await h.json<{ items: { id: string }[]; nextPageToken: string }>(
      '/v1/backup-task-sessions?pageSize=4'
    )
    expect(first.status).toBe(200)
    const logons = sim.logonCount
    sim.expireSessions()
    const url = (t: string) => `/v1/backup-task-sessions?pageSize=4&pageToken=${encodeURIComponent(t)}`
    const second = await h.json<{ items: { id: string }[]; nextPageToken: string }>(
      url(first.body.nextPageToken)
    )
    expect(second.status).toBe(200)
    expect(sim.logonCount).toBe(logons + 1)
    const third = await h.json<{ items: { id: string }[] }>(url(second.body.nextPageToken))
    expect(third.status).toBe(200)
    expect(sim.logonCount).toBe(logons + 1)
    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map((i) => i.id)
    expect(new Set(ids).size).toBe(12)
  })

  it('Should answer 503 when EM rejects the credentials, and recover once they are right again', async () => {
    const h = rig(format)
    h.logs.length = 0
    const password = sim.credentials.password
    sim.setPassword('other-password')
    sim.expireSessions()
    try {
      const p = await expectProblem(await h.get('/v1/backup-job-sessions?pageSize=2'), 503)
      expect(p.detail).toMatch(/rejected the configured credentials/)
      expect(JSON.stringify(p)).not.toContain(password)
    } finally {
      sim.setPassword(password)
    }
    expect(h.logs.filter((l) => l.level === 'error').map((l) => l.attributes)).toEqual([
      expect.objectContaining({ status: 503, kind: 'auth' }),
    ])
    expect((await h.get('/v1/backup-job-sessions?pageSize=2')).status).toBe(200)
  })
})

/** A loopback port that nothing listens on (bound, then released). */
const closedPort = async (): Promise<number> => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

const TLS_DIR = fileURLToPath(new URL('../fixtures/tls/', import.meta.url))
const tlsFile = (name: string) => readFileSync(`${TLS_DIR}${name}`, 'utf8')

describe('EM unreachable and TLS', () => {
  it('Should answer 503 while nothing listens at EM_URL, and 200 once EM is up there', async () => {
    const port = await closedPort()
    const h = await startRig({ sim, env: { EM_URL: `http://127.0.0.1:${port}` } })
    let up: Simulator | undefined
    try {
      const p = await expectProblem(await h.get('/v1/backup-job-sessions?pageSize=2'), 503)
      expect(p.detail).toMatch(/EM is unreachable \(ECONNREFUSED\)/)
      expect(h.logs.filter((l) => l.level === 'error').map((l) => l.attributes)).toEqual([
        expect.objectContaining({ status: 503, kind: 'unreachable' }),
      ])
      up = await startSimulator({ now: DATASET_NOW, port })
      expect((await h.get('/v1/backup-job-sessions?pageSize=2')).status).toBe(200)
    } finally {
      await h.close()
      await up?.close()
    }
  })

  describe('over HTTPS', () => {
    let tlsSim: Simulator
    beforeAll(async () => {
      tlsSim = await startSimulator({
        now: DATASET_NOW,
        tls: { key: tlsFile('server-key.pem'), cert: tlsFile('server.pem') },
      })
    })
    afterAll(async () => {
      await tlsSim.close()
    })

    it.each([
      ['no CA configured', {}],
      ['an unrelated CA', { EM_CA_CERT: `${TLS_DIR}other-ca.pem` }],
    ])('Should answer 503 for an untrusted certificate (%s), without a retry storm', async (_n, env) => {
      const h = await startRig({ sim: tlsSim, env })
      try {
        const before = tlsSim.log.length
        const p = await expectProblem(await h.get('/v1/backup-job-sessions?pageSize=2'), 503)
        expect(p.detail).toMatch(/TLS certificate is not trusted/)
        expect(h.logs.filter((l) => l.level === 'error').map((l) => l.attributes)).toEqual([
          expect.objectContaining({ status: 503, kind: 'unreachable' }),
        ])
        // The handshake fails before any HTTP request reaches EM.
        expect(tlsSim.log.length).toBe(before)
      } finally {
        await h.close()
      }
    })

    it.each([
      ['a file path', `${TLS_DIR}ca.pem`],
      ['PEM content', tlsFile('ca.pem')],
    ])('Should answer 200 with EM_CA_CERT as %s', async (_n, ca) => {
      const h = await startRig({ sim: tlsSim, env: { EM_CA_CERT: ca } })
      try {
        const res = await h.json<{ items: unknown[] }>('/v1/backup-job-sessions?pageSize=2')
        expect(res.status).toBe(200)
        expect(res.body.items).toHaveLength(2)
      } finally {
        await h.close()
      }
    })
  })
})

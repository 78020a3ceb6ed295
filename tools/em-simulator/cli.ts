/**
 * @module Command line: starts the EM simulator and prints its URL and credentials.
 * `npx tsx tools/em-simulator/cli.ts [--port N] [--scale N] [--seed N] [--tls] [--json-case camel]`
 * (`--tls` serves HTTPS with the test certificate in test/fixtures/tls; trust test/fixtures/tls/ca.pem).
 * This file may print: it is a tool, not library code.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startSimulator } from './index'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    tls: { type: 'boolean', default: false },
    'json-case': { type: 'string', default: 'pascal' },
  },
})

const tlsDir = new URL('../../test/fixtures/tls/', import.meta.url)
const tls = values.tls
  ? {
      key: readFileSync(new URL('server-key.pem', tlsDir), 'utf8'),
      cert: readFileSync(new URL('server.pem', tlsDir), 'utf8'),
    }
  : undefined

const started = Date.now()
const sim = await startSimulator({
  port: Number(values.port),
  scale: Number(values.scale),
  seed: Number(values.seed),
  jsonCase: values['json-case'] === 'camel' ? 'camel' : 'pascal',
  ...(tls ? { tls } : {}),
})
const tasks = ['BackupTaskSession', 'ReplicaTaskSession', 'CdpReplicaTaskSession'] as const
const count = tasks.reduce((n, t) => n + sim.dataset.sessions(t).length, 0)
console.log(
  `EM simulator listening on ${sim.url}/api/ (${count} task sessions, ready in ${Date.now() - started} ms)`
)
console.log(`EM_URL=${sim.url}`)
console.log(`EM_USERNAME=${sim.credentials.username}`)
console.log(`EM_PASSWORD=${sim.credentials.password}`)
if (tls) console.log(`EM_CA_CERT=${new URL('ca.pem', tlsDir).pathname}`)

const stop = () => {
  void sim.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

/**
 * `npm start`: the local server. With no EM_URL (and no EM_SECRET_ID) it starts the embedded EM
 * simulator and serves from it; with no API_KEYS it makes a dev key for this run and prints it in a
 * ready-to-paste curl line (a configured key is never printed).
 */
import { randomBytes } from 'node:crypto'
import { serve } from '@hono/node-server'
import { loadConfig } from '../shared/config/env'
import type { AppConfig } from '../shared/config/env'
import { startSimulator } from '../tools/em-simulator/index'
import { createRuntime } from '../shared/runtime'
import { LOCAL_SERVER_OPTIONS } from '../shared/app'

const main = async (): Promise<void> => {
  let config: AppConfig = loadConfig()
  const useSimulator = config.em.url === undefined && config.em.secretId === undefined
  const simulator = useSimulator ? await startSimulator({ jsonCase: config.simulatorJsonCase }) : undefined
  if (simulator) {
    config = {
      ...config,
      em: {
        ...config.em,
        url: simulator.url,
        username: simulator.credentials.username,
        password: simulator.credentials.password,
      },
    }
  }
  const devKey = config.apiKeys === undefined ? `dev-${randomBytes(18).toString('base64url')}` : undefined
  if (devKey) config = { ...config, apiKeys: [devKey] }

  const runtime = createRuntime(config)
  const server = serve(
    {
      fetch: runtime.app.fetch,
      serverOptions: LOCAL_SERVER_OPTIONS,
      port: config.port,
      hostname: '127.0.0.1',
    },
    (info) => {
      const base = `http://127.0.0.1:${info.port}`
      const lines = [
        `EM Sessions API listening on ${base}`,
        simulator
          ? `Upstream: embedded EM simulator at ${simulator.url}`
          : 'Upstream: the configured Enterprise Manager',
        `Docs: ${base}/docs   OpenAPI: ${base}/openapi.json   Health: ${base}/health`,
        '',
        devKey
          ? `curl -s -H 'Authorization: Bearer ${devKey}' '${base}/v1/backup-job-sessions?pageSize=3'`
          : `curl -s -H "Authorization: Bearer $API_KEY" '${base}/v1/backup-job-sessions?pageSize=3'   # a key from API_KEYS`,
        '',
      ]
      process.stdout.write(`${lines.join('\n')}\n`)
    }
  )

  const stop = (): void => {
    server.close()
    void runtime
      .dispose()
      .then(() => simulator?.close())
      .finally(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((err: unknown) => {
  process.stderr.write(`Could not start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})

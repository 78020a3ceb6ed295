/**
 * @module A protocol-level local AWS Secrets Manager for tests: enough of `GetSecretValue` (AWS JSON
 * 1.1 over `POST /`) for the real `@aws-sdk/client-secrets-manager` client to talk to it over the wire
 * (signing, retries, error types) when `AWS_ENDPOINT_URL_SECRETS_MANAGER` points here. No emulator
 * exists on npm; this is smaller than mocking the SDK and tests more of it.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface LocalSecretsManager {
  /** `http://127.0.0.1:<port>`, for `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
  readonly endpoint: string
  /** Stores a secret (objects are JSON-encoded, strings stored as they are); clears a `deny`. */
  setSecret(id: string, value: object | string): void
  /** Makes reads of `id` fail with AccessDeniedException. */
  deny(id: string): void
  /** GetSecretValue requests received, per secret id. */
  readonly requests: Map<string, number>
  close(): Promise<void>
}

const json = (status: number, body: object) => ({ status, body: JSON.stringify(body) })

/** Starts the server on 127.0.0.1, ephemeral port. */
export const start = async (): Promise<LocalSecretsManager> => {
  const secrets = new Map<string, { value: string; version: number }>()
  const denied = new Set<string>()
  const requests = new Map<string, number>()

  const answer = (target: string | undefined, text: string) => {
    if (target !== 'secretsmanager.GetSecretValue') {
      return json(400, { __type: 'UnknownOperationException', message: `Unsupported: ${target}` })
    }
    let id = ''
    try {
      const parsed: unknown = JSON.parse(text)
      if (typeof parsed === 'object' && parsed !== null && 'SecretId' in parsed) id = String(parsed.SecretId)
    } catch {
      return json(400, { __type: 'SerializationException', message: 'Malformed JSON' })
    }
    requests.set(id, (requests.get(id) ?? 0) + 1)
    if (denied.has(id)) {
      return json(400, { __type: 'AccessDeniedException', message: `Not authorized to read ${id}` })
    }
    const secret = secrets.get(id)
    if (secret === undefined) {
      return json(400, {
        __type: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
      })
    }
    return json(200, {
      ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${id}-AbCdEf`,
      Name: id,
      SecretString: secret.value,
      VersionId: `v${secret.version}`,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1_700_000_000 + secret.version,
    })
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const target = req.headers['x-amz-target']
      const { status, body } = answer(
        typeof target === 'string' ? target : undefined,
        Buffer.concat(chunks).toString('utf8')
      )
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' }).end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    endpoint: `http://127.0.0.1:${port}`,
    setSecret: (id, value) => {
      denied.delete(id)
      const version = (secrets.get(id)?.version ?? 0) + 1
      secrets.set(id, { value: typeof value === 'string' ? value : JSON.stringify(value), version })
    },
    deny: (id) => denied.add(id),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}

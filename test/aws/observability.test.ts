/**
 * @module The logger's redaction and the metrics' EMF output. Output is captured with
 * `vi.spyOn(process.stdout/stderr, 'write')`: Powertools writes through its own `node:console`
 * Console bound to the process streams (the global console, which vitest intercepts, is only used
 * with POWERTOOLS_DEV), and that Console looks `write` up on the stream at each call.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isSensitiveKey, redactKeys } from '../../shared/observability/redact'
import { logger } from '../../shared/observability/logger'
import {
  MetricName,
  flushMetrics,
  recordEmCall,
  recordPage,
  setMetricsEnabled,
} from '../../shared/observability/metrics'

let lines: string[] = []

beforeEach(() => {
  lines = []
  const capture = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean))
    return true
  }
  vi.spyOn(process.stdout, 'write').mockImplementation(capture)
  vi.spyOn(process.stderr, 'write').mockImplementation(capture)
})

afterEach(() => {
  vi.restoreAllMocks()
  setMetricsEnabled(undefined)
})

const parsed = (): Record<string, unknown>[] => lines.map((l) => JSON.parse(l) as Record<string, unknown>)

describe('redaction', () => {
  it.each([
    ['authorization', true],
    ['Authorization', true],
    ['X-RestSvcSessionId', true],
    ['x-restsvcsessionid', true],
    ['password', true],
    ['emPassword', true],
    ['token', true],
    ['apiKey', true],
    ['api_keys', true],
    ['x-api-key', true],
    ['secret', true],
    ['clientSecret', true],
    ['SecretString', true],
    ['secretId', false],
    ['nextPageToken', false],
    ['username', false],
    ['url', false],
  ])('Should treat %s as sensitive: %s', (key, want) => {
    expect(isSensitiveKey(key)).toBe(want)
  })

  it('Should drop sensitive keys at any depth with JSON.stringify', () => {
    const text = JSON.stringify(
      { a: { b: [{ Authorization: 'Bearer zzz', ok: 1 }] }, token: 't' },
      redactKeys
    )
    expect(JSON.parse(text)).toStrictEqual({ a: { b: [{ ok: 1 }] } })
  })
})

describe('logger', () => {
  it('Should print a JSON line with the service name and none of the credentials in its attributes', () => {
    logger.info('careless call', {
      secretId: 'em/connection',
      password: 'hunter2-pw',
      token: 'tok-123',
      apiKeys: ['key-aaa', 'key-bbb'],
      request: { headers: { authorization: 'Bearer key-ccc', 'X-RestSvcSessionId': 'sess-ddd' } },
      secret: { url: 'https://em', password: 'hunter3-pw' },
    })
    expect(lines).toHaveLength(1)
    const text = lines.join('')
    for (const value of [
      'hunter2-pw',
      'tok-123',
      'key-aaa',
      'key-bbb',
      'key-ccc',
      'sess-ddd',
      'hunter3-pw',
    ]) {
      expect(text).not.toContain(value)
    }
    const [line] = parsed()
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'careless call',
      service: 'em-sessions-api',
      secretId: 'em/connection',
      request: { headers: {} },
    })
  })

  it('Should redact inside an error log with extra attributes too', () => {
    logger.error('EM logon failed', {
      error: new Error('EM answered 401'),
      headers: { Authorization: 'Basic abc=' },
    })
    expect(lines.join('')).not.toContain('Basic abc=')
    expect(parsed()[0]).toMatchObject({ level: 'ERROR', error: { message: 'EM answered 401' } })
  })
})

describe('metrics', () => {
  it('Should write nothing when not enabled', () => {
    setMetricsEnabled(false)
    recordEmCall({ operation: 'query', status: 200, durationMs: 12 })
    recordPage(10)
    flushMetrics()
    expect(lines).toEqual([])
  })

  it('Should publish EMF with the expected names when enabled', () => {
    setMetricsEnabled(true)
    recordEmCall({ operation: 'logon', status: 201, durationMs: 40 })
    recordEmCall({ operation: 'query', status: 200, durationMs: 12 })
    recordEmCall({ operation: 'query', status: null, durationMs: 10_000, errorKind: 'timeout' })
    recordPage(25)
    flushMetrics()
    const emf = parsed()
    const errorLine = emf.find((l) => l.EmErrors !== undefined)
    expect(errorLine).toMatchObject({ EmErrors: 1, ErrorKind: 'timeout', service: 'em-sessions-api' })
    const main = emf.find((l) => l.EmLatency !== undefined)
    expect(main).toMatchObject({
      EmLatency: [40, 12, 10_000],
      EmLogons: 1,
      ApiPages: 1,
      ApiPageItems: 25,
      service: 'em-sessions-api',
    })
    const aws = (
      main as { _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] } }
    )._aws.CloudWatchMetrics[0]
    expect(aws?.Namespace).toBe('EmSessionsApi')
    expect(aws?.Metrics.map((m) => m.Name).sort()).toEqual(
      [MetricName.ApiPageItems, MetricName.ApiPages, MetricName.EmLatency, MetricName.EmLogons].sort()
    )
    // Flushed: a second flush writes nothing.
    lines = []
    flushMetrics()
    expect(lines).toEqual([])
  })
})

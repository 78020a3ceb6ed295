/**
 * @module Builders for what API Gateway (HTTP API, payload 2.0) hands the Lambda function, as it
 * builds them: repeated query keys are joined with commas in `queryStringParameters` while
 * `rawQueryString` keeps them as sent; header names are lower-case.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */

export interface HttpApiEventV2 {
  version: '2.0'
  routeKey: '$default'
  rawPath: string
  rawQueryString: string
  cookies?: string[]
  headers: Record<string, string>
  queryStringParameters?: Record<string, string>
  requestContext: {
    accountId: string
    apiId: string
    domainName: string
    domainPrefix: string
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string }
    requestId: string
    routeKey: '$default'
    stage: '$default'
    time: string
    timeEpoch: number
  }
  body?: string
  isBase64Encoded: boolean
}

/** API Gateway's `queryStringParameters`: a repeated key's values joined with commas. */
const joinRepeated = (raw: string): Record<string, string> | undefined => {
  if (raw === '') return undefined
  const out: Record<string, string> = {}
  for (const [k, v] of new URLSearchParams(raw)) out[k] = k in out ? `${out[k]},${v}` : v
  return out
}

/** An HTTP API v2 event for `method url` (path plus raw query string), as API Gateway sends it. */
export const httpApiEvent = (
  method: string,
  url: string,
  opts: { headers?: Record<string, string>; body?: string; base64?: boolean } = {}
): HttpApiEventV2 => {
  const [path = '/', rawQueryString = ''] = url.split('?', 2)
  const domainName = 'abc123.execute-api.eu-west-1.amazonaws.com'
  const queryStringParameters = joinRepeated(rawQueryString)
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString,
    headers: {
      host: domainName,
      'user-agent': 'bundle-test',
      'x-forwarded-proto': 'https',
      ...Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    },
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName,
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'bundle-test' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: '$default',
      stage: '$default',
      time: '20/Oct/2025:12:00:00 +0000',
      timeEpoch: 1_760_961_600_000,
    },
    ...(opts.body !== undefined ? { body: opts.body } : {}),
    isBase64Encoded: opts.base64 ?? false,
  }
}

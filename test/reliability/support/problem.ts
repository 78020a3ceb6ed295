/**
 * @module Assertions the reliability suite shares: a response is an RFC 9457 problem of the expected
 * status, and a text carries no stack trace (EM's .NET frames, JS frames, source paths).
 */
import { expect } from 'vitest'

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  errors?: { parameter: string; message: string }[]
}

/** Traces of a stack: .NET (`   at Veeam…`, `.cs:line`), V8 (`at fn (file:1:2)`), source paths, EM's field. */
export const STACK_PATTERNS: readonly RegExp[] = [
  /\bat [\w$.<>]+ ?\(/,
  /^\s*at /m,
  /\.cs:line/i,
  /\.[cm]?[jt]s:\d+/,
  /StackTrace/i,
  /FirstChanceException/i,
  /Veeam\.Backup\./,
  /node_modules/,
]

/** The patterns of `STACK_PATTERNS` found in `text` (empty when clean). */
export const stackHits = (text: string): string[] =>
  STACK_PATTERNS.filter((p) => p.test(text)).map((p) => p.source)

/** Asserts a problem+json response of `status` with every required member, and no stack trace. */
export const expectProblem = async (res: Response, status: number): Promise<ProblemBody> => {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const body = JSON.parse(text) as ProblemBody
  expect(body).toMatchObject({
    type: expect.stringMatching(/^urn:em-sessions-api:problem:/) as unknown,
    title: expect.any(String) as unknown,
    status,
    detail: expect.any(String) as unknown,
  })
  expect(body.title.length).toBeGreaterThan(0)
  expect(body.detail.length).toBeGreaterThan(0)
  expect(stackHits(text)).toEqual([])
  return body
}

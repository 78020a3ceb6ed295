/**
 * @module Page-token abuse: forged, truncated, bit-flipped, padded, replayed against another route,
 * parent, filter, sort or page size, or signed with another deployment's key. Each is a 400 naming
 * `pageToken`, and nothing is sent to EM.
 */
import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness } from '../support/harness'
import type { Harness } from '../support/harness'
import { expectProblem } from './support/problem'

let h: Harness
let other: Harness
const LIST = '/v1/backup-job-sessions?pageSize=3&result=Success'
let token = ''
let jobIds: string[] = []

const next = async (harness: Harness, path: string): Promise<string> => {
  const res = await harness.json<{ nextPageToken: string | null }>(path)
  expect(res.status).toBe(200)
  if (!res.body.nextPageToken) throw new Error(`no next page for ${path}`)
  return res.body.nextPageToken
}

beforeAll(async () => {
  h = await startHarness()
  other = await startHarness({ env: { PAGE_TOKEN_KEY: 'another-deployment-key' } })
  token = await next(h, LIST)
  jobIds = h.sim.dataset
    .sessions('BackupJobSession')
    .filter((s) => h.sim.dataset.tasksOf(s.id).length > 3)
    .slice(0, 2)
    .map((s) => s.id)
})
afterAll(async () => {
  await h.close()
  await other.close()
})

const withToken = (path: string, t: string) => `${path}&pageToken=${encodeURIComponent(t)}`

/** Asserts a 400 naming only `pageToken`, with no EM request. */
const expectRefused = async (path: string, harness: Harness = h): Promise<void> => {
  const before = harness.emQueries()
  const p = await expectProblem(await harness.get(path), 400)
  expect(p.errors?.map((e) => e.parameter)).toEqual(['pageToken'])
  expect(harness.emQueries()).toBe(before)
}

const b64 = (s: string) => Buffer.from(s).toString('base64url')
const payloadOf = (t: string) =>
  JSON.parse(Buffer.from(t.split('.')[0] ?? '', 'base64url').toString()) as object
const sign = (payload: string, key: string) =>
  `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`

describe('page tokens', () => {
  it('Should accept the genuine token with the same parameters (control)', async () => {
    const res = await h.get(withToken(LIST, token))
    expect(res.status).toBe(200)
  })

  it.each([
    ['forged (unsigned JSON)', () => b64(JSON.stringify({ v: 1, r: 'backup-job-sessions', b: 0 }))],
    ['forged (random signature)', () => `${token.split('.')[0]}.${b64('x'.repeat(32))}`],
    [
      'an edited payload with the original signature',
      () => {
        const edited = { ...payloadOf(token), b: 0, s: [] }
        return `${b64(JSON.stringify(edited))}.${token.split('.')[1]}`
      },
    ],
    ['signed with a guessed key', () => sign(b64(JSON.stringify(payloadOf(token))), 'secret')],
    ['truncated by one character', () => token.slice(0, -1)],
    ['truncated to its payload', () => token.slice(0, token.indexOf('.'))],
    ['truncated to its payload and dot', () => token.slice(0, token.indexOf('.') + 1)],
    ['cut in half', () => token.slice(0, Math.floor(token.length / 2))],
    ['padded with "="', () => `${token}=`],
    ['padded with "!"', () => `${token}!`],
    ['with a space inside', () => `${token.slice(0, 10)} ${token.slice(10)}`],
    ['two tokens joined', () => `${token}.${token}`],
    ['empty signature and payload', () => '.'],
    ['not base64', () => '%%%.***'],
  ])('Should refuse a token %s', async (_name, make) => {
    await expectRefused(withToken(LIST, make()))
  })

  it('Should refuse any single-character change of the token (property)', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...alphabet),
        fc.constantFrom('replace', 'insert', 'delete'),
        async (at, ch, op) => {
          const mutated =
            op === 'replace'
              ? token.slice(0, at) + ch + token.slice(at + 1)
              : op === 'insert'
                ? token.slice(0, at) + ch + token.slice(at)
                : token.slice(0, at) + token.slice(at + 1)
          fc.pre(mutated !== token)
          await expectRefused(withToken(LIST, mutated))
        }
      ),
      { numRuns: 120 }
    )
  })

  it.each([
    ['another route', '/v1/replica-job-sessions?pageSize=3&result=Success'],
    ['another filter value', '/v1/backup-job-sessions?pageSize=3&result=Failed'],
    ['an extra filter', '/v1/backup-job-sessions?pageSize=3&result=Success&jobType=Backup'],
    ['a missing filter', '/v1/backup-job-sessions?pageSize=3'],
    ['another page size', '/v1/backup-job-sessions?pageSize=4&result=Success'],
    ['another sort', '/v1/backup-job-sessions?pageSize=3&result=Success&sort=creationTime'],
  ])('Should refuse a token replayed against %s', async (_name, path) => {
    await expectRefused(withToken(path, token))
  })

  it('Should refuse a children token replayed against another parent id', async () => {
    const [a, b] = jobIds
    if (!a || !b) throw new Error('dataset too small')
    const childToken = await next(h, `/v1/backup-job-sessions/${a}/task-sessions?pageSize=2`)
    expect(
      (await h.get(withToken(`/v1/backup-job-sessions/${a}/task-sessions?pageSize=2`, childToken))).status
    ).toBe(200)
    await expectRefused(withToken(`/v1/backup-job-sessions/${b}/task-sessions?pageSize=2`, childToken))
    await expectRefused(withToken(`/v1/backup-task-sessions?pageSize=2&jobSessionId=${a}`, childToken))
  })

  it('Should refuse a token signed with another deployment key, in both directions', async () => {
    const theirs = await next(other, LIST)
    await expectRefused(withToken(LIST, theirs))
    await expectRefused(withToken(LIST, token), other)
  })
})

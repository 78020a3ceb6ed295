/**
 * @module Every EM fixture that is a session entity, a query result, an error or a logon decodes to
 * exactly the expected raw object. Expected objects live in `test/em/expected/` (reviewed by hand
 * against the fixture text); a few are also spelled out here so the intent is visible.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeEntity, decodeError, decodeLogonSession, decodeQueryPage } from '../../shared/em/decode'
import { EmBadResponseError } from '../../shared/em/errors'

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/em/${name}`, import.meta.url))
const expected = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./expected/${name}.json`, import.meta.url), 'utf8'))
const ctype = (name: string): string =>
  name.endsWith('.json') ? 'application/json; charset=utf-8' : 'application/xml'

describe('decodeEntity on every session entity fixture', () => {
  it.each([
    'backupjobsession-entity-1.xml',
    'backupjobsession-entity-2.xml',
    'backupjobsession-entity-1.json',
    'backuptasksession-entity-1.xml',
    'backuptasksession-entity-2.xml',
    'replicasession-entity-1.xml',
    'replicatasksession-entity-1.xml',
    'cdpreplicasession-entity-1.xml',
    'cdpreplicatasksession-entity-1.xml',
  ])('Should decode %s to the expected raw session', (name) => {
    expect(decodeEntity(fixture(name), ctype(name))).toStrictEqual(expected(name))
  })

  it('Should type numbers, keep empty elements as "" and leave absent elements out (CDP session)', () => {
    const s = decodeEntity(fixture('cdpreplicasession-entity-1.xml'), 'application/xml')
    expect(s).toMatchObject({
      Type: 'CdpReplicaSession',
      PolicyType: 'CdpReplica',
      State: 'Working',
      Result: 'None',
      Progress: 0,
      IsRetry: false,
      FailureMessage: '',
    })
    expect('EndTimeUTC' in s).toBe(false)
  })

  it('Should read a 2025 task session with VmUid, an empty Reason and a 12 GiB TotalSize', () => {
    const s = decodeEntity(fixture('backuptasksession-entity-2.xml'), 'text/xml')
    expect(s.VmUid).toBe('urn:VMware:Vm:a87d15db-dd70-4769-acd6-41bae88219d4.vm-91826')
    expect(s.Reason).toBe('')
    expect(s.TotalSize).toBe(12884901888)
    expect(s.Links).toHaveLength(4)
    expect(s.Links?.[3]).toStrictEqual({
      Rel: 'Related',
      Href: 'https://localhost:9398/api/vmRestorePoints/a3571c27-a3a9-4ac8-8dfb-71a2336b3218?format=Entity',
      Name: 'AnT\\_VM2-bFpa@2025-10-11 20:06:23',
      Type: 'VmRestorePoint',
    })
  })

  it('Should leave JSON nulls out, as an absent XML element is (FailureMessage, Link Name/Type)', () => {
    const s = decodeEntity(fixture('backupjobsession-entity-1.json'), 'application/json')
    expect('FailureMessage' in s).toBe(false)
    expect(s.Progress).toBe(100)
    expect(s.IsRetry).toBe(false)
    expect(s.Links?.[4]).toStrictEqual({
      Rel: 'Stop',
      Href: 'https://localhost:9398/api/backupSessions/821cc74e-9447-40b6-a2df-90aa47101233?action=stop',
    })
  })

  it.each(['replicasession-entityref-1.xml', 'entityreferences-replicasessions-1.xml', 'entrypoint-1.xml'])(
    'Should refuse %s (not a session entity) with EmBadResponseError',
    (name) => {
      expect(() => decodeEntity(fixture(name), 'application/xml')).toThrow(EmBadResponseError)
    }
  )
})

describe('decodeQueryPage on query fixtures', () => {
  it('Should decode the 13.1 BackupJobSession query (IsRetry true, &amp; in links, 6-digit fractions)', () => {
    const page = decodeQueryPage(
      fixture('query-backupjobsession-entities-2.xml'),
      'application/xml',
      'BackupJobSession'
    )
    expect(page).toStrictEqual(expected('query-backupjobsession-entities-2.xml'))
    expect(page).toMatchObject({ pageNum: 1, pageSize: 100, pagesCount: 1 })
    expect(page.entities.map((e) => [e.JobType, e.Result, e.IsRetry, e.CreationTimeUTC])).toStrictEqual([
      ['ImmediateBackupCopyWorker', 'Failed', true, '2025-08-16T05:17:38.22142Z'],
      ['Backup', 'Success', false, '2025-08-15T20:00:24.003406Z'],
    ])
  })

  it('Should refuse a References-format result (we always ask for Entities)', () => {
    expect(() =>
      decodeQueryPage(fixture('query-backupjobsession-refs-1.json'), 'application/json', 'BackupJobSession')
    ).toThrow(EmBadResponseError)
  })
})

describe('decodeError and decodeLogonSession', () => {
  it.each([
    ['error-1.json', { Message: 'Node [root] does not exist.', StatusCode: 400 }],
    ['error-2.xml', { Message: 'Object reference not set to an instance of an object.', StatusCode: 500 }],
  ])('Should keep only Message and StatusCode of %s', (name, want) => {
    expect(decodeError(fixture(name), ctype(name))).toStrictEqual(want)
  })

  it.each([
    ['', 'application/xml'],
    ['not xml at all', 'application/xml'],
    ['{"x":1}', 'application/json'],
    ['<html><body>502 Bad Gateway</body></html>', 'text/html'],
  ])('Should answer null for a body that is not an EM Error: %j', (body, ct) => {
    expect(decodeError(body, ct)).toBeNull()
  })

  it('Should read SessionId from the logon body (XML and JSON)', () => {
    expect(decodeLogonSession(fixture('logonsession-1.xml'), 'application/xml')).toStrictEqual({
      SessionId: '15a3fc97-0325-4119-b789-5c0367c6c565',
    })
    const json =
      '{"UserName":"VEEAM\\\\veeam.api","SessionId":"2fb2a3c4-0000-4000-8000-000000000001","Links":[]}'
    expect(decodeLogonSession(json, 'application/json')).toStrictEqual({
      SessionId: '2fb2a3c4-0000-4000-8000-000000000001',
    })
  })
})

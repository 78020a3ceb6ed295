/**
 * EM 12 answers JSON in PascalCase, EM 13.0 in camelCase, for the same API versions: the decoders
 * decide from each body (the captures' expected items are in `test/mapping/fixtures.test.ts`). A
 * PascalCase body re-keyed by .NET's camelCase rule decodes to exactly the same raw objects.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { camelKey } from '../../shared/em/casing'
import { decodeEntity, decodeError, decodeLogonSession, decodeQueryPage } from '../../shared/em/decode'
import { EmBadResponseError } from '../../shared/em/errors'
import type { EmQueryType } from '../../shared/em/query-types'
import { toTaskSession } from '../../shared/mapping/sessions'

const text = (name: string): string =>
  readFileSync(new URL(`../fixtures/em/${name}`, import.meta.url), 'utf8')
const JSON_TYPE = 'application/json; charset=utf-8'

/** Re-keys a JSON value the way EM 13's serialiser names properties. */
const camelize = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(camelize)
  if (typeof v !== 'object' || v === null) return v
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [camelKey(k), camelize(x)]))
}

describe('camelKey (.NET camelCase rule)', () => {
  it.each([
    ['UID', 'uid'],
    ['NASJobs', 'nasJobs'],
    ['CreationTimeUTC', 'creationTimeUTC'],
    ['VAppRestorePoints', 'vAppRestorePoints'],
    ['PagingInfo', 'pagingInfo'],
    ['SessionId', 'sessionId'],
    ['BackupJobSessions', 'backupJobSessions'],
    ['IsRetry', 'isRetry'],
    ['already', 'already'],
    ['', ''],
  ])('%s → %s', (pascal, camel) => {
    expect(camelKey(pascal)).toBe(camel)
  })
})

const CAPTURES: ReadonlyArray<readonly [string, EmQueryType]> = [
  ['query-backupjobsession-entities-v12.json', 'BackupJobSession'],
  ['query-backupjobsession-entities-v13-camel.json', 'BackupJobSession'],
  ['query-backuptasksession-entities-v12.json', 'BackupTaskSession'],
  ['query-backuptasksession-entities-v13-camel.json', 'BackupTaskSession'],
]

describe('the real EM 12.3 and EM 13.0 query captures', () => {
  it.each(CAPTURES.filter(([n]) => n.endsWith('v12.json')))(
    'Should decode %s re-keyed in camelCase to the same raw objects',
    (name, type) => {
      const camel = JSON.stringify(camelize(JSON.parse(text(name))))
      expect(camel).toContain('"pagingInfo"')
      expect(decodeQueryPage(camel, JSON_TYPE, type)).toStrictEqual(
        decodeQueryPage(text(name), JSON_TYPE, type)
      )
    }
  )

  it('Should keep milliseconds of 4–6 digit fractions and the microseconds in names (v13)', () => {
    const page = decodeQueryPage(
      text('query-backuptasksession-entities-v13-camel.json'),
      JSON_TYPE,
      'BackupTaskSession'
    )
    const first = page.entities.map(toTaskSession)[0]
    expect(first?.createdMs).toBe(Date.UTC(2026, 5, 16, 6, 22, 59, 399))
    expect(first?.endedMs).toBe(Date.UTC(2026, 5, 16, 6, 23, 52, 728))
    expect(first?.item).toMatchObject({
      name: 'myhost@2026-06-16 06:22:59.39912',
      creationTime: '2026-06-16T06:22:59.399Z',
      endTime: '2026-06-16T06:23:52.728Z',
      durationSeconds: 53.329,
    })
  })

  it('Should decode a single entity, an error and a logon body in camelCase', () => {
    const page = JSON.parse(text('query-backupjobsession-entities-v13-camel.json')) as {
      entities: { backupJobSessions: { backupJobSessions: unknown[] } }
    }
    const entity = JSON.stringify(page.entities.backupJobSessions.backupJobSessions[0])
    expect(decodeEntity(entity, JSON_TYPE)).toStrictEqual(
      decodeQueryPage(text('query-backupjobsession-entities-v13-camel.json'), JSON_TYPE, 'BackupJobSession')
        .entities[0]
    )
    expect(
      decodeError(
        '{"firstChanceExceptionMessage":null,"message":"Node [root] does not exist.","stackTrace":"at X","status":null,"statusCode":400}',
        JSON_TYPE
      )
    ).toStrictEqual({ Message: 'Node [root] does not exist.', StatusCode: 400 })
    expect(
      decodeLogonSession('{"userName":"EM\\\\api","sessionId":"abc-1","links":[]}', JSON_TYPE)
    ).toStrictEqual({
      SessionId: 'abc-1',
    })
  })

  it.each([
    ['a page in neither casing', '{"paging":{"pageNum":1},"entities":null}'],
    [
      'an entity without uid or UID',
      '{"pagingInfo":{"pageNum":1,"pageSize":1,"pagesCount":1},"entities":{"backupJobSessions":{"backupJobSessions":[{"name":"x"}]}}}',
    ],
    [
      'a link without rel',
      '{"pagingInfo":{"pageNum":1,"pageSize":1,"pagesCount":1},"entities":{"backupJobSessions":{"backupJobSessions":[{"type":"BackupJobSession","name":"x","uid":"u","creationTimeUTC":"2026-01-01T00:00:00Z","state":"Stopped","links":[{"href":"h"}]}]}}}',
    ],
  ])('Should refuse %s with EmBadResponseError', (_, body) => {
    expect(() => decodeQueryPage(body, JSON_TYPE, 'BackupJobSession')).toThrow(EmBadResponseError)
  })
})

/**
 * Every EM body in `test/fixtures/em/` (real captures and Veeam's documented examples, see their
 * sources) goes through decode and mapping, so mapping is not checked only against a simulator
 * written by the same hands. Session bodies map to the items in `test/mapping/expected/`; the others
 * are read by their own decoders (errors, logon) or refused as sessions (references, entry points).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeEntity, decodeError, decodeLogonSession, decodeQueryPage } from '../../shared/em/decode'
import { EmBadResponseError } from '../../shared/em/errors'
import type { EmQueryType } from '../../shared/em/query-types'
import type { RawSession } from '../../shared/em/raw'
import { FAMILY_LIST } from '../../shared/families/families'

const DIR = new URL('../fixtures/em/', import.meta.url)
const FIXTURES = readdirSync(DIR).filter((n) => n.endsWith('.json') || n.endsWith('.xml'))
const body = (name: string): Buffer => readFileSync(new URL(name, DIR))
const ctype = (name: string): string => (name.endsWith('.json') ? 'application/json' : 'application/xml')
const expected = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./expected/${name}.items.json`, import.meta.url), 'utf8'))

/** The family a raw session belongs to, by EM's own `Type`. */
const itemOf = (raw: RawSession): unknown => {
  const family = FAMILY_LIST.find((f) => f.emType === raw.Type)
  if (!family) throw new Error(`no family for ${raw.Type}`)
  return family.map(raw)
}

const QUERY_TYPES: Record<string, EmQueryType> = {
  backupjobsession: 'BackupJobSession',
  backuptasksession: 'BackupTaskSession',
}

const kindOf = (name: string) =>
  name.startsWith('query-') && name.includes('-entities-')
    ? 'query'
    : /^(backup|replica|cdpreplica)\w*session-entity-/.test(name)
      ? 'entity'
      : name.startsWith('error-')
        ? 'error'
        : name.startsWith('logonsession-')
          ? 'logon'
          : 'other'

describe('every EM fixture', () => {
  it('Should cover the fixture folder (25 bodies)', () => {
    expect(FIXTURES).toHaveLength(25)
  })

  it.each(FIXTURES.filter((n) => kindOf(n) === 'entity'))('Should map the entity %s to its item', (name) => {
    expect(itemOf(decodeEntity(body(name), ctype(name)))).toStrictEqual(expected(name))
  })

  it.each(FIXTURES.filter((n) => kindOf(n) === 'query'))(
    'Should map every entity of %s to its item',
    (name) => {
      const type = QUERY_TYPES[name.split('-')[1] ?? '']
      if (type === undefined) throw new Error(`no query type for ${name}`)
      expect(decodeQueryPage(body(name), ctype(name), type).entities.map(itemOf)).toStrictEqual(
        expected(name)
      )
    }
  )

  it.each(FIXTURES.filter((n) => kindOf(n) === 'error'))('Should read EM’s message from %s', (name) => {
    expect(decodeError(body(name), ctype(name))?.Message).toMatch(/\w/)
  })

  it.each(FIXTURES.filter((n) => kindOf(n) === 'logon'))('Should read the SessionId from %s', (name) => {
    expect(decodeLogonSession(body(name), ctype(name)).SessionId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it.each(FIXTURES.filter((n) => kindOf(n) === 'other'))(
    'Should refuse %s as a session or a page',
    (name) => {
      expect(() => decodeEntity(body(name), ctype(name))).toThrow(EmBadResponseError)
      expect(() => decodeQueryPage(body(name), ctype(name), 'BackupJobSession')).toThrow(EmBadResponseError)
    }
  )
})

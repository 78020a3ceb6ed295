/**
 * @module Tolerance of the decoders: variants of real bodies that EM (or its docs) produce and that
 * must still decode (BOM, attribute order, NBSP, one Link, missing and empty elements, unknown enum
 * values, list element names that differ from the type), and broken bodies that must not.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeEntity, decodeQueryPage } from '../../shared/em/decode'
import { EmBadResponseError } from '../../shared/em/errors'

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/em/${name}`, import.meta.url), 'utf8')
const XML = 'application/xml'

const task = (attrs: string, body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><BackupTaskSession xmlns="http://www.veeam.com/ent/v1.0" ${attrs}>${body}</BackupTaskSession>`
const ATTRS =
  'Href="https://em/api/backupTaskSessions/1?format=Entity" Type="BackupTaskSession" Name="vm1@2025-01-01 00:00:00" UID="urn:veeam:BackupTaskSession:1" VmDisplayName="vm1"'
const LINK = '<Link Href="https://em/api/backupServers/2" Name="vbr" Type="BackupServerReference" Rel="Up" />'
const BODY = `<Links>${LINK}</Links><JobSessionUid>urn:veeam:BackupJobSession:3</JobSessionUid><CreationTimeUTC>2025-01-01T00:00:00Z</CreationTimeUTC><EndTimeUTC>2025-01-01T00:05:00Z</EndTimeUTC><State>Completed</State><Result>Success</Result><Reason /><TotalSize>1024</TotalSize>`
const WANT = {
  Type: 'BackupTaskSession',
  Href: 'https://em/api/backupTaskSessions/1?format=Entity',
  Name: 'vm1@2025-01-01 00:00:00',
  UID: 'urn:veeam:BackupTaskSession:1',
  VmDisplayName: 'vm1',
  Links: [{ Rel: 'Up', Href: 'https://em/api/backupServers/2', Name: 'vbr', Type: 'BackupServerReference' }],
  JobSessionUid: 'urn:veeam:BackupJobSession:3',
  CreationTimeUTC: '2025-01-01T00:00:00Z',
  EndTimeUTC: '2025-01-01T00:05:00Z',
  State: 'Completed',
  Result: 'Success',
  Reason: '',
  TotalSize: 1024,
}

describe('XML entity variants', () => {
  it('Should decode the base variant (one Link only) exactly', () => {
    expect(decodeEntity(task(ATTRS, BODY), XML)).toStrictEqual(WANT)
  })

  it('Should ignore a UTF-8 BOM (string and Buffer)', () => {
    expect(decodeEntity('\uFEFF' + task(ATTRS, BODY), XML)).toStrictEqual(WANT)
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(task(ATTRS, BODY))])
    expect(decodeEntity(buf, XML)).toStrictEqual(WANT)
  })

  it('Should not depend on attribute order', () => {
    const reordered =
      'VmDisplayName="vm1" UID="urn:veeam:BackupTaskSession:1" Name="vm1@2025-01-01 00:00:00" Type="BackupTaskSession" Href="https://em/api/backupTaskSessions/1?format=Entity"'
    const link =
      '<Link Rel="Up" Type="BackupServerReference" Name="vbr" Href="https://em/api/backupServers/2"/>'
    expect(decodeEntity(task(reordered, BODY.replace(LINK, link)), XML)).toStrictEqual(WANT)
  })

  it('Should tolerate U+00A0 indentation and newlines between elements', () => {
    const spaced = BODY.replaceAll('><', '>\n\u00a0\u00a0<')
    expect(decodeEntity(task(ATTRS, spaced), XML)).toStrictEqual(WANT)
  })

  it('Should leave a missing EndTimeUTC out, and pass an unknown State/Result through', () => {
    const body = BODY.replace(/<EndTimeUTC>.*<\/EndTimeUTC>/, '')
      .replace('<State>Completed</State>', '<State>Hibernating</State>')
      .replace('<Result>Success</Result>', '<Result>Partial</Result>')
    const { EndTimeUTC: _drop, ...rest } = WANT
    expect(decodeEntity(task(ATTRS, body), XML)).toStrictEqual({
      ...rest,
      State: 'Hibernating',
      Result: 'Partial',
    })
  })

  it('Should leave an xsi:nil element out and read an empty <Links /> as []', () => {
    const body = BODY.replace(`<Links>${LINK}</Links>`, '<Links />').replace(
      '<Reason />',
      '<Reason xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" />'
    )
    const { Reason: _nil, ...rest } = WANT
    expect(decodeEntity(task(ATTRS, body), XML)).toStrictEqual({ ...rest, Links: [] })
  })

  it('Should decode entities (&amp; &lt; &quot;) in attributes and text', () => {
    const attrs = ATTRS.replace('Name="vm1@', 'Name="a&amp;b &lt;&quot;x&quot;@')
    expect(decodeEntity(task(attrs, BODY), XML).Name).toBe('a&b <"x"@2025-01-01 00:00:00')
  })

  it('Should decode numeric references and &apos;, and leave unknown or DOCTYPE entities alone', () => {
    const body = BODY.replace(
      '<Reason />',
      '<Reason>caf&#233; &#x1F600; it&apos;s &amp;amp; &bogus; &lt;x&gt;</Reason>'
    )
    expect(decodeEntity(task(ATTRS, body), XML).Reason).toBe("café 😀 it's &amp; &bogus; <x>")
    const doctype = `<!DOCTYPE x [<!ENTITY boom "BOOM">]>${task(ATTRS, BODY.replace('<Reason />', '<Reason>&boom;</Reason>'))}`
    expect(decodeEntity(doctype, XML).Reason).toBe('&boom;')
  })

  it.each([
    ['a non-numeric TotalSize', BODY.replace('<TotalSize>1024</TotalSize>', '<TotalSize>lots</TotalSize>')],
    ['a missing CreationTimeUTC', BODY.replace(/<CreationTimeUTC>.*<\/CreationTimeUTC>/, '')],
    ['a missing State', BODY.replace('<State>Completed</State>', '')],
    ['a Link without Href', BODY.replace(' Href="https://em/api/backupServers/2"', '')],
  ])('Should refuse %s with EmBadResponseError', (_name, body) => {
    expect(() => decodeEntity(task(ATTRS, body), XML)).toThrow(EmBadResponseError)
  })

  it.each([
    ['truncated mid-element', task(ATTRS, BODY).slice(0, -60)],
    ['truncated before the root closes', task(ATTRS, BODY).replace('</BackupTaskSession>', '')],
    ['an unclosed tag', task(ATTRS, BODY).replace('</State>', '</Stat')],
    ['empty', ''],
    ['HTML', '<html><body>oops</body></html>'],
  ])('Should refuse a body that is %s', (_name, body) => {
    expect(() => decodeEntity(body, XML)).toThrow(EmBadResponseError)
  })
})

const cdpPage = (items: string): string =>
  `<QueryResult xmlns="http://www.veeam.com/ent/v1.0"><Entities><CdpReplicaSessions>${items}</CdpReplicaSessions></Entities><PagingInfo PagesCount="3" PageSize="2" PageNum="2"><Links><Link Rel="First" Href="https://em/api/query?type=CdpReplicaSession&amp;page=1" /></Links></PagingInfo></QueryResult>`
const cdp = (tag: string, id: string): string =>
  `<${tag} Type="CdpReplicaSession" UID="urn:veeam:CdpReplicaSession:${id}" Name="P@${id}"><PolicyUid>urn:veeam:CdpPolicy:9</PolicyUid><CreationTimeUTC>2025-01-0${id}T00:00:00Z</CreationTimeUTC><State>Working</State><Result>None</Result><Progress>5</Progress><FailureMessage /><IsRetry>false</IsRetry></${tag}>`

describe('XML query page variants', () => {
  it('Should take list children by position whatever their element name (CdpPolicySession)', () => {
    const page = decodeQueryPage(
      cdpPage(cdp('CdpPolicySession', '1') + cdp('CdpPolicySession', '2')),
      XML,
      'CdpReplicaSession'
    )
    expect(page.entities.map((e) => [e.Type, e.UID])).toStrictEqual([
      ['CdpReplicaSession', 'urn:veeam:CdpReplicaSession:1'],
      ['CdpReplicaSession', 'urn:veeam:CdpReplicaSession:2'],
    ])
    expect(page).toMatchObject({ pageNum: 2, pageSize: 2, pagesCount: 3 })
  })

  it('Should decode a single entity (no array) and an empty list', () => {
    expect(
      decodeQueryPage(cdpPage(cdp('CdpReplicaSession', '1')), XML, 'CdpReplicaSession').entities
    ).toHaveLength(1)
    expect(decodeQueryPage(cdpPage(''), XML, 'CdpReplicaSession').entities).toStrictEqual([])
    const empty = cdpPage('').replace(
      '<Entities><CdpReplicaSessions></CdpReplicaSessions></Entities>',
      '<Entities />'
    )
    expect(decodeQueryPage(empty, XML, 'CdpReplicaSession')).toStrictEqual({
      entities: [],
      pageNum: 2,
      pageSize: 2,
      pagesCount: 3,
    })
  })

  it.each([
    ['without PagingInfo', cdpPage(cdp('X', '1')).replace(/<PagingInfo.*<\/PagingInfo>/, '')],
    ['truncated', cdpPage(cdp('X', '1') + cdp('X', '2')).slice(0, 700)],
    ['of another root', fixture('backupjobsession-entity-2.xml')],
    ['with a non-integer PageNum', cdpPage('').replace('PageNum="2"', 'PageNum="two"')],
  ])('Should refuse a page %s', (_name, body) => {
    expect(() => decodeQueryPage(body, XML, 'CdpReplicaSession')).toThrow(EmBadResponseError)
  })
})

describe('JSON query pages', () => {
  const entity: unknown = JSON.parse(fixture('backupjobsession-entity-1.json'))
  const jsonPage = (list: unknown): string =>
    JSON.stringify({
      Refs: null,
      Entities: { Jobs: null, BackupJobSessions: list, BackupTaskSessions: null },
      Resources: null,
      Links: null,
      PagingInfo: { Links: [], PageNum: 1, PageSize: 100, PagesCount: 1 },
    })

  it('Should read Entities.<List>.<List>[] with typed values, BOM or not', () => {
    const body = jsonPage({ BackupJobSessions: [entity, entity] })
    const want = decodeEntity(fixture('backupjobsession-entity-1.json'), 'application/json')
    for (const b of [body, '\uFEFF' + body]) {
      expect(decodeQueryPage(b, 'application/json; charset=utf-8', 'BackupJobSession')).toStrictEqual({
        entities: [want, want],
        pageNum: 1,
        pageSize: 100,
        pagesCount: 1,
      })
    }
  })

  it('Should read a null list as an empty page', () => {
    expect(decodeQueryPage(jsonPage(null), 'application/json', 'BackupJobSession').entities).toStrictEqual([])
  })

  it.each([
    ['malformed', '{"Entities":'],
    ['a string Progress', jsonPage({ BackupJobSessions: [{ ...(entity as object), Progress: '100' }] })],
    ['no PagingInfo', JSON.stringify({ Entities: null })],
    ['a list that is not an array', jsonPage({ BackupJobSessions: { a: 1 } })],
  ])('Should refuse %s with EmBadResponseError', (_name, body) => {
    expect(() => decodeQueryPage(body, 'application/json', 'BackupJobSession')).toThrow(EmBadResponseError)
  })
})

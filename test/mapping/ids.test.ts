/**
 * The mappers read GUIDs, Href segments, job names and link relations without `lastIndexOf` and
 * lower-cased copies (a look right before the GUID a text usually ends in first): they must agree with
 * the plain string operations for every text, including ones that end in no GUID at all.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RawSession } from '../../shared/em/raw'
import { backupServerOf, findLink, guidOf, jobNameFromSessionName } from '../../shared/mapping/common'

/** What the mappers did before: the reference. */
const plain = {
  guid: (uid: string): string => uid.slice(uid.lastIndexOf(':') + 1).toLowerCase(),
  segment: (href: string): string => {
    const q = href.indexOf('?')
    const path = q === -1 ? href : href.slice(0, q)
    return path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  },
  jobName: (name: string): string => {
    const at = name.lastIndexOf('@')
    return at <= 0 ? name : name.slice(0, at)
  },
}

/** Texts built from the characters that matter here, GUIDs (of either case) and anything else. */
const pieces = fc.oneof(
  fc.constantFrom(':', '/', '@', '?', 'urn:veeam:BackupJobSession:', 'https://em:9398/api/backupServers/'),
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.constantFrom('2026-11-01 11:43:59', '2026-06-16 06:22:59.39912', 'Zürich', 'ÉQUIPE', '東京', 'İ', 'K'),
  fc.string({ maxLength: 40 })
)
const texts = fc.array(pieces, { maxLength: 6 }).map((parts) => parts.join(''))

const withServer = (href: string): RawSession => ({
  Type: 'BackupJobSession',
  Name: 'job@2026-11-01 11:43:59',
  UID: 'urn:veeam:BackupJobSession:1',
  CreationTimeUTC: '2026-11-01T11:43:59.000Z',
  State: 'Stopped',
  Links: [{ Rel: 'Up', Href: href, Name: 'vbr', Type: 'BackupServerReference' }],
})

describe('ids, segments and names read without runtime calls', () => {
  it('agree with lastIndexOf/slice/toLowerCase on every text', () => {
    fc.assert(
      fc.property(texts, (s) => {
        if (s !== '') expect(guidOf(s)).toBe(plain.guid(s))
        expect(backupServerOf(withServer(s))?.id).toBe(plain.segment(s))
        if (s !== '') expect(jobNameFromSessionName(s)).toBe(plain.jobName(s))
      }),
      { numRuns: 3000 }
    )
  })

  it('find an `Up` link whatever its case, and only that relation', () => {
    for (const rel of ['Up', 'up', 'UP', 'uP', 'Alternate', 'Down', 'U', 'Upp', '', 'ＵＰ']) {
      const links = [{ Rel: rel, Href: 'https://em/api/x', Type: 'BackupServerReference' }]
      expect(findLink(links, 'BackupServerReference') !== undefined, rel).toBe(rel.toLowerCase() === 'up')
    }
  })
})

/**
 * The events feed's merge, with fixtures: order by (occurredAt, id) across streams, the page size,
 * a stream whose page was cut short holding back what could come after it, drained streams, and
 * positions that advance over sessions the re-check dropped.
 */
import { describe, expect, it } from 'vitest'
import { FAMILIES } from '../../shared/families/families'
import { mergePages, selectStreams, type Stream, type StreamPage } from '../../shared/services/event-streams'
import { session, T0 } from './event-fixtures'

const started: Stream = { family: FAMILIES['backup-job-sessions'], clock: 'created' }
const finished: Stream = { family: FAMILIES['backup-job-sessions'], clock: 'ended' }
const fresh = { position: null, drained: false }
const H = T0 + 60_000

const pageOf = (
  entries: ReturnType<typeof session>[],
  clock: 'created' | 'ended',
  more = false,
  extra: string[] = []
): StreamPage => ({
  entries,
  keys: [
    ...entries.map((e) => ({ id: e.item.id, ms: (clock === 'created' ? e.createdMs : e.endedMs) ?? 0 })),
    ...extra.map((x) => {
      const [id = '', ms = '0'] = x.split('@')
      return { id, ms: T0 + Number(ms) }
    }),
  ],
  more,
})

describe('selectStreams', () => {
  it('Should give one stream per selected family and clock, in a fixed order', () => {
    expect(
      selectStreams({
        kinds: ['backup', 'replica', 'cdp'],
        levels: ['job', 'task'],
        types: ['session.started', 'session.finished'],
      })
    ).toHaveLength(12)
    const s = selectStreams({ kinds: ['cdp'], levels: ['task'], types: ['session.finished'] })
    expect(s.map((x) => `${x.family.key}/${x.clock}`)).toEqual(['cdp-replica-task-sessions/ended'])
  })
})

describe('mergePages', () => {
  it('Should merge by occurredAt then id, and say where each stream stands', () => {
    const a = session('aaaa', 1000, 5000)
    const b = session('bbbb', 1000, null)
    const c = session('cccc', 3000, 4000)
    const out = mergePages(
      [started, finished],
      [fresh, fresh],
      [pageOf([a, b, c], 'created'), pageOf([c, a], 'ended')],
      4,
      H
    )
    expect(out.events.map((e) => e.id)).toEqual([
      'aaaa:started',
      'bbbb:started',
      'cccc:started',
      'cccc:finished',
    ])
    expect(out.events[3]).toMatchObject({
      type: 'session.finished',
      occurredAt: new Date(T0 + 4000).toISOString(),
      family: 'backup-job-sessions',
    })
    // Started stream: all given, EM had no more: drained. Finished stream: aaaa not given yet.
    expect(out.states[0]).toEqual({
      drained: true,
      position: { direction: 'asc', boundary: T0 + 3000, seen: ['cccc'], skip: 1 },
    })
    expect(out.states[1]).toEqual({
      drained: false,
      position: { direction: 'asc', boundary: T0 + 4000, seen: ['cccc'], skip: 1 },
    })
  })

  it('Should hold back events past the last key of a stream whose page was cut short', () => {
    // The started page stopped at 2000 (EM has more); its keys include one the re-check dropped.
    const a = session('aaaa', 1000, 2500)
    const b = session('bbbb', 1500, 9000)
    const out = mergePages(
      [started, finished],
      [fresh, fresh],
      [pageOf([a, b], 'created', true, ['dddd@2000']), pageOf([a], 'ended')],
      10,
      H
    )
    expect(out.events.map((e) => e.id)).toEqual(['aaaa:started', 'bbbb:started'])
    expect(out.states[0]).toMatchObject({
      drained: false,
      position: { boundary: T0 + 2000, seen: ['dddd'], skip: 1 },
    })
    // The finished stream keeps its place: its event at 2500 waits for the started stream.
    expect(out.states[1]).toEqual({ drained: false, position: null })
  })

  it('Should advance over keys the re-check dropped, and count a stream drained when EM went past the horizon', () => {
    const out = mergePages(
      [finished],
      [fresh],
      [pageOf([], 'ended', true, ['x@100', 'y@200', 'z@61000'])],
      5,
      H
    )
    expect(out.events).toEqual([])
    expect(out.states[0]).toEqual({
      drained: true,
      position: { direction: 'asc', boundary: T0 + 200, seen: ['y'], skip: 2 },
    })
  })

  it('Should leave a stream not read this poll as it was', () => {
    const kept = {
      drained: true,
      position: { direction: 'asc' as const, boundary: T0, seen: ['q'], skip: 1 },
    }
    const out = mergePages(
      [started, finished],
      [kept, fresh],
      [undefined, pageOf([session('aaaa', 0, 10)], 'ended')],
      5,
      H
    )
    expect(out.states[0]).toBe(kept)
    expect(out.events.map((e) => e.id)).toEqual(['aaaa:finished'])
  })
})

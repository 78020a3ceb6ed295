/**
 * @module Decode + normalize figures: what the product does with each EM page (`decodeQueryPage`, then
 * the task-session mapper over every entity) against the floor of the same body in the same format
 * (JSON: `JSON.parse` + `JSON.stringify`; XML: fast-xml-parser's bare parse with attributes kept).
 * Pure CPU, in this process, on bodies the simulator rendered; results are per 1,000 entities.
 */
import { XMLParser } from 'fast-xml-parser'
import { decodeQueryPage } from '../shared/em/decode'
import { toTaskSession } from '../shared/mapping/sessions'
import { interleave, ratioFigure, timeSync, type Figure, type PairedSamples } from './stats'

/** One page body as EM sent it. */
export interface Body {
  readonly text: string
  readonly contentType: string
}

/** The minimum fast-xml-parser needs to see EM's attributes (the brief's reference). */
const bareXml = new XMLParser({ ignoreAttributes: false })

/** Keeps results observable so no engine can skip the work. */
let sink = 0

/** The product's work on one page; returns the number of items produced. */
export const productDecode = (body: Body): number => {
  const page = decodeQueryPage(body.text, body.contentType, 'BackupTaskSession')
  const items = new Array<unknown>(page.entities.length)
  for (let i = 0; i < page.entities.length; i++) {
    const raw = page.entities[i]
    if (raw !== undefined) items[i] = toTaskSession(raw)
  }
  return items.length
}

/** The JSON floor: parse and serialize the same body. */
export const jsonFloor = (text: string): number => JSON.stringify(JSON.parse(text)).length

/** The XML floor: fast-xml-parser's bare parse (attributes kept). */
export const xmlFloor = (text: string): number => Object.keys(bareXml.parse(text) as object).length

export interface DecodeOptions {
  /** Recorded rounds per side (default 30). */
  readonly reps?: number
  /** Unrecorded rounds per side first (default 5). */
  readonly warmup?: number
}

const perThousand = (entities: number, samples: PairedSamples): PairedSamples => ({
  measured: samples.measured.map((ms) => (ms * 1000) / entities),
  reference: samples.reference.map((ms) => (ms * 1000) / entities),
})

const measure = async (
  body: Body,
  floor: (text: string) => number,
  o: DecodeOptions
): Promise<{ entities: number; samples: PairedSamples }> => {
  const entities = productDecode(body)
  if (entities === 0) throw new Error('decode benchmark: the body has no entities')
  const samples = await interleave(
    o.reps ?? 30,
    () => timeSync(() => (sink += productDecode(body))),
    () => timeSync(() => (sink += floor(body.text))),
    o.warmup ?? 5
  )
  return { entities, samples: perThousand(entities, samples) }
}

/**
 * Figure: decode + normalize of an EM JSON body vs `JSON.parse` + `JSON.stringify` (budget ≤ 2.0×),
 * for PascalCase keys (EM ≤ 12) or camelCase keys (EM 13.0).
 */
export const jsonDecodeFigure = async (
  body: Body,
  o: DecodeOptions = {},
  keys: 'pascal' | 'camel' = 'pascal'
): Promise<Figure> => {
  const { entities, samples } = await measure(body, jsonFloor, o)
  return ratioFigure({
    id: keys === 'camel' ? 'decode-json-camel' : 'decode-json',
    name: keys === 'camel' ? 'decode+normalize, EM 13 camelCase JSON' : 'decode+normalize, EM JSON',
    unit: 'ms/1k entities',
    samples,
    kind: 'max',
    limit: 2.0,
    note: `${entities} BackupTaskSession entities, ${(body.text.length / 1e6).toFixed(2)} MB; reference JSON.parse+JSON.stringify (sink ${sink > 0 ? 'ok' : '0'})`,
  })
}

/** Figure: decode + normalize of an EM XML body vs fast-xml-parser's bare parse (budget ≤ 1.15×). */
export const xmlDecodeFigure = async (body: Body, o: DecodeOptions = {}): Promise<Figure> => {
  const { entities, samples } = await measure(body, xmlFloor, o)
  return ratioFigure({
    id: 'decode-xml',
    name: 'decode+normalize, EM XML',
    unit: 'ms/1k entities',
    samples,
    kind: 'max',
    limit: 1.15,
    note: `${entities} BackupTaskSession entities, ${(body.text.length / 1e6).toFixed(2)} MB; reference new XMLParser({ ignoreAttributes: false }).parse`,
  })
}

/**
 * @module Small helpers shared by the XML and JSON decoders: narrowing `unknown` parser output and
 * the one error type a 2xx body that cannot be read turns into.
 */
import { EmBadResponseError } from './errors'

/** A parsed JSON object or XML element. */
export type Obj = Record<string, unknown>

/** Narrows parser output to a plain object (not an array, not null). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The error for an unreadable 2xx body; the message names the problem, never the body. */
export const bad = (what: string): EmBadResponseError =>
  new EmBadResponseError(`EM answered with a body that cannot be read: ${what}`)

/** Drops a leading UTF-8 BOM (EM has been seen to send one before JSON). */
export const stripBom = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s)

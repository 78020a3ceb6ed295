/**
 * @module The one raw shape every EM body is decoded into, whatever EM answered (XML or JSON).
 *
 * It is EM's own JSON shape (PascalCase keys, `Links` as an array), which the XML decoder
 * reproduces: attributes and elements become properties of the same name, `<Links><Link/></Links>`
 * becomes `Links: [...]`, numbers and booleans are typed. Absent optional elements are `undefined`,
 * empty elements (`<Reason />`) are `''`; the decoders leave JSON `null` and `xsi:nil` out like absent
 * elements, so XML and JSON answers decode to identical objects (the schema still accepts `null`).
 * Nothing here is public: `mapping/` turns it into the contract's items.
 * @see ../../README.md (EM name mapping) and em-reference §3, §4
 */
import { z } from 'zod'

export const RawLinkSchema = z.object({
  Rel: z.string(),
  Href: z.string(),
  Name: z.string().nullish(),
  Type: z.string().nullish(),
})
export type RawLink = z.infer<typeof RawLinkSchema>

const text = z.string().nullish()
const num = z.number().nullish()

/** A session entity of any of the six session types (job, task, CDP; backup and replica). */
export const RawSessionSchema = z.object({
  Type: z.string(),
  Href: z.string().nullish(),
  Name: z.string(),
  UID: z.string(),
  VmDisplayName: text,
  Links: z.array(RawLinkSchema).nullish(),
  // job sessions
  JobUid: text,
  JobName: text,
  JobType: text,
  Progress: num,
  IsRetry: z.boolean().nullish(),
  FailureMessage: text,
  // CDP sessions
  PolicyUid: text,
  PolicyName: text,
  PolicyType: text,
  // task sessions
  JobSessionUid: text,
  PolicySessionUid: text,
  Reason: text,
  TotalSize: num,
  VmUid: text,
  // all
  CreationTimeUTC: z.string(),
  EndTimeUTC: text,
  State: z.string(),
  Result: text,
})
export type RawSession = z.infer<typeof RawSessionSchema>

/** `QueryResult` of `format=Entities`, reduced to what a client needs. */
export interface RawQueryPage {
  entities: RawSession[]
  pageNum: number
  pageSize: number
  pagesCount: number
}

/** EM's `<Error Message StatusCode/>` / `{"Message","StatusCode",...}` body; the stack trace is never kept. */
export const RawErrorSchema = z.object({
  Message: z.string().nullish(),
  StatusCode: z.number().nullish(),
})
export type RawError = z.infer<typeof RawErrorSchema>

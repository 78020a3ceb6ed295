/**
 * @module Sends the raw report e-mail through Amazon SES (API v2, `SendEmail` with raw content). The
 * SDK retries throttling and 5xx answers itself (`maxAttempts`, default 3); when that still fails the
 * send is tried once more after a pause, then it fails with `ReportEmailError`. Each failed try is
 * logged (error name, HTTP status, a short message: never a stack or credentials) and the outcome is
 * counted as a metric. The SDK is imported lazily, as the S3 sink does.
 * @see https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html
 */
import { z } from 'zod'
import { logger } from '../../observability/logger'
import { recordReportEmail } from '../../observability/metrics'

export interface SesOptions {
  /** Default: the SDK's (AWS_REGION). */
  readonly region?: string | undefined
  /** Default: the SDK's (`AWS_ENDPOINT_URL_SESV2`, else SES in the region). */
  readonly endpoint?: string | undefined
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined
  /** SDK attempts per send, default 3. */
  readonly maxAttempts?: number | undefined
  /** Pause before the one explicit retry, default 2000 ms. */
  readonly retryDelayMs?: number | undefined
}

export interface RawEmail {
  readonly from: string
  readonly to: readonly string[]
  readonly raw: string
}

export interface SentEmail {
  readonly messageId: string
  readonly bytes: number
  /** 1, or 2 when the explicit retry was needed. */
  readonly tries: number
}

export class ReportEmailError extends Error {
  constructor(
    message: string,
    readonly tries: number,
    options?: ErrorOptions
  ) {
    super(message, options)
    this.name = 'ReportEmailError'
  }
}

const TRIES = 2
const SdkErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  $metadata: z.object({ httpStatusCode: z.number().optional() }).optional(),
})

/** What a log line may say about a failure. */
const describe = (err: unknown) => {
  const e = SdkErrorSchema.safeParse(err)
  if (!e.success) return { error: 'unknown' }
  return {
    error: e.data.name,
    httpStatus: e.data.$metadata?.httpStatusCode,
    detail: e.data.message.slice(0, 200),
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Sends the message; resolves with SES's message id, or rejects with `ReportEmailError` after the retry. */
export const sendRawEmail = async (mail: RawEmail, o: SesOptions = {}): Promise<SentEmail> => {
  const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2')
  const client = new SESv2Client({
    maxAttempts: o.maxAttempts ?? 3,
    ...(o.endpoint === undefined ? {} : { endpoint: o.endpoint }),
    ...(o.region === undefined ? {} : { region: o.region }),
    ...(o.credentials === undefined ? {} : { credentials: { ...o.credentials } }),
  })
  const data = Buffer.from(mail.raw, 'utf8')
  const command = new SendEmailCommand({
    FromEmailAddress: mail.from,
    Destination: { ToAddresses: [...mail.to] },
    Content: { Raw: { Data: data } },
  })
  let last: unknown
  try {
    for (let tries = 1; tries <= TRIES; tries += 1) {
      if (tries > 1) await sleep(o.retryDelayMs ?? 2000)
      try {
        const out = await client.send(command)
        const sent = { messageId: out.MessageId ?? '', bytes: data.length, tries }
        recordReportEmail({ sent: true, bytes: data.length })
        logger.info('report e-mail sent', { ...sent, recipients: mail.to.length })
        return sent
      } catch (err) {
        last = err
        logger.warn('report e-mail send failed', { try: tries, of: TRIES, ...describe(err) })
      }
    }
  } finally {
    client.destroy()
  }
  recordReportEmail({ sent: false })
  throw new ReportEmailError(`SES did not accept the report e-mail after ${TRIES} tries`, TRIES, {
    cause: last,
  })
}

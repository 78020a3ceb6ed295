/**
 * @module The simulator's response model and EM Error responses (XML or JSON by Accept), plus the
 * fake .NET stack trace that 500s from the fault knob carry (the product must never leak it).
 */
import { errorJson } from './render-json'
import { errorXml } from './render-xml'

export interface SimResponse {
  readonly status: number
  readonly headers: Record<string, string>
  /** Text, or UTF-8 bytes (a query page assembled from cached fragments). */
  readonly body: string | Buffer
  /** Entities on the page (for `perEntityLatencyMs`). */
  readonly entities: number
}

/** What a route needs to know about the request. */
export interface RequestContext {
  readonly method: string
  readonly path: string
  /** Query parameters, names lower-cased, values decoded. */
  readonly params: ReadonlyMap<string, string>
  readonly json: boolean
  /** The logon token: the `X-RestSvcSessionId` cookie if present (it wins), else the header. */
  readonly token: string | undefined
  readonly authorization: string | undefined
}

export const XML_TYPE = 'application/xml; charset=utf-8'
export const JSON_TYPE = 'application/json; charset=utf-8'

/** A 200/201 body response. */
export const ok = (
  ctx: RequestContext,
  body: string | Buffer,
  status = 200,
  entities = 0,
  headers: Record<string, string> = {}
): SimResponse => ({
  status,
  headers: { 'Content-Type': ctx.json ? JSON_TYPE : XML_TYPE, ...headers },
  body,
  entities,
})

export const FAKE_STACK_TRACE = [
  '   at Veeam.Backup.Enterprise.RestAPIService.CRestQueryService.ExecuteQuery(CQueryParams queryParams)',
  '   at Veeam.Backup.Enterprise.RestAPIService.CRestApiHandler.ProcessRequest(HttpListenerContext context)',
  '   at Veeam.Backup.Enterprise.Core.CSqlDataProvider.ExecuteReader(String spName, SqlParameter[] args) in C:\\build\\Enterprise\\Core\\CSqlDataProvider.cs:line 212',
  '   at System.Data.SqlClient.SqlConnection.OnError(SqlException exception, Boolean breakConnection)',
].join('\r\n')

/** An EM Error response; `withStack` adds FirstChanceExceptionMessage and StackTrace. */
export const emError = (
  ctx: Pick<RequestContext, 'json'>,
  status: number,
  message: string,
  withStack = false,
  headers: Record<string, string> = {}
): SimResponse => ({
  status,
  headers: { 'Content-Type': ctx.json ? JSON_TYPE : XML_TYPE, ...headers },
  body: ctx.json
    ? errorJson(status, message, withStack ? FAKE_STACK_TRACE : undefined)
    : errorXml(status, message, withStack ? FAKE_STACK_TRACE : undefined),
  entities: 0,
})

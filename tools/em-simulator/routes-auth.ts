/**
 * @module Entry point, logon and logoff routes (em-reference §1): `GET /api/`,
 * `POST /api/sessionMngr/?v=…` (Basic → 201 + `X-RestSvcSessionId` header and cookie),
 * `DELETE /api/logonSessions/{SessionId}` → 204.
 */
import { entryPoint, logonSessionBody } from './documents'
import type { LogonStore } from './logon-store'
import { NS, XML_DECL, XSD_XSI } from './render-xml'
import { parseBasic } from './logon-store'
import { emError, ok } from './responses'
import type { RequestContext, SimResponse } from './responses'

const VERSIONS = new Set(['latest', 'v1_5', 'v1_6', 'v1_7'])

/** `GET /api/`. */
export const getEntryPoint = (base: string, ctx: RequestContext): SimResponse =>
  ok(ctx, entryPoint(base, ctx.json))

/** `POST /api/sessionMngr/`. */
export const postLogon = (base: string, logons: LogonStore, ctx: RequestContext): SimResponse => {
  const version = ctx.params.get('v')
  if (version !== undefined && !VERSIONS.has(version.toLowerCase())) {
    return emError(ctx, 400, `Version '${version}' is not supported`)
  }
  const creds = parseBasic(ctx.authorization)
  if (creds === undefined || !logons.accepts(creds.user, creds.password)) {
    const message =
      creds === undefined
        ? 'Authorization header expected but not found'
        : 'The user name or password is incorrect'
    return emError(ctx, 401, message, false, { 'WWW-Authenticate': 'Basic Realm=RestSvc' })
  }
  const session = logons.logon(logons.username)
  return ok(ctx, logonSessionBody(base, session, ctx.json), 201, 0, {
    'X-RestSvcSessionId': session.token,
    'Set-Cookie': `X-RestSvcSessionId=${session.token}; Path=/api;`,
  })
}

/** `GET /api/logonSessions[/{id}]`: root `LogonSessions` (JSON `{"LogonSessions":[…]}`) or one session. */
export const getLogons = (
  base: string,
  logons: LogonStore,
  ctx: RequestContext,
  sessionId?: string
): SimResponse => {
  const all = logons.list()
  if (sessionId !== undefined) {
    const one = all.find((s) => s.sessionId === sessionId.toLowerCase())
    return one === undefined
      ? emError(ctx, 404, `Logon session ${sessionId} was not found`)
      : ok(ctx, logonSessionBody(base, one, ctx.json))
  }
  const bodies = all.map((s) => logonSessionBody(base, s, ctx.json))
  if (ctx.json) return ok(ctx, `{"LogonSessions":[${bodies.join(',')}]}`)
  const inner = bodies
    .map((b) => b.replace(/^<\?xml[^>]*>\n/, '').replace(/ xmlns(:\w+)?="[^"]*"/g, ''))
    .join('\n')
  return ok(ctx, `${XML_DECL}<LogonSessions ${XSD_XSI} xmlns="${NS}">\n${inner}\n</LogonSessions>`)
}

/** `DELETE /api/logonSessions/{id}` (already authenticated). */
export const deleteLogon = (logons: LogonStore, ctx: RequestContext, sessionId: string): SimResponse => {
  if (!logons.logoff(sessionId)) return emError(ctx, 404, `Logon session ${sessionId} was not found`)
  return { status: 204, headers: {}, body: '', entities: 0 }
}

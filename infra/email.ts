/**
 * @module The report e-mail's deploy-time settings and its IAM statement. The addresses come from the
 * deployer's environment (`REPORT_EMAIL_TO=… REPORT_EMAIL_FROM=… npm run deploy -- --stage …`),
 * validated by the app's own rules (`loadConfig`), and reach the report function as environment
 * variables. The function may send (`ses:SendEmail`, `ses:SendRawEmail`) only on the configured SES
 * identity, and only with the configured From address (`ses:FromAddress`).
 * @see https://docs.aws.amazon.com/ses/latest/dg/control-user-access.html
 */
import { loadConfig } from '../shared/config/env'

const deployEnv = {
  REPORT_EMAIL_TO: process.env.REPORT_EMAIL_TO,
  REPORT_EMAIL_FROM: process.env.REPORT_EMAIL_FROM,
  REPORT_EMAIL_ONLY_ON_ISSUES: process.env.REPORT_EMAIL_ONLY_ON_ISSUES,
  REPORT_BASE_URL: process.env.REPORT_BASE_URL,
}
const settings = loadConfig(deployEnv)
const email = settings.reportEmail

/**
 * The verified SES identity the From address belongs to: `REPORT_EMAIL_IDENTITY` (an address or a
 * domain), else the From address's domain (a verified domain covers every address in it).
 */
const identity = process.env.REPORT_EMAIL_IDENTITY?.trim() || email?.from.split('@')[1]
/** In the SES sandbox, SES also checks the permission on each recipient's (verified) identity. */
const sandbox = /^(1|true|yes|on)$/i.test(process.env.REPORT_EMAIL_SES_SANDBOX?.trim() ?? '')

const identityArn = (name: string) =>
  $interpolate`arn:aws:ses:${aws.getRegionOutput().name}:${aws.getCallerIdentityOutput().accountId}:identity/${name}`

/** Environment of the report function: the mail settings when the addresses are configured. */
export const reportEmailEnvironment: Record<string, string> =
  email === undefined
    ? {}
    : {
        REPORT_EMAIL_TO: email.to.join(','),
        REPORT_EMAIL_FROM: email.from,
        REPORT_EMAIL_ONLY_ON_ISSUES: String(email.onlyOnIssues),
        ...(settings.reportBaseUrl === undefined ? {} : { REPORT_BASE_URL: settings.reportBaseUrl }),
      }

/** The report function's permission to send, or none when e-mail is not configured. */
export const reportEmailPermissions =
  email === undefined || identity === undefined
    ? []
    : [
        {
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [identityArn(identity), ...(sandbox ? email.to.map(identityArn) : [])],
          conditions: [{ test: 'StringEquals', variable: 'ses:FromAddress', values: [email.from] }],
        },
      ]

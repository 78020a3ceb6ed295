/**
 * @module The API's front door: CloudFront with an AWS WAF web ACL whose rate-based rule blocks a
 * client IP that sends more than `RATE_LIMIT_PER_5_MIN` requests in 5 minutes (HTTP APIs cannot take
 * a WAF directly; CloudFront can). CloudFront caches nothing (every answer is per key) and adds
 * `X-Origin-Verify`, so the execute-api URL is no way around the WAF.
 *
 * Cost (us-east-1 list prices, 2025): web ACL $5/month + $1/month per rule + $0.60 per million
 * requests inspected; CloudFront $0.0075–0.0120 per 10,000 HTTPS requests plus data out (first
 * 1 TB/month free). One million calls a month: about $7–8 in all.
 */
import { rateLimitRule } from './policies'
import { api } from './api'
import { originVerify } from './secrets'

// A CloudFront web ACL lives in us-east-1, wherever the app is.
const usEast1 = new aws.Provider('UsEast1', { region: 'us-east-1' })

export const webAcl = new aws.wafv2.WebAcl(
  'ApiWaf',
  {
    scope: 'CLOUDFRONT',
    defaultAction: { allow: {} },
    rules: [rateLimitRule()],
    visibilityConfig: {
      cloudwatchMetricsEnabled: true,
      metricName: 'EmSessionsApiWaf',
      sampledRequestsEnabled: true,
    },
  },
  { provider: usEast1 }
)

// AWS managed policies: CachingDisabled, and AllViewerExceptHostHeader (forwards every viewer header,
// Authorization included, and the query string; the Host is the API's own).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad'
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac'

export const edge = new aws.cloudfront.Distribution('ApiEdge', {
  enabled: true,
  comment: `em-sessions-api ${$app.stage}`,
  webAclId: webAcl.arn,
  priceClass: 'PriceClass_100',
  origins: [
    {
      originId: 'api',
      domainName: api.url.apply((u) => new URL(u).host),
      customOriginConfig: {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: 'https-only',
        originSslProtocols: ['TLSv1.2'],
      },
      customHeaders: [{ name: 'X-Origin-Verify', value: originVerify.value }],
    },
  ],
  defaultCacheBehavior: {
    targetOriginId: 'api',
    viewerProtocolPolicy: 'https-only',
    allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
    cachedMethods: ['GET', 'HEAD'],
    cachePolicyId: CACHING_DISABLED,
    originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
    compress: true,
  },
  restrictions: { geoRestriction: { restrictionType: 'none' } },
  viewerCertificate: { cloudfrontDefaultCertificate: true },
})

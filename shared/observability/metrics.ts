/**
 * @module The service's CloudWatch metrics (Powertools, EMF lines on stdout) and every metric name in
 * one place. Published when the configuration says so (`config.metricsEnabled`: in Lambda or with
 * `METRICS_ENABLED=true`, never with `POWERTOOLS_METRICS_DISABLED=true`; the runtime applies it);
 * otherwise, and in tests unless a test calls `setMetricsEnabled(true)`, the helpers do nothing.
 */
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics'
import type { EmCallEvent, EmProtectionEvent } from '../em/types'
import { SERVICE_NAME } from './logger'

/** CloudWatch namespace of every metric. */
export const METRICS_NAMESPACE = 'EmSessionsApi'

/** Metric names (one place, so dashboards and alarms have one source). */
export const MetricName = {
  /** Duration of each EM HTTP call (logon, query, entity, logoff), ms. */
  EmLatency: 'EmLatency',
  /** EM calls that failed; dimension `ErrorKind` (an `EmErrorKind`: timeout, auth, http, …). */
  EmErrors: 'EmErrors',
  /** Logons to EM (a new `X-RestSvcSessionId`); a high rate means sessions are not reused. */
  EmLogons: 'EmLogons',
  /** EM circuit breaker state changes; dimension `State` (`open`, `half-open`, `closed`). */
  EmBreakerTransitions: 'EmBreakerTransitions',
  /** Calls refused before reaching EM; dimension `Reason` (`busy`: no slot in time, `circuit-open`). */
  EmRejected: 'EmRejected',
  /** Pages of items served by the API. */
  ApiPages: 'ApiPages',
  /** Items in the pages served. */
  ApiPageItems: 'ApiPageItems',
  /** Daily report e-mails accepted by SES. */
  ReportEmailsSent: 'ReportEmailsSent',
  /** Daily report e-mails that SES did not accept after the retry (the invocation fails too): alarm on it. */
  ReportEmailFailures: 'ReportEmailFailures',
  /** Size of the raw MIME message sent, bytes. */
  ReportEmailBytes: 'ReportEmailBytes',
} as const

/** The shared Metrics instance (`service` dimension = the service name). */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME })

// Off until the runtime applies the configuration; a test may override it either way.
let configured = false
let override: boolean | undefined
const isEnabled = (): boolean => override ?? configured

/** The configuration's choice (`config.metricsEnabled`), applied by the runtime and the Lambda entries. */
export const configureMetrics = (enabled: boolean): void => {
  configured = enabled
}

/** Overrides the configuration (tests); `undefined` goes back to it. */
export const setMetricsEnabled = (value: boolean | undefined): void => {
  override = value
}

/** Records one EM call: its latency, a logon, or an error with its kind. */
export const recordEmCall = (e: EmCallEvent): void => {
  if (!isEnabled()) return
  metrics.addMetric(MetricName.EmLatency, MetricUnit.Milliseconds, e.durationMs)
  if (e.operation === 'logon' && e.errorKind === undefined)
    metrics.addMetric(MetricName.EmLogons, MetricUnit.Count, 1)
  if (e.errorKind !== undefined) {
    // Errors are rare: a single metric (its own EMF line) carries the kind as a dimension without
    // putting that dimension on the other metrics of the invocation.
    const single = metrics.singleMetric()
    single.addDimension('ErrorKind', e.errorKind)
    single.addMetric(MetricName.EmErrors, MetricUnit.Count, 1)
  }
}

/** Records EM protection at work: a breaker state change, or a call refused before EM. */
export const recordEmProtection = (e: EmProtectionEvent): void => {
  if (!isEnabled()) return
  const single = metrics.singleMetric()
  if (e.type === 'breaker') {
    single.addDimension('State', e.to)
    single.addMetric(MetricName.EmBreakerTransitions, MetricUnit.Count, 1)
  } else {
    single.addDimension('Reason', e.reason)
    single.addMetric(MetricName.EmRejected, MetricUnit.Count, 1)
  }
}

/** Records `ColdStart` once, on the first invocation of an execution environment (Powertools decides). */
export const recordColdStart = (functionName?: string): void => {
  if (isEnabled()) metrics.captureColdStartMetric(functionName)
}

/** Records one page served by the API (and how many items it held, when given). */
export const recordPage = (items?: number): void => {
  if (!isEnabled()) return
  metrics.addMetric(MetricName.ApiPages, MetricUnit.Count, 1)
  if (items !== undefined) metrics.addMetric(MetricName.ApiPageItems, MetricUnit.Count, items)
}

/** Records the outcome of one report e-mail (after its retry): sent with its size, or failed. */
export const recordReportEmail = (e: { sent: true; bytes: number } | { sent: false }): void => {
  if (!isEnabled()) return
  if (e.sent) {
    metrics.addMetric(MetricName.ReportEmailsSent, MetricUnit.Count, 1)
    metrics.addMetric(MetricName.ReportEmailBytes, MetricUnit.Bytes, e.bytes)
  } else metrics.addMetric(MetricName.ReportEmailFailures, MetricUnit.Count, 1)
}

/** Writes the stored metrics as one EMF line (call once at the end of each invocation). */
export const flushMetrics = (): void => {
  // Powertools warns when publishing nothing; an invocation without EM calls or pages is normal.
  if (!isEnabled() || !metrics.hasStoredMetrics()) return
  metrics.publishStoredMetrics()
}

/**
 * @module The service's CloudWatch metrics (Powertools, EMF lines on stdout) and every metric name in
 * one place. Published when running in Lambda (`AWS_LAMBDA_FUNCTION_NAME` set) or when
 * `METRICS_ENABLED=true`; locally and in tests the helpers do nothing unless enabled (a test calls
 * `setMetricsEnabled(true)`). `POWERTOOLS_METRICS_DISABLED=true` turns them off everywhere.
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
} as const

/** The shared Metrics instance (`service` dimension = the service name). */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME })

const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim())

// Observability reads its own switches (like Powertools does), not the app config.
let enabled: boolean | undefined
const isEnabled = (): boolean => {
  enabled ??=
    !truthy(process.env.POWERTOOLS_METRICS_DISABLED) &&
    (Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) || truthy(process.env.METRICS_ENABLED))
  return enabled
}

/** Overrides the environment's choice (tests); `undefined` goes back to reading the environment. */
export const setMetricsEnabled = (value: boolean | undefined): void => {
  enabled = value
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

/** Writes the stored metrics as one EMF line (call once at the end of each invocation). */
export const flushMetrics = (): void => {
  // Powertools warns when publishing nothing; an invocation without EM calls or pages is normal.
  if (!isEnabled() || !metrics.hasStoredMetrics()) return
  metrics.publishStoredMetrics()
}

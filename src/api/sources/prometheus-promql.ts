import type { MetricName } from '../../domain/model'
import type { TagFilter } from './data-source'

/**
 * Span metrics come in several naming families depending on what produced them. The adapter finds
 * out at run time which one the store holds. Pure: names in, PromQL out.
 */
export interface SpanMetricsFamily {
  /** human description, shown in the settings page */
  description: string
  calls: string
  bucket: string
  /** multiply a histogram value by this to get µs */
  toMicros: number
  service: string
  operation: string
  /** the span kind label; null when the series have none (then every kind is counted, and said so) */
  kind: string | null
  status: string
  errorValue: string
}

/** One regex for all metric names the adapter can use, for a cheap label-values discovery call. */
export const DISCOVERY_MATCH =
  '{__name__=~"traces_spanmetrics_(calls_total|latency_bucket)|traces_span_metrics_(calls_total|duration_milliseconds_bucket|duration_seconds_bucket)|calls_total|latency_bucket|duration_milliseconds_bucket|duration_seconds_bucket|traces_service_graph_request_total"}'

interface Candidate {
  description: string
  calls: string
  bucket: string
  toMicros: number
}

const CANDIDATES: Candidate[] = [
  { description: 'Tempo metrics-generator (traces_spanmetrics_*, seconds)', calls: 'traces_spanmetrics_calls_total', bucket: 'traces_spanmetrics_latency_bucket', toMicros: 1e6 },
  { description: 'OpenTelemetry spanmetrics connector (traces_span_metrics_*, milliseconds)', calls: 'traces_span_metrics_calls_total', bucket: 'traces_span_metrics_duration_milliseconds_bucket', toMicros: 1e3 },
  { description: 'OpenTelemetry spanmetrics connector (traces_span_metrics_*, seconds)', calls: 'traces_span_metrics_calls_total', bucket: 'traces_span_metrics_duration_seconds_bucket', toMicros: 1e6 },
  { description: 'OpenTelemetry spanmetrics processor (calls_total, latency_bucket in milliseconds)', calls: 'calls_total', bucket: 'latency_bucket', toMicros: 1e3 },
  { description: 'OpenTelemetry spanmetrics connector without namespace (calls_total, duration_milliseconds_bucket)', calls: 'calls_total', bucket: 'duration_milliseconds_bucket', toMicros: 1e3 },
  { description: 'OpenTelemetry spanmetrics connector without namespace (calls_total, duration_seconds_bucket)', calls: 'calls_total', bucket: 'duration_seconds_bucket', toMicros: 1e6 },
]

export const SERVICE_GRAPH = {
  requests: 'traces_service_graph_request_total',
  failed: 'traces_service_graph_request_failed_total',
  serverBucket: 'traces_service_graph_request_server_seconds_bucket',
  clientBucket: 'traces_service_graph_request_client_seconds_bucket',
} as const

/** The first family whose counter and histogram both exist; null when none does. */
export function pickFamily(metricNames: readonly string[]): Omit<SpanMetricsFamily, 'service' | 'operation' | 'kind' | 'status' | 'errorValue'> | null {
  const have = new Set(metricNames)
  return CANDIDATES.find((c) => have.has(c.calls) && have.has(c.bucket)) ?? null
}

/** Which label names the family uses (Tempo: service/span_name; OpenTelemetry: service_name/span_name or operation). */
export function familyLabels(labelNames: readonly string[]): Pick<SpanMetricsFamily, 'service' | 'operation' | 'kind' | 'status' | 'errorValue'> {
  const have = new Set(labelNames)
  const first = (names: string[], fallback: string) => names.find((n) => have.has(n)) ?? fallback
  return {
    service: first(['service', 'service_name', 'job'], 'service'),
    operation: first(['span_name', 'operation'], 'span_name'),
    kind: have.has('span_kind') ? 'span_kind' : null,
    status: first(['status_code'], 'status_code'),
    errorValue: 'STATUS_CODE_ERROR',
  }
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/

export const isLabelName = (s: string): boolean => LABEL_NAME.test(s)

/** A PromQL string literal. */
export function promString(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
}

export type Matcher = [label: string, op: '=' | '!=' | '=~', value: string]

export function selector(metric: string, matchers: readonly Matcher[]): string {
  const parts = matchers.filter(([l]) => isLabelName(l)).map(([l, op, v]) => `${l}${op}${promString(v)}`)
  return `${metric}{${parts.join(',')}}`
}

export interface RedSelection {
  service: string
  operation?: string
  filters?: TagFilter[]
  groupBy?: string
}

/** The span kinds that measure what a service serves: requests it answers and messages it consumes. */
export const SERVED_KINDS = 'SPAN_KIND_SERVER|SPAN_KIND_CONSUMER'

/**
 * The series of a selection. A whole service is measured by the spans it serves (server and consumer
 * spans): its client, producer and internal spans are calls it makes, and counting them would add every
 * outgoing call to its request rate and mix their latencies into its own. An operation, or an explicit
 * span-kind filter, selects exactly what it names.
 */
export function redMatchers(f: SpanMetricsFamily, q: RedSelection): Matcher[] {
  const m: Matcher[] = [[f.service, '=', q.service]]
  if (q.operation) m.push([f.operation, '=', q.operation])
  for (const t of q.filters ?? []) if (isLabelName(t.key)) m.push([t.key, '=', t.value])
  if (f.kind && !q.operation && !(q.filters ?? []).some((t) => t.key === f.kind)) m.push([f.kind, '=~', SERVED_KINDS])
  return m
}

/** A rate window that always holds several scrapes: twice the step, at least a minute. */
export function rateWindowSeconds(stepMs: number): number {
  return Math.max(60, Math.ceil((2 * stepMs) / 1000))
}

/** Step for about 300 points, in whole seconds, never below 1 s. */
export function defaultStepMs(from: number, to: number): number {
  return Math.max(1, Math.ceil((to - from) / 300 / 1000)) * 1000
}

const QUANTILE: Partial<Record<MetricName, number>> = { latency_p50: 0.5, latency_p95: 0.95, latency_p99: 0.99 }

export const SPAN_METRICS_NAMES: readonly MetricName[] = ['request_rate', 'error_rate', 'latency_p50', 'latency_p95', 'latency_p99']

/**
 * The console's caller field (`FromService`, as topology's edge links use it): span metrics have no
 * caller, so the series of the calls from one service to another come from the service graph
 * (`client` and `server` labels), measured on the server side like every RED series.
 */
export const CALLER_FIELD = 'FromService'

export const callerOf = (q: RedSelection): string | undefined => q.filters?.find((t) => t.key === CALLER_FIELD)?.value

/** The PromQL of a RED series of the calls from `caller` to `q.service`; null for what the service graph does not carry. */
export function callQuery(metric: MetricName, caller: string, q: RedSelection, windowSec: number): string | null {
  const by = q.groupBy && ['client', 'server', 'connection_type'].includes(q.groupBy) ? q.groupBy : null
  const sumBy = by ? `sum by (${by})` : 'sum'
  const m: Matcher[] = [['client', '=', caller], ['server', '=', q.service]]
  const rate = (metricName: string) => `rate(${selector(metricName, m)}[${windowSec}s])`
  if (metric === 'request_rate') return `${sumBy} (${rate(SERVICE_GRAPH.requests)})`
  if (metric === 'error_rate') {
    const all = `${sumBy} (${rate(SERVICE_GRAPH.requests)})`
    return `(${sumBy} (${rate(SERVICE_GRAPH.failed)}) or ${all} * 0) / ${all}`
  }
  const quantile = QUANTILE[metric]
  if (quantile === undefined) return null
  return `histogram_quantile(${quantile}, ${by ? `sum by (le, ${by})` : 'sum by (le)'} (${rate(SERVICE_GRAPH.serverBucket)})) * 1e6`
}

/** The PromQL for a RED series; null for metrics span metrics do not carry (sizes, MQ lag). */
export function redQuery(f: SpanMetricsFamily, metric: MetricName, q: RedSelection, windowSec: number): string | null {
  const caller = callerOf(q)
  if (caller !== undefined) return callQuery(metric, caller, q, windowSec)
  const by = q.groupBy && isLabelName(q.groupBy) ? q.groupBy : null
  const sumBy = by ? `sum by (${by})` : 'sum'
  const m = redMatchers(f, q)
  const rate = (extra: Matcher[] = []) => `rate(${selector(f.calls, [...m, ...extra])}[${windowSec}s])`
  if (metric === 'request_rate') return `${sumBy} (${rate()})`
  if (metric === 'error_rate') {
    const all = `${sumBy} (${rate()})`
    const failed = `${sumBy} (${rate([[f.status, '=', f.errorValue]])})`
    return `(${failed} or ${all} * 0) / ${all}`
  }
  const quantile = QUANTILE[metric]
  if (quantile === undefined) return null
  const le = by ? `sum by (le, ${by})` : 'sum by (le)'
  return `histogram_quantile(${quantile}, ${le} (rate(${selector(f.bucket, m)}[${windowSec}s]))) * ${f.toMicros}`
}

/** Service-graph queries over the whole window, evaluated once at its end. */
export function serviceGraphQueries(windowSec: number) {
  const w = `[${windowSec}s]`
  const q = (quantile: number, by: string, bucket: string) =>
    `histogram_quantile(${quantile}, sum by (${by}, le) (rate(${bucket}${w}))) * 1e6`
  return {
    edgeRate: `sum by (client, server, connection_type) (rate(${SERVICE_GRAPH.requests}${w}))`,
    edgeFailed: `sum by (client, server) (rate(${SERVICE_GRAPH.failed}${w}))`,
    edgeP50: q(0.5, 'client, server', SERVICE_GRAPH.serverBucket),
    edgeP99: q(0.99, 'client, server', SERVICE_GRAPH.serverBucket),
    serverP50: q(0.5, 'server', SERVICE_GRAPH.serverBucket),
    serverP95: q(0.95, 'server', SERVICE_GRAPH.serverBucket),
    serverP99: q(0.99, 'server', SERVICE_GRAPH.serverBucket),
    clientP50: q(0.5, 'client', SERVICE_GRAPH.clientBucket),
    clientP95: q(0.95, 'client', SERVICE_GRAPH.clientBucket),
    clientP99: q(0.99, 'client', SERVICE_GRAPH.clientBucket),
  }
}

/**
 * The services a window has span metrics for, with the operations each serves: one instant query at the
 * window's end over the whole window (`last_over_time`), grouped by service, span name and kind.
 */
export function servicesQuery(f: SpanMetricsFamily, windowSec: number): string {
  const labels = [f.service, f.operation, ...(f.kind ? [f.kind] : [])].join(', ')
  const m: Matcher[] = f.kind ? [[f.kind, '=~', SERVED_KINDS]] : []
  return `group by (${labels}) (last_over_time(${selector(f.calls, m)}[${windowSec}s]))`
}

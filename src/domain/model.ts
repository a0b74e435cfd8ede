import type { LatencyBasis } from './topology/latency-basis'
import type { PercentileBasis } from './metrics/percentile-basis'
/**
 * The console's domain model. Pure types: no React, no network, no DOM.
 * Every data source (synthetic console API, Jaeger, Tempo, Prometheus, trace files)
 * is turned into these shapes by an adapter in src/api.
 *
 * Units: span times and durations are microseconds (µs) since the Unix epoch;
 * window bounds (`from`, `to`) and metric timestamps are milliseconds since the epoch.
 */

export type TagValue = string | number | boolean

export const SPAN_KINDS = ['server', 'client', 'producer', 'consumer', 'internal'] as const
export type SpanKind = (typeof SPAN_KINDS)[number]

export const SPAN_STATUSES = ['ok', 'error', 'unset'] as const
export type SpanStatus = (typeof SPAN_STATUSES)[number]

/** A point in time without duration, attached to a span: a log line, a panic, an exception. */
export interface SpanEvent {
  /** µs since epoch */
  time: number
  name: string
  attributes: Record<string, TagValue>
}

export interface Span {
  traceId: string
  spanId: string
  /** null for a root span */
  parentSpanId: string | null
  name: string
  kind: SpanKind
  /** ServiceName, repeated from `resource` for convenience */
  service: string
  /** µs since epoch */
  startTime: number
  /** µs */
  duration: number
  status: SpanStatus
  /** Resource fields: ServiceName, Framework, DC, Cluster, DeployStage, IPV4, IPV6, PodName, Env */
  resource: Record<string, string>
  /** Span tags: Method, ToService, StatusCode, IsError, SendSize, ... */
  tags: Record<string, TagValue>
  events: SpanEvent[]
  /** Custom numeric metrics attached to the span (message size, order price) */
  metrics: Record<string, number>
  /**
   * How the span relates to its parent. `follows_from`: the parent did not wait for it — async
   * work such as a message consumed after the producer published it (a Jaeger FOLLOWS_FROM
   * reference, an OpenTelemetry span link). Absent or `child_of`: the parent waited for it.
   */
  parentRelation?: SpanRelation
}

export const SPAN_RELATIONS = ['child_of', 'follows_from'] as const
export type SpanRelation = (typeof SPAN_RELATIONS)[number]

export const SAMPLING_MODES = ['probability', 'adaptive', 'dyed', 'posttrace', 'unknown'] as const
export type SamplingMode = (typeof SAMPLING_MODES)[number]

export interface SamplingInfo {
  mode: SamplingMode
  /**
   * The trace's inclusion probability in (0, 1]: 1/rate estimates the real number of such traces.
   * It differs from the sampler's rate when more than one way could keep the trace (a failing
   * request head-sampled at 0.1 % or else captured by PostTrace at 0.5 % was kept with ≈ 0.6 %).
   * 1 when not known (`rateKnown: false`): the trace then counts for itself.
   */
  rate: number
  /** the rate the sampler that kept the trace ran at (head sampler, PostTrace capture, 1 for dyed); absent or null when not known */
  samplerRate?: number | null
  /** false when the source gave no inclusion probability (`rate` is then a placeholder 1) */
  rateKnown?: boolean
  /** PostTrace only: the span whose event triggered capture */
  triggerSpanId: string | null
  /** PostTrace only: µs since epoch at which capture began */
  triggerTime: number | null
  /** PostTrace only: what triggered capture (a failure, or a span slower than its operation's threshold); absent when the source does not say */
  triggerReason?: PostTraceTrigger | null
  /** PostTrace latency triggers: the threshold (µs) the trigger span exceeded */
  triggerThreshold?: number | null
}

export const POSTTRACE_TRIGGERS = ['error', 'latency'] as const
export type PostTraceTrigger = (typeof POSTTRACE_TRIGGERS)[number]

export interface Trace {
  traceId: string
  spans: Span[]
  sampling: SamplingInfo
  /** Warnings from the source (e.g. "DC eu-1 did not answer"), plain words */
  warnings: string[]
}

/** Answers that fan out to several DCs may be partial. */
export interface Partiality {
  missingDcs: string[]
  reason: string | null
  /** when the missing DCs did not answer (ms), where the source says */
  silentFrom?: number
  silentTo?: number
}

export interface ServiceSummary {
  name: string
  layer: string
  framework: string
  dcs: string[]
  clusters: string[]
  operations: { name: string; kind: SpanKind }[]
}

export interface TraceSummary {
  traceId: string
  /** the root span's service; when the root was not captured, the earliest captured span's */
  rootService: string
  rootOperation: string
  /**
   * false when the trace has no root span (a PostTrace capture that began after the request had
   * answered, a lost root): rootService/rootOperation then name the earliest captured span and
   * startTime/duration span what was captured. Absent when the source does not say.
   */
  rootCaptured?: boolean
  /** µs since epoch */
  startTime: number
  /** µs */
  duration: number
  spanCount: number
  errorCount: number
  services: { name: string; spanCount: number; errorCount: number }[]
  /** the inclusion probability (`rate`) and the sampler's own rate, as on SamplingInfo */
  sampling: { mode: SamplingMode; rate: number; samplerRate?: number | null }
  /** span-level searches only: the span of the searched service that meets the span conditions */
  match?: MatchedSpan
}

/**
 * Conditions on one span of the searched service (and operation): a trace matches when one of
 * those spans, starting in the window, meets them all. Drill-downs from a metric series use it,
 * so a trace is listed for what the series measured (that span), not for its whole duration.
 */
export interface SpanCondition {
  /** µs; the span's own duration is at or above it */
  minDuration?: number
  /** the span's own status */
  status?: 'error'
  /** tags or resource fields of that same span (a series' filters) */
  tags?: { key: string; value: string }[]
}

/** The span a span-level search matched (the slowest when a duration is asked, else the earliest). */
export interface MatchedSpan {
  spanId: string
  service: string
  operation: string
  /** µs since epoch */
  startTime: number
  /** µs */
  duration: number
  /** 'unknown' when the source does not say (Tempo's search answers no status unless asked for errors) */
  status: 'ok' | 'error' | 'unknown'
  /** how many spans of the trace meet the conditions (≥ 1) */
  count: number
}

export interface TraceSearchResult {
  traces: TraceSummary[]
  partial: Partiality | null
  /** true when more traces matched than the limit allowed */
  truncated: boolean
  /**
   * How the filters were applied when the backend could not apply them all itself (e.g. "tags applied
   * in the browser to the 100 most recent traces of checkout"); shown beside the results.
   */
  note?: string | null
}

export const HEALTH_STATES = ['ok', 'warning', 'critical', 'unknown'] as const
export type Health = (typeof HEALTH_STATES)[number]

/**
 * Part of a topology window in which an element's data was missing (a DC that did not answer):
 * from the first to the last such instant (ms), how many seconds in all, and whether all of the
 * element's data was missing then (`whole`) or only one DC's part of it.
 */
export interface Silence {
  from: number
  to: number
  seconds: number
  whole: boolean
}

export interface TopologyNode {
  /** stable id: the grouping key (service, service:method, cluster or dc) */
  id: string
  label: string
  service: string
  layer: string
  /** present when grouped finer than service */
  method: string | null
  cluster: string | null
  dc: string | null
  /** grouped by version: the version this node stands for (a service that ran two in the window is two nodes) */
  version?: string
  rps: number
  errorRate: number
  /** µs */
  p50: number
  p95: number
  p99: number
  /** what p50/p95/p99 rest on; absent means the node's own merged quantiles (see domain/topology/latency-basis) */
  latencyBasis?: LatencyBasis
  /** true when the source reports no error counts for the node: errorRate is then 0 and means nothing */
  errorsUnknown?: boolean
  /** highest rps seen over the last day, for capacity what-ifs (see peakIsWindowRate) */
  peakRps: number
  /** true when the source knows no peak (Jaeger, Prometheus): peakRps is then the window's own rate */
  peakIsWindowRate?: boolean
  /**
   * capacity (rps) the data source declares for what the node runs on: the service (service and
   * method nodes: the whole service's), or its pods in the DC or cluster; null when it declares none
   */
  capacityRps: number | null
  health: Health
  alerts: number
  changes: number
  /** rates are over the time the node had data; null when nothing was missing */
  silent: Silence | null
}

export interface TopologyEdge {
  id: string
  source: string
  target: string
  protocol: string
  rps: number
  errorRate: number
  /** µs */
  p50: number
  p99: number
  /** what p50/p99 rest on; absent means the edge's own merged quantiles */
  latencyBasis?: LatencyBasis
  /** true when the source reports no error counts for the call */
  errorsUnknown?: boolean
  silent: Silence | null
}

export interface Topology {
  nodes: TopologyNode[]
  edges: TopologyEdge[]
  /** ms since epoch */
  from: number
  to: number
  partial: Partiality | null
}

export const METRIC_NAMES = [
  'request_rate',
  'error_rate',
  'latency_p50',
  'latency_p95',
  'latency_p99',
  'send_size',
  'recv_size',
  'mq_lag',
] as const
export type MetricName = (typeof METRIC_NAMES)[number]

export interface MetricSeries {
  labels: Record<string, string>
  /** [ms since epoch, value or null when no data] */
  points: [number, number | null][]
}

export interface MetricResult {
  metric: MetricName
  /** ms */
  step: number
  series: MetricSeries[]
  partial: Partiality | null
  /** latency percentiles: what they rest on (domain/metrics/percentile-basis.ts); absent for other metrics or when the source does not say */
  percentileBasis?: PercentileBasis
}

export interface Exemplar {
  /** ms since epoch */
  time: number
  traceId: string
  spanId: string
  service: string
  operation: string
  /** µs */
  latency: number
  isError: boolean
  labels: Record<string, string>
}

export const CHANGE_KINDS = ['deploy', 'config', 'scale'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

export interface ChangeEvent {
  id: string
  /** ms since epoch */
  time: number
  service: string
  kind: ChangeKind
  description: string
  version: string | null
  dc: string | null
  cluster: string | null
  deployStage: string | null
}

export interface Alert {
  id: string
  service: string
  severity: 'warning' | 'critical'
  /** ms since epoch */
  startsAt: number
  endsAt: number | null
  summary: string
  metric: string
}

/** A trace a backend offers as an example of something (the synthetic world: clock skew, orphan, …). */
export interface SampleTrace {
  traceId: string
  name: string
  description: string
}

export interface LogLine {
  /** µs since epoch */
  time: number
  level: 'debug' | 'info' | 'warn' | 'error' | 'fatal'
  service: string
  pod: string
  traceId: string
  spanId: string
  message: string
}

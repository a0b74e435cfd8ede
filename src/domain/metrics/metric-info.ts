/**
 * What each built-in series means: its title, its unit and how a point of it turns back into
 * traces. Pure.
 */
import type { MetricName } from '../model'

/** How values are expressed: per second, ratio in [0, 1], µs, bytes, ms. */
export type MetricUnit = 'rate' | 'ratio' | 'us' | 'bytes' | 'ms'

/** How a selection on the series becomes a trace query. */
export type DrillMode = 'percentile' | 'errors' | 'sample'

export interface MetricInfo {
  metric: MetricName
  title: string
  unit: MetricUnit
  drill: DrillMode
  /** latency percentiles only: 0.5, 0.95, 0.99 */
  quantile: number | null
}

export const METRIC_INFO: Record<MetricName, MetricInfo> = {
  request_rate: { metric: 'request_rate', title: 'Request rate', unit: 'rate', drill: 'sample', quantile: null },
  error_rate: { metric: 'error_rate', title: 'Error rate', unit: 'ratio', drill: 'errors', quantile: null },
  latency_p50: { metric: 'latency_p50', title: 'Latency p50', unit: 'us', drill: 'percentile', quantile: 0.5 },
  latency_p95: { metric: 'latency_p95', title: 'Latency p95', unit: 'us', drill: 'percentile', quantile: 0.95 },
  latency_p99: { metric: 'latency_p99', title: 'Latency p99', unit: 'us', drill: 'percentile', quantile: 0.99 },
  send_size: { metric: 'send_size', title: 'Send size', unit: 'bytes', drill: 'sample', quantile: null },
  recv_size: { metric: 'recv_size', title: 'Receive size', unit: 'bytes', drill: 'sample', quantile: null },
  mq_lag: { metric: 'mq_lag', title: 'MQ lag', unit: 'ms', drill: 'sample', quantile: null },
}

/**
 * The least top of a ratio chart's y-axis (error rate): 1 %. A quiet service's 0.05 % ± 0.02 %
 * would otherwise fill the chart's height and look like an incident; above 1 % the axis follows the data.
 */
export const RATIO_AXIS_FLOOR = 0.01

export const LATENCY_METRICS = ['latency_p50', 'latency_p95', 'latency_p99'] as const
export type LatencyMetric = (typeof LATENCY_METRICS)[number]

export const isLatencyMetric = (m: MetricName): m is LatencyMetric => (LATENCY_METRICS as readonly string[]).includes(m)

/** Short label of a percentile series: "p99". */
export const percentileLabel = (m: LatencyMetric): string => m.replace('latency_', '')

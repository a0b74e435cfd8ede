import { axisLabels, byteAxisInterval, formatBytes, formatDuration, formatPercent, formatRate } from '../../../lib/format'
import type { MetricUnit } from '../../../domain/metrics/metric-info'

/** A metric value with its unit. */
export function formatMetricValue(unit: MetricUnit, v: number): string {
  switch (unit) {
    case 'rate':
      return formatRate(v)
    case 'ratio':
      return formatPercent(v)
    case 'us':
      return formatDuration(v)
    case 'bytes':
      return formatBytes(v)
    case 'ms':
      return formatDuration(v * 1000)
  }
}

/** A chart's value axis: its tick labels, and a tick interval where the chart's own would not be round in their unit. */
export interface ValueAxis {
  label: (v: number) => string
  interval?: number
}

/**
 * The value axis of a chart whose highest value is `max`: every tick in one unit (axisLabels), a
 * bytes axis at intervals round in its unit (byteAxisInterval; the chart's own are round in bytes).
 */
export function metricValueAxis(unit: MetricUnit, max: number): ValueAxis {
  if (unit === 'bytes') return { label: axisLabels('bytes', max), interval: byteAxisInterval(max) }
  if (unit === 'us') return { label: axisLabels('us', max) }
  if (unit === 'ms') {
    const us = axisLabels('us', max * 1000)
    return { label: (v) => us(v * 1000) }
  }
  return { label: (v) => formatMetricValue(unit, v) }
}

import { axisLabels, formatBytes, formatDuration, formatPercent, formatRate } from '../../../lib/format'
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

/** The labels of a chart's value axis whose highest value is `max`: one unit on every tick (see axisLabels). */
export function metricAxisLabels(unit: MetricUnit, max: number): (v: number) => string {
  if (unit === 'bytes') return axisLabels('bytes', max)
  if (unit === 'us') return axisLabels('us', max)
  if (unit === 'ms') {
    const us = axisLabels('us', max * 1000)
    return (v) => us(v * 1000)
  }
  return (v) => formatMetricValue(unit, v)
}

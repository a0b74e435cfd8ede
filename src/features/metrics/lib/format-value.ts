import { formatBytes, formatDuration, formatPercent, formatRate } from '../../../lib/format'
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

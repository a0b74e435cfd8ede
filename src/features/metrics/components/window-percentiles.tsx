import { LATENCY_METRICS, percentileLabel } from '../../../domain/metrics/metric-info'
import { formatDuration } from '../../../lib/format'
import type { WindowPercentiles } from '../hooks/use-window-percentiles'

/** "Whole window: p50 1.8 ms · p95 6.3 ms · p99 28.9 ms": each the quantile of the window's merged latency histogram. */
export function WindowPercentileLine({ pct }: { pct: WindowPercentiles }) {
  return (
    <p className="muted metrics-window-pct" data-testid="window-percentiles" title="Quantiles of the latency histogram merged over the whole window (not an average of the points)">
      Whole window:{' '}
      {LATENCY_METRICS.map((m, i) => (
        <span key={m}>
          {i > 0 ? ' · ' : ''}
          {percentileLabel(m)} <span className="num" data-testid={`window-${percentileLabel(m)}`}>{pct.values[m] === null ? '—' : formatDuration(pct.values[m] ?? 0)}</span>
        </span>
      ))}
    </p>
  )
}

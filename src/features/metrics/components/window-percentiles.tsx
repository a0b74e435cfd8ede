import { LATENCY_METRICS, percentileLabel } from '../../../domain/metrics/metric-info'
import { percentileBasisNote } from '../../../domain/metrics/percentile-basis'
import type { PercentileBasis } from '../../../domain/metrics/percentile-basis'
import { formatDuration } from '../../../lib/format'
import type { WindowPercentiles } from '../hooks/use-window-percentiles'

/** "Whole window: p50 1.8 ms · p95 6.3 ms · p99 28.9 ms": each the quantile of the window's merged latency histogram ("≈" when the source approximates). */
export function WindowPercentileLine({ pct, approximate = false }: { pct: WindowPercentiles; approximate?: boolean }) {
  return (
    <p className="muted metrics-window-pct" data-testid="window-percentiles" title="Quantiles of the latency histogram merged over the whole window (not an average of the points)">
      Whole window:{' '}
      {LATENCY_METRICS.map((m, i) => (
        <span key={m}>
          {i > 0 ? ' · ' : ''}
          {percentileLabel(m)}{' '}
          <span className="num" data-testid={`window-${percentileLabel(m)}`}>
            {pct.values[m] === null ? '—' : `${approximate ? '≈ ' : ''}${formatDuration(pct.values[m] ?? 0)}`}
          </span>
        </span>
      ))}
    </p>
  )
}

/** Beside the latency chart's title: what its percentiles rest on, "≈" first when the source can only approximate them. */
export function PercentileBasisMark({ basis }: { basis: PercentileBasis }) {
  const note = percentileBasisNote(basis)
  return (
    <span className={note.approximate ? 'chip metrics-pct-basis metrics-pct-approx' : 'muted metrics-pct-basis'} data-testid="percentile-basis" title={note.detail}>
      {note.short}
      <span className="sr-only">. {note.detail}</span>
    </span>
  )
}

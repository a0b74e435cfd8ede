import { useQuery } from '@tanstack/react-query'
import { metricQueries } from '../../../api/queries/metrics'
import { useDataSource } from '../../../api/source-context'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import { checkRate, disagreementReasons, meanRate } from '../../../domain/paths/traffic'
import { formatPercent, formatRate } from '../../../lib/format'

/**
 * The entry's rate estimated from the traces beside the exact rate of its metrics (never sampled),
 * with the difference; reasons when they disagree beyond the estimate's uncertainty. Only without
 * trace conditions other than the DC: the metrics count every request.
 */
export function EntryTraffic({ agg, dc, postTrace, partial }: { agg: PathAggregate; dc: string | undefined; postTrace: number; partial: boolean }) {
  const source = useDataSource()
  const enabled = source.capabilities.metrics && agg.rps !== null
  const q = useQuery({
    ...metricQueries.range(source, { from: agg.from, to: agg.to, metric: 'request_rate', service: agg.entry.service, operation: agg.entry.operation, filters: dc ? [{ key: 'DC', value: dc }] : undefined }),
    enabled,
  })
  if (!enabled || !agg.rps) return null
  if (q.isPending) return <span className="muted">metrics rate…</span>
  const exact = q.data ? meanRate(q.data) : null
  if (exact === null) return <span className="muted">no metrics rate for this entry</span>
  const c = checkRate(agg.rps, exact)
  const reasons = c.beyond ? disagreementReasons({ modes: agg.modes, postTrace, partial }) : []
  return (
    <span data-testid="paths-traffic" title={reasons.length ? `May be because: ${reasons.join('; ')}` : 'Within the estimate’s 95 % interval'}>
      metrics: {formatRate(exact)} exact · difference {c.difference >= 0 ? '+' : '−'}
      {formatPercent(Math.abs(c.difference))}
      {c.beyond ? <strong> beyond the sampling uncertainty (hover for why it may be)</strong> : <span className="muted"> (within the estimate’s uncertainty)</span>}
    </span>
  )
}

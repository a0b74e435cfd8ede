import type { ElementDiff } from '../../../domain/topology/baseline'
import { formatPercent } from '../../../lib/format'

/** One row of the details list: how a node or call differs from the baseline window. */
export function BaselineDiffRow({ diff, label, what }: { diff: ElementDiff; label: string | null; what: 'call' | 'service' }) {
  return (
    <div className="topo-stats-wide" data-testid="baseline-diff">
      <dt>Against {label ?? 'the baseline'}</dt>
      <dd>
        {diff.status === 'kept'
          ? `errors ${diff.errorRateDelta >= 0 ? '+' : '−'}${formatPercent(Math.abs(diff.errorRateDelta))}, p99 ×${diff.p99Ratio.toFixed(2)}, rate ×${diff.rpsRatio.toFixed(2)}`
          : diff.status === 'new'
            ? `new: this ${what} had no calls then`
            : `gone: this ${what} had calls then only`}
      </dd>
    </div>
  )
}

import type { ChainAggregate } from '../../../domain/error-chain/aggregate'
import { formatCount, formatPercent } from '../../../lib/format'
import type { SampleState } from '../hooks/use-trace-sample'

export interface SampleStatusProps {
  current: SampleState
  baseline: SampleState
  aggregate: ChainAggregate | null
  /** the chains shown come from part of the sample */
  preliminary: boolean
  onCancel: () => void
  onRestart: () => void
}

const matchedText = (s: SampleState) => `${formatCount(s.matched)}${s.truncated ? '+' : ''}`

function progressOf(s: SampleState): number {
  if (s.phase === 'searching') return 0
  return s.total > 0 ? s.fetched / s.total : 1
}

/** Where the sample stands: progress while fetching, then its size and coverage in plain words. */
export function SampleStatus({ current, baseline, aggregate, preliminary, onCancel, onRestart }: SampleStatusProps) {
  const running = current.phase === 'searching' || current.phase === 'fetching' || baseline.phase === 'searching' || baseline.phase === 'fetching'
  if (current.phase === 'error') return null
  const done = current.fetched + baseline.fetched
  const total = current.total + baseline.total
  return (
    <div className="errs-sample panel" aria-live="polite">
      {running ? (
        <>
          <div className="errs-sample-line">
            <span>
              {current.phase === 'searching' ? 'Finding error traces in the window…' : `Fetching error traces: ${done} of ${total}`}
            </span>
            <button type="button" className="btn" onClick={onCancel}>
              Stop and analyse what is fetched
            </button>
          </div>
          <progress className="errs-progress" max={1} value={Math.min(1, (progressOf(current) + progressOf(baseline)) / 2)} aria-label="Sample progress" />
          {aggregate && preliminary ? (
            <p className="errs-sample-note" data-testid="errors-preliminary">
              <strong>Early answer</strong> from the first {formatCount(aggregate.analysed)} of {formatCount(current.total)} traces of this
              window: the chains below are updated once the whole sample is in.
            </p>
          ) : null}
        </>
      ) : preliminary ? (
        <div className="errs-sample-line">
          <span>Analysing all {formatCount(current.digests.length)} traces…</span>
        </div>
      ) : (
        <div className="errs-sample-line">
          <span data-testid="errors-sample">
            Analysed <strong className="num">{formatCount(current.digests.length)}</strong> of {matchedText(current)} error traces in
            this window
            {aggregate && current.matched > 0 ? ` (${current.truncated ? '≤ ' : ''}${formatPercent(aggregate.coverage)})` : ''}, and{' '}
            <strong className="num">{formatCount(baseline.digests.length)}</strong> of {matchedText(baseline)} the same window yesterday.
            {current.failed + baseline.failed > 0 ? ` ${current.failed + baseline.failed} traces could not be fetched.` : ''}
            {current.phase === 'cancelled' || baseline.phase === 'cancelled' ? ' Stopped early: the sample is smaller than planned.' : ''}{' '}
            Volumes are estimates scaled by sampling rates.
          </span>
          <button type="button" className="btn btn-ghost" onClick={onRestart}>
            Analyse again
          </button>
        </div>
      )}
    </div>
  )
}

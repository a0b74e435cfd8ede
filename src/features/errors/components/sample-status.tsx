import { changeZ } from '../../../domain/error-chain/census'
import type { VolumedAggregate } from '../../../domain/error-chain/volumes'
import type { Estimate } from '../../../domain/error-chain/census'
import { SIGNIFICANT_Z } from '../../../domain/error-chain/aggregate'
import { formatCount, formatPercent, formatVolume, plural } from '../../../lib/format'
import type { SampleState } from '../hooks/use-trace-sample'

export interface SampleStatusProps {
  current: SampleState
  baseline: SampleState
  aggregate: VolumedAggregate | null
  /** the chains shown come from part of the sample */
  preliminary: boolean
  onCancel: () => void
  onRestart: () => void
}

function progressOf(s: SampleState): number {
  if (s.phase === 'searching') return s.strata > 0 ? (0.3 * s.listedStrata) / s.strata : 0
  return 0.3 + 0.7 * (s.total > 0 ? s.fetched / s.total : 1)
}

function listedText(s: SampleState): string {
  const d = s.design
  if (!d) return ''
  const share = d.listedShare < 1 ? `; the listing stopped at ${formatCount(d.listed)} traces, covering ${formatPercent(d.listedShare)} of the window, and the rest is scaled from it` : ''
  return `${formatCount(d.listed)} stored error traces listed over the whole window${share}`
}

/** The window's error volume against yesterday's, what it rests on, and whether the difference is beyond the noise. */
function Totals({ total, baselineTotal, volumes }: { total: Estimate; baselineTotal: Estimate; volumes: VolumedAggregate['volumes'] }) {
  const z = changeZ(total, baselineTotal)
  const rel = baselineTotal.value > 0 ? total.value / baselineTotal.value - 1 : null
  const noise = total.exact ? 'within chance variation' : 'within the noise of the estimates'
  const verdict = Math.abs(z) >= SIGNIFICANT_Z ? (z > 0 ? 'more than yesterday' : 'fewer than yesterday') : noise
  const basis = total.exact && volumes
    ? volumes.basis.kind === 'exact'
      ? `exact over all ${formatCount(total.value)} error traces`
      : `over all ${formatCount(total.value)} error traces, ${volumes.basis.note}`
    : `estimated from ${formatCount(total.n)} stored traces`
  return (
    <p className="errs-totals" data-testid="errors-totals">
      Error traces in this window: <strong className="num" data-testid="errors-total">{formatVolume(total)}</strong>{' '}
      <span data-testid="errors-total-basis">({basis})</span>; same window yesterday:{' '}
      <strong className="num" data-testid="errors-total-yesterday">{formatVolume(baselineTotal)}</strong>
      {baselineTotal.exact ? '' : ` (${formatCount(baselineTotal.n)})`}
      {rel !== null ? (
        <>
          {' '}
          → <strong className="num">{rel >= 0 ? '+' : '−'}{formatPercent(Math.abs(rel))}</strong>, {verdict}.
        </>
      ) : (
        '.'
      )}
      {volumes && volumes.unseenChains > 0 ? (
        <span className="muted" data-testid="errors-unseen">
          {' '}
          {formatCount(volumes.unseenChains)} {volumes.unseenChains === 1 ? 'chain' : 'chains'} ({formatCount(volumes.unseenTraces)} error traces in all) counted by the backend{' '}
          {volumes.unseenChains === 1 ? 'is' : 'are'} in none of the analysed traces, so {volumes.unseenChains === 1 ? 'it has' : 'they have'} no card below.
        </span>
      ) : null}
    </p>
  )
}

/** Where the sample stands: progress while listing and fetching, then what the answer rests on. */
export function SampleStatus({ current, baseline, aggregate, preliminary, onCancel, onRestart }: SampleStatusProps) {
  const running = current.phase === 'searching' || current.phase === 'fetching' || baseline.phase === 'searching' || baseline.phase === 'fetching'
  if (current.phase === 'error') return null
  const done = current.fetched + baseline.fetched
  const total = current.total + baseline.total
  const listing = current.phase === 'searching' || baseline.phase === 'searching'
  return (
    <div className="errs-sample panel" aria-live="polite">
      {running ? (
        <>
          <div className="errs-sample-line">
            <span>
              {listing
                ? `Listing the error traces of the whole window: ${current.listedStrata + baseline.listedStrata} of ${current.strata + baseline.strata} time slices (this window and yesterday's)…`
                : `Fetching error traces: ${done} of ${total}`}
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
            Chains from <strong className="num">{formatCount(current.digests.length)}</strong> traces analysed, drawn in proportion
            over {current.strata} time slices from the {listedText(current)}; yesterday{' '}
            <strong className="num">{formatCount(baseline.digests.length)}</strong> from {formatCount(baseline.design?.listed ?? 0)}.
            {current.failed + baseline.failed > 0 ? ` ${plural(current.failed + baseline.failed, 'trace')} could not be fetched.` : ''}
            {current.phase === 'cancelled' || baseline.phase === 'cancelled' ? ' Stopped early: the sample is smaller than planned.' : ''}{' '}
            {aggregate?.volumes
              ? 'Volumes are counted by the backend over every error trace; the analysed traces give the chains’ examples and hints.'
              : 'Volumes are estimates (each trace weighted by its inclusion probability); ± is the 95 % interval.'}
          </span>
          <button type="button" className="btn btn-ghost" onClick={onRestart}>
            Analyse again
          </button>
        </div>
      )}
      {aggregate?.volumes ? (
        <Totals total={aggregate.total} baselineTotal={aggregate.baselineTotal} volumes={aggregate.volumes} />
      ) : current.design && baseline.design ? (
        <Totals total={current.design.total} baselineTotal={baseline.design.total} volumes={null} />
      ) : null}
    </div>
  )
}

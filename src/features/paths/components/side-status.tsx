import type { SideState } from '../hooks/use-path-side'
import { formatDuration, formatInteger, formatPercent, plural } from '../../../lib/format'

/** What one side's answer rests on, its progress and what it cannot see. */
export function SideStatus({ label, state, onCancel, onRestart }: { label: string; state: SideState; onCancel: () => void; onRestart: () => void }) {
  const a = state.aggregate ?? state.sources
  const busy = state.phase === 'listing' || state.phase === 'fetching'
  return (
    <div className="paths-status" role="status" aria-live="polite" data-phase={state.phase}>
      <strong>{label}: </strong>
      {state.phase === 'listing' ? `Listing the window's traces: ${state.listedStrata} of ${state.strata || '…'} time slices. ` : null}
      {state.phase === 'fetching' ? `Fetching traces: ${formatInteger(state.fetched)} of ${formatInteger(state.total)}. ` : null}
      {state.phase === 'cancelled' ? 'Stopped: ' : null}
      {a ? (
        <>
          {state.early ? `Early answer from the first ${formatInteger(a.analysed)} of ${formatInteger(state.early.of)} traces. ` : null}
          Rests on {formatInteger(a.used)} complete traces analysed of {formatInteger(state.listed)} listed over {state.strata} time slices
          {state.threshold !== null ? ` (split at the listed p95 duration, ${formatDuration(state.threshold)})` : ''}.
          {state.postTrace > 0 ? ` ${formatInteger(state.postTrace)} PostTrace captures left out (they lack calls that finished before their trigger).` : ''}
          {a.excluded.orphans > 0 ? ` ${plural(a.excluded.orphans, 'trace')} with lost parents left out.` : ''}
          {a.excluded['no-entry'] > 0 ? ` ${plural(a.excluded['no-entry'], 'trace')} without the entry span left out.` : ''}
          {state.failed > 0 ? ` ${plural(state.failed, 'trace')} could not be fetched.` : ''}
          {a.skewedSpans > 0 ? ` ${plural(a.skewedSpans, 'span')} corrected for clock skew.` : ''}
          {state.listedShare < 1 ? ` The listing covered ${formatPercent(state.listedShare)} of the window; the rest is scaled from it.` : ''}
          {state.sources && state.sources.without > 0 ? ` ${plural(state.sources.without, 'trace')} matched the service without a call arriving at it from another service (its own nested spans only).` : ''}
          {!a.ratesKnown ? ' The source gives no sampling rates: call ratios are per analysed request and no rate per second is estimated.' : ''}
        </>
      ) : null}
      {busy ? (
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Stop
        </button>
      ) : state.phase === 'cancelled' ? (
        <button type="button" className="btn btn-small" onClick={onRestart}>
          Analyse again
        </button>
      ) : null}
    </div>
  )
}

import { describeError } from '../../../api/errors'
import { useSecondsSince } from '../hooks/use-seconds-since'

export interface LiveStatusProps {
  live: boolean
  refreshSec: number
  updatedAt: number | null
  fetching: boolean
  /** the last refresh failed; the graph shows the previous answer */
  staleError: unknown
  onToggle: () => void
  onRefresh: () => void
}

/** Live/paused switch, "updated N s ago", and a visible stale state when a refresh failed. */
export function LiveStatus({ live, refreshSec, updatedAt, fetching, staleError, onToggle, onRefresh }: LiveStatusProps) {
  const ago = useSecondsSince(updatedAt)
  const stale = staleError !== null && staleError !== undefined
  return (
    <div className={`topo-live${stale ? ' topo-live-stale' : ''}`} data-testid="topo-live">
      <button type="button" className="btn" aria-pressed={live} onClick={onToggle} title={live ? `Refreshing every ${refreshSec} s` : 'Paused'}>
        <span className={`dot ${live && !stale ? 'dot-live' : 'topo-dot-paused'}`} aria-hidden="true" />
        {live ? 'Live' : 'Paused'}
      </button>
      <span className="topo-live-text" role="status" aria-live="polite">
        {ago === null ? 'Loading…' : `Updated ${ago < 2 ? 'just now' : `${ago} s ago`}`}
        {live && !stale ? ` · every ${refreshSec} s` : ''}
        {fetching ? ' · refreshing…' : ''}
      </span>
      {stale ? (
        <span className="badge badge-warn topo-stale" role="alert">
          Stale: last refresh failed ({describeError(staleError)})
        </span>
      ) : null}
      <button type="button" className="btn btn-ghost" onClick={onRefresh}>
        Refresh now
      </button>
    </div>
  )
}

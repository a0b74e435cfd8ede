import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { useNavigate } from 'react-router'
import type { TraceSearchResult } from '../../../../domain/model'
import type { BrushRegion, SortOrder } from '../../../../domain/trace-search/results'
import { inBrush, sortSummaries } from '../../../../domain/trace-search/results'
import { formatAbsolute, formatClock, formatClockZoned, formatDuration } from '../../../../lib/format'
import { resultTraceHref } from '../../../../lib/links'
import { EmptyState, PartialBanner } from '../../../../ui/states'
import { ResultsTable } from './results-table'
import { useCarry } from '../../../../ui/time-range/use-carry'

/**
 * The scatter and its chart library load after the list is drawn: the list needs none of it, and
 * the library is most of the page's code. Its code is asked for only once the list has been
 * painted (`usePainted`), so its download does not share the network with what the first rows
 * need. The chart's place is kept meanwhile, so nothing moves.
 */
const TraceScatter = lazy(() => import('./trace-scatter').then((m) => ({ default: m.TraceScatter })))
const SCATTER_HEIGHT = 240

/** False until the frame after the component first rendered has been painted. */
function usePainted(): boolean {
  const [painted, setPainted] = useState(false)
  useEffect(() => {
    if (painted) return
    let timer: ReturnType<typeof setTimeout> | undefined
    // a frame's callbacks run before it is painted; a task queued from one runs after
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0)
    })
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [painted])
  return painted
}

export interface SearchResultsProps {
  result: TraceSearchResult
  window: { from: number; to: number }
  brush: BrushRegion | null
  onBrush: (b: BrushRegion | null) => void
  sort: SortOrder
  onSort: (s: SortOrder) => void
  limit: number
  activeFilters: number
  nowMs: number
}

/** Scatter + list for one search answer, with partial and truncated answers said plainly. */
export function SearchResults({ result, window, brush, onBrush, sort, onSort, limit, activeFilters, nowMs }: SearchResultsProps) {
  const navigate = useNavigate()
  const carry = useCarry()
  const listPainted = usePainted()
  const open = useCallback(
    (id: string) => void navigate(resultTraceHref(result.traces.find((t) => t.traceId === id) ?? { traceId: id, errorCount: 0 }, carry)),
    [navigate, result.traces, carry],
  )
  if (result.traces.length === 0) {
    return (
      <>
        <PartialBanner partial={result.partial} what="This search" singular />
        <SearchNote note={result.note} />
        <EmptyState title="No traces match.">
          <p>
            Nothing between {formatAbsolute(window.from)} and {formatClockZoned(window.to)}
            {activeFilters ? ` with these ${activeFilters} filter${activeFilters > 1 ? 's' : ''}` : ''}.
            {' '}Try a longer time range{activeFilters ? ', fewer filters, or a lower minimum duration' : ''}.
            Traces are sampled, so a rare request may not have been kept; the metrics view counts every request.
          </p>
        </EmptyState>
      </>
    )
  }
  const shown = sortSummaries(inBrush(result.traces, brush), sort)
  return (
    <>
      <PartialBanner partial={result.partial} what="These results" />
      <SearchNote note={result.note} />
      {result.truncated ? (
        <p className="banner banner-info" role="status" data-testid="truncated-banner">
          <strong>More traces matched than the limit of {limit}.</strong> Only the first {result.traces.length} are shown;
          narrow the filters or the time range, or raise the limit, to see the others.
        </p>
      ) : null}
      <div className="panel tsearch-chart">
        {listPainted ? (
          <Suspense fallback={<ScatterPending />}>
            <TraceScatter traces={result.traces} window={window} brush={brush} onBrush={onBrush} onOpen={open} height={SCATTER_HEIGHT} />
          </Suspense>
        ) : (
          <ScatterPending />
        )}
      </div>
      <div className="tsearch-count" role="status">
        {brush ? (
          <>
            <span>
              {shown.length} of {result.traces.length} traces in the selected region ({formatClock(brush.from)}–{formatClockZoned(brush.to)},
              {' '}{formatDuration(brush.minDuration)}–{formatDuration(brush.maxDuration)})
            </span>
            <button type="button" className="btn btn-ghost" onClick={() => onBrush(null)}>Show all</button>
          </>
        ) : (
          <span>{result.traces.length} traces{result.traces.length > 1 ? ' · drag on the chart to narrow the list' : ''}</span>
        )}
      </div>
      {shown.length ? (
        <ResultsTable traces={shown} sort={sort} onSort={onSort} nowMs={nowMs} />
      ) : (
        <EmptyState title="No traces in the selected region.">
          <button type="button" className="btn" onClick={() => onBrush(null)}>Show all traces</button>
        </EmptyState>
      )}
    </>
  )
}

function ScatterPending() {
  return <div className="tsearch-chart-pending muted" style={{ height: SCATTER_HEIGHT }}>Drawing the chart…</div>
}

/** How the backend's search was completed (filters applied in the browser, services searched one by one). */
function SearchNote({ note }: { note: string | null | undefined }) {
  if (!note) return null
  return (
    <p className="banner banner-info" role="status" data-testid="search-note">
      <strong>How these results were found:</strong> {note}
    </p>
  )
}

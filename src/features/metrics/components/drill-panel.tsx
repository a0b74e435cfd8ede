import { useEffect, useMemo, useRef } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import { drillRows, spreadSample } from '../../../domain/metrics/trace-rows'
import type { DrillQuery } from '../../../domain/metrics/selection'
import type { ChartSelection } from '../../../domain/metrics/selection'
import { quantileLabelOf } from '../../../domain/metrics/selection'
import type { MetricName } from '../../../domain/model'
import { METRIC_INFO } from '../../../domain/metrics/metric-info'
import { samplingLabel } from '../../../domain/query'
import { formatAbsoluteZoned, formatClock, formatClockZoned, formatDuration, formatOtherZone, formatRelative, formatZone } from '../../../lib/format'
import { traceHref, traceSearchHref } from '../../../lib/links'
import { now } from '../../../lib/clock'
import { EmptyState, ErrorState, LoadingState, PartialBanner } from '../../../ui/states'
import { DiffPanel } from './diff-panel'
import type { BaselineMode } from '../../../domain/metrics/what-different'
import { useCarry } from '../../../ui/time-range/use-carry'

const SAMPLE_SIZE = 30
/** fewer traces than this behind a single point: the panel offers the minutes around it */
export const FEW_TRACES = 5

/**
 * What a latency selection's threshold stands on: its series' value ('series'), nothing yet
 * ('waiting': the series is still loading), a series that failed ('failed'), a source without
 * that series ('absent', e.g. a link made on another source); 'none' for the metrics that need no
 * threshold.
 */
export type ThresholdBasis = 'series' | 'waiting' | 'failed' | 'absent' | 'none'

/**
 * The threshold basis of a selection on `metric` whose series query is `query` (undefined: the
 * source does not offer that series).
 */
export function thresholdBasisOf(metric: MetricName, query: { data?: unknown; isError: boolean } | undefined): ThresholdBasis {
  if (METRIC_INFO[metric].drill !== 'percentile') return 'none'
  if (!query) return 'absent'
  if (query.data) return 'series'
  return query.isError ? 'failed' : 'waiting'
}

const FALLBACK_REASON: Record<ThresholdBasis, (quantile: string) => string> = {
  series: (q) => ` (the ${q} series has no value here)`,
  failed: (q) => ` (the ${q} series could not be loaded, so there is no value to stand on)`,
  absent: (q) => ` (this source has no ${q} series to stand on)`,
  waiting: () => '',
  none: () => '',
}

export interface DrillPanelProps {
  selection: ChartSelection
  drill: DrillQuery
  thresholdBasis?: ThresholdBasis
  labelKeys: string[]
  base: BaselineMode
  onBase: (b: BaselineMode) => void
  onAddFilter: (f: { key: string; value: string }) => void
  onClose: () => void
  /** a point with few traces behind it: select the minute either side of it instead */
  onWiden?: () => void
  /** move focus into the panel when it opens (a keyboard drill-down) */
  autoFocus?: boolean
}

/** The trace search behind a drill-down (a sample asks for more, then spreads them over the window). */
export function drillSearchQuery(drill: DrillQuery) {
  return drill.mode === 'sample' ? { ...drill.query, limit: 100 } : drill.query
}

/** The traces behind a selected point or range, with why each one matches. */
export function DrillPanel({ selection, drill, thresholdBasis = 'none', labelKeys, base, onBase, onAddFilter, onClose, onWiden, autoFocus }: DrillPanelProps) {
  const carry = useCarry()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (autoFocus) heading.current?.focus()
  }, [autoFocus])
  const source = useDataSource()
  const { query } = drill
  const sampleMode = drill.mode === 'sample'
  const waiting = thresholdBasis === 'waiting'
  const search = useQuery({ ...traceQueries.search(source, drillSearchQuery(drill)), enabled: !waiting })
  const rows = useMemo(() => {
    if (!search.data) return []
    const traces = sampleMode ? spreadSample(search.data.traces, SAMPLE_SIZE, query) : search.data.traces
    return drillRows(traces, drill, { duration: formatDuration })
  }, [search.data, sampleMode, drill, query])
  const nowMs = now()
  const info = METRIC_INFO[selection.metric]
  const quantile = quantileLabelOf(selection.metric)
  const span = selection.to - selection.from
  const seriesWords = query.operation ? `${query.service} ${query.operation}` : query.service
  // one step of a sampled store holds few traces: offer the minute either side of the point
  const widen =
    selection.point && onWiden && search.isSuccess && rows.length < FEW_TRACES ? (
      <button type="button" className="btn" onClick={onWiden} data-testid="drill-widen">
        Widen to the minute either side
      </button>
    ) : null

  return (
    <aside
      className="panel metrics-drill"
      aria-label="Traces behind the selection"
      data-testid="metrics-drill"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault()
          onClose()
        }
      }}
    >
      <header className="panel-header metrics-drill-header">
        <h2 ref={heading} tabIndex={-1}>
          Traces behind {selection.point ? 'this point' : 'this range'}
        </h2>
        <button type="button" className="btn btn-ghost" onClick={onClose} aria-label="Close the trace list">
          Close <span className="muted">(Esc)</span>
        </button>
      </header>
      <div className="panel-body metrics-drill-scope">
        <dl>
          <dt>Series</dt>
          <dd>
            {info.title} of <strong>{query.service}</strong>
            {query.operation ? <> · {query.operation}</> : null}
          </dd>
          {query.span.tags?.length ? (
            <>
              <dt>Tags</dt>
              <dd>{query.span.tags.map((t) => <span key={`${t.key}=${t.value}`} className="badge">{t.key}={t.value}</span>)}</dd>
            </>
          ) : null}
          <dt>Window</dt>
          <dd title={`${formatAbsoluteZoned(selection.from)} – ${formatAbsoluteZoned(selection.to)}; ${formatOtherZone(selection.from)} – ${formatOtherZone(selection.to)}`}>
            {formatClock(selection.from)} – {formatClockZoned(selection.to)} ({formatDuration(span * 1000)}
            {selection.point ? ', one step' : ''}) · {formatRelative(selection.to, nowMs)}
          </dd>
          <dt>Matching</dt>
          <dd data-testid="drill-condition" data-threshold-us={drill.threshold ?? undefined}>
            {drill.mode === 'failed'
              ? `traces with a failed span of ${seriesWords}`
              : drill.mode === 'slowest' && drill.threshold !== null
                ? `traces with a span of ${seriesWords} taking at least ${drill.quantileLabel ?? ''} = ${formatDuration(drill.threshold)} itself`
                : waiting
                  ? `waiting for the ${quantile} series: the traces with a span of ${seriesWords} at or above its value follow`
                  : `a sample of up to ${SAMPLE_SIZE} traces with a span of ${seriesWords}, spread across the window${FALLBACK_REASON[thresholdBasis](quantile)}`}
          </dd>
        </dl>
        <Link
          className="metrics-drill-search"
          to={traceSearchHref({ service: query.service, operation: query.operation, tags: query.span.tags }, { from: query.from, to: query.to })}
          title="Trace search matches whole traces: any span with these tags, without the span's own duration or status"
        >
          This series&apos; traces in trace search
        </Link>
      </div>
      <PartialBanner partial={search.data?.partial} what="These traces" />
      {waiting ? (
        <LoadingState label={`Reading the ${quantile} series…`} minHeight={160} />
      ) : search.isPending ? (
        <LoadingState label="Finding traces…" minHeight={160} />
      ) : search.isError ? (
        <ErrorState title="Traces could not be loaded" error={search.error} onRetry={() => void search.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No sampled traces in this window">
          Metrics count every call but only some traces are kept. Widen the selection by dragging across a longer range. {widen}
        </EmptyState>
      ) : (
        <div className="metrics-drill-list">
          <p className="muted metrics-drill-count">
            {rows.length} trace{rows.length === 1 ? '' : 's'}
            {search.data?.truncated && !sampleMode ? ` (the first ${rows.length}; more matched)` : ''}
            {widen ? <> · only some traces are kept, so one step holds few {widen}</> : null}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Start ({formatZone(nowMs)})</th>
                <th scope="col" className="num" title="The matching span's own duration">Span</th>
                <th scope="col" className="num" title="The whole trace's duration">Trace</th>
                <th scope="col">Status</th>
                <th scope="col">Entry · sampling</th>
                <th scope="col">Why it matches</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.summary.traceId} data-testid="drill-row" data-start-ms={Math.floor(r.startTime / 1000)} data-span-id={r.spanId ?? undefined}>
                  <td>
                    {/* the trace opens at the span that matched (or, unnamed, a failed trace at its error's origin) */}
                    <Link
                      to={traceHref(r.summary.traceId, r.spanId ? { span: r.spanId } : r.status === 'error' ? { at: 'origin' } : {}, carry)}
                      title={`${formatAbsoluteZoned(r.startTime / 1000)} · ${formatOtherZone(r.startTime / 1000)} · trace ${r.summary.traceId}${r.spanId ? ', at the matching span' : r.status === 'error' ? ', at the span where its error started' : ''}`}
                    >
                      {formatClock(r.startTime / 1000)}
                    </Link>
                  </td>
                  <td className="num" data-testid="drill-span-duration">{r.summary.match ? formatDuration(r.summary.match.duration) : '–'}</td>
                  <td className="num">{formatDuration(r.summary.duration)}</td>
                  <td>{r.status === 'error' ? <span className="badge badge-error">error</span> : <span className="badge badge-ok">ok</span>}</td>
                  <td className="metrics-drill-entry" title={r.entry}>
                    <span className="metrics-drill-entry-name">{r.entry}</span>
                    <span className="muted metrics-drill-sampling">{samplingLabel(r.summary.sampling.mode, 'short')}</span>
                  </td>
                  <td className="metrics-drill-why">
                    {r.why.join(' · ')}
                    {r.status === 'error' && r.spanId ? (
                      <>
                        {' · '}
                        <Link to={traceHref(r.summary.traceId, { at: 'origin' }, carry)} data-testid="drill-origin" title="Open the trace at the span where its error started">
                          where the error started
                        </Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {waiting ? null : <DiffPanel auto={!selection.point} drill={drill} selection={rows.map((r) => ({ traceId: r.summary.traceId, spanId: r.spanId }))} labelKeys={labelKeys} base={base} onBase={onBase} onAddFilter={onAddFilter} />}
    </aside>
  )
}

import { isCapabilityError } from '../../../api/sources/composite-unavailable'
import { useMemo, useRef, useState } from 'react'
import { useIsFetching, useQuery, useQueryClient } from '@tanstack/react-query'
import { traceQueries } from '../../../api/queries/traces'
import { useNavigate } from 'react-router'
import { eventQueries } from '../../../api/queries/events'
import { metricQueries } from '../../../api/queries/metrics'
import { useDataSource } from '../../../api/source-context'
import type { MetricResult, ServiceSummary } from '../../../domain/model'
import { thinExemplars } from '../../../domain/metrics/exemplars'
import { hasValues } from '../../../domain/metrics/chart-lines'
import { EmptyState } from '../../../ui/states'
import { percentileThreshold, selectionToTraceQuery, widenWindow } from '../../../domain/metrics/selection'
import type { ChartSelection, DrillQuery, SeriesScope } from '../../../domain/metrics/selection'
import { chooseStep, describeStep, viewWindow, zoomAround } from '../../../domain/metrics/step'
import { now } from '../../../lib/clock'
import { formatAbsoluteZoned, formatClock, formatClockZoned, formatOtherZone, formatRelative } from '../../../lib/format'
import { traceHref } from '../../../lib/links'
import { useTimeWindow } from '../../../ui/time-range/use-time-window'
import { useChartPalette } from '../hooks/use-chart-palette'
import { useMetricSeries } from '../hooks/use-metric-series'
import { useWindowPercentiles } from '../hooks/use-window-percentiles'
import type { MetricsUrlState } from '../lib/url'
import { CLEAR_SELECTION } from '../lib/url'
import { DrillPanel, drillSearchQuery, thresholdBasisOf } from './drill-panel'
import { MetricBoard } from './metric-board'
import { MetricsControls } from './metrics-controls'
import { useCarry } from '../../../ui/time-range/use-carry'
import { useAnnounceViewWindow } from '../../../ui/time-range/view-window'
import { ownValue } from '../../../lib/records'

export interface MetricsViewProps {
  state: MetricsUrlState
  update: (patch: Partial<MetricsUrlState>) => void
  services: ServiceSummary[]
}

const NO_LABELS: Record<string, string[]> = {}
/** how far "widen" reaches either side of a single point */
const WIDEN_MS = 60_000

/** Charts of one service, the drill-down panel and "what is different", all driven by the URL. */
export function MetricsView({ state, update, services }: MetricsViewProps) {
  const carry = useCarry()
  // a marked point is not the range: the header says what is marked
  useAnnounceViewWindow(state.at !== null ? { label: 'Marked time', from: state.at, to: state.at } : null)
  const source = useDataSource()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const palette = useChartPalette()
  const { window: chosen } = useTimeWindow()
  const service = state.service ?? ''
  const nowMs = now()
  const win = useMemo(() => viewWindow(chosen, state.at, nowMs), [chosen, state.at]) // eslint-disable-line react-hooks/exhaustive-deps -- `now` moves; the window follows the chosen range only
  // an explicit step is honoured up to 2,000 points per series
  const step = state.step !== null && (win.to - win.from) / state.step <= 2000 ? state.step : chooseStep(win)
  const zoom = state.zoom ?? (state.at !== null ? zoomAround(state.at, win) : null)
  const filters = state.filters
  const scope: SeriesScope = useMemo(() => ({ service, operation: state.operation ?? undefined, filters }), [service, state.operation, filters])

  const labels = useQuery(metricQueries.labels(source, { service, ...win }))
  const withYesterday = useMemo(() => (state.groupBy ? [] : (['request_rate', 'error_rate', 'latency_p99'] as const)), [state.groupBy])
  const series = useMetricSeries({ service, operation: scope.operation, filters, groupBy: state.groupBy ?? undefined, window: win, step }, withYesterday)
  const windowPct = useWindowPercentiles({ service, operation: scope.operation, filters, window: win, grouped: state.groupBy !== null })
  const exemplarQuery = useQuery(metricQueries.exemplars(source, { service, operation: scope.operation, filters: filters.length ? filters : undefined, ...win }))
  const changes = useQuery(eventQueries.changes(source, win))
  const alerts = useQuery(eventQueries.alerts(source, { ...win, service }))
  const exemplars = useMemo(
    () => (exemplarQuery.data ? thinExemplars(exemplarQuery.data.exemplars, { cellMs: Math.max(step, (win.to - win.from) / 60), perCell: 3 }) : null),
    [exemplarQuery.data, step, win],
  )

  const selection: ChartSelection | null = useMemo(
    () =>
      state.chart && state.sel
        ? { metric: state.chart, from: state.sel.from, to: state.sel.to, point: state.point, labels: state.groupBy && state.series !== null ? { [state.groupBy]: state.series } : {} }
        : null,
    [state.chart, state.sel, state.point, state.groupBy, state.series],
  )
  const selectedQuery = selection ? series.current[selection.metric] : undefined
  const selectedResult = selectedQuery?.data
  // A percentile selection stands on its series' value: until the series arrives the panel waits
  // rather than list a sample that is not what was asked for; a series that failed says so.
  const thresholdBasis = selection ? thresholdBasisOf(selection.metric, selectedQuery) : 'none'
  const drillOf = (sel: ChartSelection, result: MetricResult | undefined): DrillQuery => {
    const s = result?.series.find((x) => Object.entries(sel.labels).every(([k, v]) => ownValue(x.labels, k) === v)) ?? result?.series[0]
    const lowest = Object.keys(sel.labels).length === 0 && result && result.series.length > 1
      ? Math.min(...result.series.map((x) => percentileThreshold(x, sel) ?? Infinity))
      : percentileThreshold(s, sel)
    return selectionToTraceQuery(scope, sel, { threshold: Number.isFinite(lowest) ? lowest : null })
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- drillOf only reads scope, listed
  const drill = useMemo(() => (selection ? drillOf(selection, selectedResult) : null), [selection, selectedResult, scope])

  // a keyboard drill-down moves focus into the list; closing it returns to the chart
  const returnFocus = useRef<HTMLElement | null>(null)
  const [focusDrill, setFocusDrill] = useState(false)
  // The charts draw a new selection band once its traces are listed: redrawing every chart first
  // would hold up the search's answer and the list on the page's main thread.
  const drillKey = drill ? traceQueries.search(source, drillSearchQuery(drill)).queryKey : ['traces', source.id, 'search', 'none']
  const drillFetching = useIsFetching({ queryKey: drillKey, exact: true }) > 0
  const [banded, setBanded] = useState(selection)
  if (banded !== selection && (!drillFetching || selection === null)) setBanded(selection)

  /** Asks for the traces of a selection (the query the drill panel will make) ahead of showing them. */
  const prefetchDrill = (sel: ChartSelection) => {
    const groupValue = state.groupBy ? ownValue(sel.labels, state.groupBy) : undefined
    const labels = groupValue !== undefined && state.groupBy ? { [state.groupBy]: groupValue } : {}
    const query = series.current[sel.metric]
    // a percentile's traces cannot be asked for before its series has arrived
    if (thresholdBasisOf(sel.metric, query) === 'waiting') return
    void queryClient.prefetchQuery(traceQueries.search(source, drillSearchQuery(drillOf({ ...sel, labels }, query?.data))))
  }
  const onSelect = (sel: ChartSelection, how?: { keyboard: boolean }) => {
    setFocusDrill(!!how?.keyboard)
    returnFocus.current = how?.keyboard && document.activeElement instanceof HTMLElement ? document.activeElement : null
    const groupValue = state.groupBy ? ownValue(sel.labels, state.groupBy) : undefined
    // ask for the traces at once (if a hover has not already), while the view re-renders
    prefetchDrill(sel)
    update({ chart: sel.metric, sel: { from: sel.from, to: sel.to }, point: sel.point, series: groupValue ?? null })
  }

  // A service the source does not list (a trace from a file can name any) whose every series failed
  // or came back empty: one plain sentence instead of a failure per chart. A source whose metrics
  // backend knows it after all (its series have values) shows the charts as usual.
  const seriesQueries = Object.values(series.current)
  const unknownService =
    service !== '' &&
    services.length > 0 &&
    !services.some((s) => s.name === service) &&
    seriesQueries.length > 0 &&
    seriesQueries.every((q) => !!q && (q.isError || (q.isSuccess && !hasValues(q.data))))

  const closeDrill = () => {
    update(CLEAR_SELECTION)
    const back = returnFocus.current
    returnFocus.current = null
    if (back?.isConnected) back.focus()
  }

  return (
    <>
      <header className="metrics-header">
        <h1>
          Metrics <span className="muted">·</span> {service}
          {state.operation ? <span className="muted"> {state.operation}</span> : null}
        </h1>
        <span className="muted metrics-window" title={`${formatAbsoluteZoned(win.from)} – ${formatAbsoluteZoned(win.to)}; ${formatOtherZone(win.from)} – ${formatOtherZone(win.to)}`}>
          {formatClock(win.from)} – {formatClockZoned(win.to)} · step {describeStep(step)}
        </span>
        {state.at !== null ? (
          <span className="badge metrics-at" data-testid="metrics-at-marker" title={formatOtherZone(state.at)}>
            Marked {formatClockZoned(state.at)} ({formatRelative(state.at, nowMs)})
          </span>
        ) : null}
        <div className="metrics-header-actions">
          {zoom ? (
            <button type="button" className="btn" onClick={() => update({ zoom: null, at: state.zoom ? state.at : null })}>
              Reset zoom
            </button>
          ) : null}
          {selection && !selection.point ? (
            <button type="button" className="btn" onClick={() => update({ zoom: { from: selection.from, to: selection.to } })}>
              Zoom to selection
            </button>
          ) : null}
        </div>
      </header>
      <MetricsControls
        services={services}
        service={service}
        operation={state.operation}
        filters={filters}
        groupBy={state.groupBy}
        pct={state.pct}
        labels={labels.data ?? NO_LABELS}
        labelsPending={labels.isPending}
        onChange={(patch) => update({ ...patch, ...CLEAR_SELECTION })}
      />
      {unknownService ? (
        <div data-testid="metrics-unknown-service">
          <EmptyState title={`${service} is not known to the metrics source`}>
            {source.label} has no series for the service “{service}” in this window: it is not among the {services.length} services
            the source lists. A trace read from a file can name services a metrics source has never seen. Choose a service above.
          </EmptyState>
        </div>
      ) : (
        <>
        <p className="muted metrics-hint">
          Click a point or drag across a range on any chart to list the traces behind it. Scroll over a chart to zoom. Dashed lines: same time yesterday. Vertical lines: changes (solid amber: this service's, dotted grey: another service's).
          Keyboard: Tab to a chart, arrows move, Shift+arrows select a range, Enter lists the traces.
        </p>
        {isCapabilityError(exemplarQuery.error) ? (
          <p className="banner banner-info" role="status" data-testid="exemplars-unavailable">
            {exemplarQuery.error.message}
          </p>
        ) : null}
        <div className={`metrics-layout${drill ? ' metrics-layout-drill' : ''}`}>
          <MetricBoard
            data={series}
            groupBy={state.groupBy}
            pct={state.pct}
            window={win}
            step={step}
            zoom={zoom}
            selection={banded}
            at={state.at}
            service={service}
            changes={changes.data ?? []}
            alerts={alerts.data ?? []}
            exemplars={exemplars}
            windowPercentiles={windowPct}
            palette={palette}
            onSelect={onSelect}
            onZoom={(z) => update({ zoom: z })}
            onOpenTrace={(id) => void navigate(traceHref(id, {}, carry))}
            onPreview={prefetchDrill}
            onClear={closeDrill}
          />
          {selection && drill ? (
            <DrillPanel
              key={`${selection.metric}:${selection.from}:${selection.to}`}
              selection={selection}
              drill={drill}
              thresholdBasis={thresholdBasis}
              labelKeys={Object.keys(labels.data ?? NO_LABELS)}
              base={state.base}
              onBase={(base) => update({ base })}
              onAddFilter={(f) => update({ filters: [...filters, f], ...CLEAR_SELECTION })}
              onClose={closeDrill}
              onWiden={() => update({ sel: widenWindow(selection, WIDEN_MS, win), point: false })}
              autoFocus={focusDrill}
            />
          ) : null}
        </div>
        </>
      )}
    </>
  )
}

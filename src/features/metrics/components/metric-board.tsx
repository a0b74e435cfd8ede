import { useMemo } from 'react'
import type { UseQueryResult } from '@tanstack/react-query'
import type { Alert, ChangeEvent, MetricName, MetricResult, Partiality } from '../../../domain/model'
import { hasValues, linesFor, peakPoint, shiftByDay } from '../../../domain/metrics/chart-lines'
import type { LineColors } from '../../../domain/metrics/chart-lines'
import type { ThinResult } from '../../../domain/metrics/exemplars'
import { METRIC_INFO, RATIO_AXIS_FLOOR } from '../../../domain/metrics/metric-info'
import type { LatencyMetric } from '../../../domain/metrics/metric-info'
import { pointWindow } from '../../../domain/metrics/selection'
import type { ChartSelection, TimeWindow } from '../../../domain/metrics/selection'
import { describeStep } from '../../../domain/metrics/step'
import { formatClockZoned } from '../../../lib/format'
import { assignServiceColors } from '../../../lib/service-palette'
import { useDataSource } from '../../../api/source-context'
import { NotAvailable } from '../../../ui/not-available'
import { EmptyState, ErrorState, LoadingState, PartialBanner } from '../../../ui/states'
import { formatMetricValue, metricValueAxis } from '../lib/format-value'
import type { ChartPalette } from '../lib/chart-option'
import type { MetricSeriesData } from '../hooks/use-metric-series'
import type { WindowPercentiles } from '../hooks/use-window-percentiles'
import { PercentileBasisMark, WindowPercentileLine } from './window-percentiles'
import { basisOfResults, percentileBasisNote } from '../../../domain/metrics/percentile-basis'
import { MetricChart } from './metric-chart'
import { ExemplarList } from './exemplar-list'

const CHART_HEIGHT = 190

interface ChartSpec {
  id: string
  title: string
  metrics: MetricName[]
  optional: boolean
}

export function chartSpecs(grouped: boolean, pct: LatencyMetric): ChartSpec[] {
  return [
    { id: 'request_rate', title: 'Request rate', metrics: ['request_rate'], optional: false },
    { id: 'error_rate', title: 'Error rate', metrics: ['error_rate'], optional: false },
    { id: 'latency', title: grouped ? METRIC_INFO[pct].title : 'Latency p50 / p95 / p99', metrics: grouped ? [pct] : ['latency_p50', 'latency_p95', 'latency_p99'], optional: false },
    { id: 'send_size', title: 'Send size', metrics: ['send_size'], optional: true },
    { id: 'recv_size', title: 'Receive size', metrics: ['recv_size'], optional: true },
    { id: 'mq_lag', title: 'MQ lag', metrics: ['mq_lag'], optional: true },
  ]
}

export interface MetricBoardProps {
  data: MetricSeriesData
  groupBy: string | null
  pct: LatencyMetric
  window: TimeWindow
  step: number
  zoom: TimeWindow | null
  selection: ChartSelection | null
  at: number | null
  service: string
  changes: ChangeEvent[]
  alerts: Alert[]
  exemplars: ThinResult | null
  /** p50/p95/p99 of the whole window's merged histogram, where the source gives them */
  windowPercentiles: WindowPercentiles | null
  palette: ChartPalette
  onSelect: (sel: ChartSelection, how?: { keyboard: boolean }) => void
  onZoom: (zoom: TimeWindow | null) => void
  onOpenTrace: (traceId: string) => void
  onPreview: (sel: ChartSelection) => void
  onClear: () => void
}

const formatExemplar = (us: number) => formatMetricValue('us', us)

const settled = (q: UseQueryResult<MetricResult> | undefined) => q?.data

/** The charts of a scope, sharing one cursor, zoom, selection and markers. */
export function MetricBoard(props: MetricBoardProps) {
  const { data, groupBy, pct, palette } = props
  const colors = useMemo<LineColors>(() => ({ main: palette.accent, secondary: [palette.muted, palette.warn], groups: assignServiceColors }), [palette])
  const source = useDataSource()
  const offered = source.capabilities.metricNames
  const all = chartSpecs(groupBy !== null, pct)
  const specs = all.filter((s) => !offered || s.metrics.every((m) => offered.includes(m)))
  const missing = all.filter((s) => !specs.includes(s) && !s.optional)
  let partial: Partiality | null = null
  for (const q of Object.values(data.current)) if (q?.data?.partial && !partial) partial = q.data.partial
  // one failure, one message and one Retry for the whole board (an outage fails every chart alike)
  const failedSpecs = specs.filter((s) => s.metrics.some((m) => data.current[m]?.isError))
  const failedQueries = Object.values(data.current).filter((q) => q?.isError)
  const failure = failedQueries[0]?.error ?? null
  const retrying = failedSpecs.length > 0 && Object.values(data.current).some((q) => q?.isFetching)
  return (
    <div className="metrics-board">
      {failure ? (
        <ErrorState
          title={failedSpecs.length === specs.length ? 'The charts could not be loaded' : `${failedSpecs.map((s) => s.title).join(', ')} could not be loaded`}
          error={failure}
          retrying={retrying}
          onRetry={() => failedQueries.forEach((q) => void q?.refetch())}
        />
      ) : null}
      <PartialBanner partial={partial} what="These series" />
      {missing.length ? (
        <NotAvailable what={missing.map((s) => s.title).join(', ')} source={source.label} />
      ) : null}
      <div className="metrics-grid">
        {specs.map((spec) => (
          <ChartCard key={spec.id} spec={spec} colors={colors} {...props} />
        ))}
      </div>
    </div>
  )
}

function ChartCard({ spec, colors, ...p }: MetricBoardProps & { spec: ChartSpec; colors: LineColors }) {
  const queries = spec.metrics.map((m) => p.data.current[m])
  const results = queries.map(settled).filter((r): r is MetricResult => !!r)
  const yesterdayQuery = p.data.yesterday[spec.metrics[spec.metrics.length - 1] ?? 'request_rate']
  const yesterday = p.groupBy ? undefined : settled(yesterdayQuery)
  const info = METRIC_INFO[spec.metrics[0] ?? 'request_rate']
  const failed = queries.find((q) => q?.isError)
  const pending = queries.some((q) => !q || q.isPending)
  const isLatency = spec.id === 'latency'
  const exemplars = isLatency ? p.exemplars : null

  const [d0, d1, d2] = [queries[0]?.data, queries[1]?.data, queries[2]?.data]
  const input = useMemo(
    () => ({
      lines: linesFor(results, p.groupBy ?? undefined, colors),
      yesterday: yesterday ? linesFor([shiftByDay(yesterday)], undefined, { ...colors, main: colors.main }) : [],
      exemplars: exemplars?.kept ?? [],
      changes: p.changes,
      alerts: p.alerts,
      at: p.at,
      selection: p.selection ? { from: p.selection.from, to: p.selection.to } : null,
      zoom: p.zoom,
      window: p.window,
      palette: p.palette,
      formatValue: (v: number) => formatMetricValue(info.unit, v),
      valueAxis: (max: number) => metricValueAxis(info.unit, max),
      formatTime: (ms: number) => formatClockZoned(ms),
      service: p.service,
      yMaxFloor: info.unit === 'ratio' ? RATIO_AXIS_FLOOR : undefined,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `results` is derived from d0..d2 (a chart has at most three series queries), stable per fetch
    [d0, d1, d2, yesterday, exemplars, colors, p.changes, p.alerts, p.at, p.selection, p.zoom, p.window, p.palette, p.groupBy, p.service, info.unit],
  )

  if (spec.optional && !pending && !failed && !results.some(hasValues)) return null
  const selected = p.selection && spec.metrics.includes(p.selection.metric)
  const stepMs = results[0]?.step ?? p.step
  const main = input.lines.find((l) => l.weight === 2)
  const peak = main ? peakPoint(main) : null
  const basis = isLatency ? basisOfResults(results) : null
  const approx = basis !== null && percentileBasisNote(basis).approximate ? '≈ ' : ''
  const selectPeak = () => main && peak && p.onSelect({ metric: main.metric, labels: main.labels, point: true, ...pointWindow(peak[0], stepMs) })
  return (
    <section className={`panel metrics-card${selected ? ' metrics-card-selected' : ''}`} aria-label={spec.title}>
      <header className="metrics-card-header">
        <h2>{spec.title}</h2>
        <span className="muted metrics-card-meta">
          {info.unit === 'rate' ? 'calls per second' : info.unit === 'ratio' ? 'share of calls failing' : info.unit === 'us' ? 'duration' : info.unit === 'bytes' ? 'bytes per call' : 'lag'}
          {' · '}step {describeStep(stepMs)}
        </span>
        {basis ? <PercentileBasisMark basis={basis} /> : null}
        {peak && !p.groupBy ? (
          <button type="button" className="btn btn-ghost metrics-peak" onClick={selectPeak} title={`${approx}${formatMetricValue(info.unit, peak[1])} at ${formatClockZoned(peak[0])}`}>
            Traces at the peak
          </button>
        ) : null}
      </header>
      {isLatency && p.windowPercentiles && !p.groupBy ? <WindowPercentileLine pct={p.windowPercentiles} approximate={approx !== ''} /> : null}
      {failed ? (
        <div style={{ minHeight: CHART_HEIGHT }} className="metrics-card-failed">
          <p className="muted">Not loaded: the message above says why.</p>
        </div>
      ) : pending ? (
        <LoadingState label={`Loading ${spec.title.toLowerCase()}…`} minHeight={CHART_HEIGHT} />
      ) : !results.some(hasValues) ? (
        <div style={{ minHeight: CHART_HEIGHT }}>
          <EmptyState title="No calls in this window">Widen the time range or remove a filter.</EmptyState>
        </div>
      ) : (
        <MetricChart
          testId={`metric-chart-${spec.id}`}
          ariaLabel={`${spec.title} of ${p.service}; click a point or drag across a range to list the traces behind it`}
          input={input}
          step={stepMs}
          height={CHART_HEIGHT}
          onSelect={p.onSelect}
          onZoom={p.onZoom}
          onOpenTrace={p.onOpenTrace}
          onPreview={p.onPreview}
          onClear={p.onClear}
          formatExemplar={formatExemplar}
        />
      )}
      {exemplars && exemplars.total > 0 && !failed && !pending ? <ExemplarList exemplars={exemplars} /> : null}
    </section>
  )
}

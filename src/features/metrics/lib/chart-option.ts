/**
 * One metric chart's ECharts option, built from domain lines. Pure (no DOM): colours and
 * formatters come in as arguments, so it is unit-testable and theme-agnostic.
 */
import type { EChartsOption } from '../../../ui/chart/echart'
import type { Alert, ChangeEvent } from '../../../domain/model'
import type { ChartLine } from '../../../domain/metrics/chart-lines'
import type { ThinnedExemplar } from '../../../domain/metrics/exemplars'
import type { Window } from '../../../domain/metrics/selection'

export interface ChartPalette {
  fg: string
  muted: string
  grid: string
  accent: string
  crit: string
  warn: string
  bg: string
}

export interface ChartOptionInput {
  lines: ChartLine[]
  /** yesterday's lines, already shifted onto today's window */
  yesterday: ChartLine[]
  exemplars: ThinnedExemplar[]
  changes: ChangeEvent[]
  alerts: Alert[]
  /** the reverse link's time (ms) */
  at: number | null
  selection: Window | null
  zoom: Window | null
  window: Window
  palette: ChartPalette
  formatValue: (v: number) => string
  formatTime: (ms: number) => string
  /** the series' own service: its change events are drawn stronger */
  service: string
}

/** #rrggbb + alpha → rgba(); other colour forms are returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim())
  if (!m) return color
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h ?? '0', 16))
  return `rgba(${r}, ${g}, ${b}, ${alpha})`
}

export const EXEMPLAR_SERIES_ID = 'exemplars'
export const MARKER_SERIES_ID = 'markers'

function markerSeries(input: ChartOptionInput) {
  const { palette: p } = input
  const lines: Record<string, unknown>[] = input.changes.map((c) => {
    const own = c.service === input.service
    return {
      name: `${c.kind} ${c.service}${c.version ? ` ${c.version}` : ''}`,
      xAxis: c.time,
      lineStyle: { color: p.warn, type: own ? 'solid' : 'dashed', width: own ? 2 : 1 },
      label: { formatter: `${c.kind}: ${c.service}${c.version ? ` ${c.version}` : ''}`, color: p.fg, position: 'insideEndTop', fontSize: 10 },
    }
  })
  if (input.at !== null) {
    lines.push({
      name: 'marked time',
      xAxis: input.at,
      lineStyle: { color: p.accent, type: 'solid', width: 2 },
      label: { formatter: `marked ${input.formatTime(input.at)}`, color: p.accent, position: 'insideStartTop', fontSize: 10 },
    })
  }
  const areas: [Record<string, unknown>, Record<string, unknown>][] = input.alerts.map((a, i) => [
    {
      name: `alert: ${a.summary}`,
      xAxis: Math.max(a.startsAt, input.window.from),
      itemStyle: { color: withAlpha(a.severity === 'critical' ? p.crit : p.warn, 0.08) },
      label: { show: true, formatter: `alert: ${a.summary.length > 40 ? `${a.summary.slice(0, 39)}…` : a.summary}`, position: i % 2 === 0 ? 'insideTopLeft' : 'insideBottomLeft', color: p.muted, fontSize: 10 },
    },
    { xAxis: Math.min(a.endsAt ?? input.window.to, input.window.to) },
  ])
  if (input.selection) {
    areas.push([
      { name: 'selection', xAxis: input.selection.from, itemStyle: { color: withAlpha(p.accent, 0.18), borderColor: p.accent, borderWidth: 1 }, label: { show: false } },
      { xAxis: input.selection.to },
    ])
  }
  return {
    id: MARKER_SERIES_ID,
    name: 'markers',
    type: 'line' as const,
    data: [],
    silent: true,
    markLine: { silent: true, symbol: 'none', animation: false, data: lines },
    markArea: { silent: true, animation: false, data: areas },
  }
}

export function buildChartOption(input: ChartOptionInput): EChartsOption {
  const { palette: p } = input
  const lineSeries = input.lines.map((l) => ({
    id: l.id,
    name: l.name,
    type: 'line' as const,
    data: l.points,
    showSymbol: false,
    symbolSize: 6,
    connectNulls: false,
    sampling: 'lttb' as const,
    lineStyle: { color: l.color, width: l.weight === 2 ? 2 : 1.25 },
    itemStyle: { color: l.color },
    emphasis: { focus: 'none' as const },
    z: 3,
  }))
  const yesterdaySeries = input.yesterday.map((l) => ({
    id: `yesterday|${l.id}`,
    name: `${l.name} yesterday`,
    type: 'line' as const,
    data: l.points,
    showSymbol: false,
    silent: true,
    sampling: 'lttb' as const,
    lineStyle: { color: l.color, width: 1, type: 'dashed' as const, opacity: 0.6 },
    itemStyle: { color: l.color },
    z: 2,
  }))
  const exemplarSeries = input.exemplars.length
    ? [{
        id: EXEMPLAR_SERIES_ID,
        name: 'exemplars',
        type: 'scatter' as const,
        data: input.exemplars.map((e) => ({
          value: [e.time, e.latency],
          traceId: e.traceId,
          symbol: e.isError ? 'diamond' : 'circle',
          symbolSize: e.isError ? 9 : 6,
          itemStyle: { color: e.isError ? p.crit : withAlpha(p.accent, 0.75), borderColor: p.bg, borderWidth: 1 },
        })),
        z: 4,
        tooltip: { trigger: 'item' as const },
      }]
    : []
  const grouped = input.lines.length > 1 || input.yesterday.length > 0
  return {
    animation: false,
    grid: { left: 64, right: 16, top: grouped ? 30 : 14, bottom: 26 },
    legend: grouped
      ? { show: true, top: 0, left: 60, type: 'scroll', textStyle: { color: p.muted, fontSize: 11 }, itemHeight: 8, data: [...input.lines.map((l) => l.name), ...input.yesterday.map((l) => `${l.name} yesterday`)] }
      : { show: false },
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (v: unknown) => (typeof v === 'number' ? input.formatValue(v) : '–'),
    },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    xAxis: {
      type: 'time',
      min: input.window.from,
      max: input.window.to,
      axisLine: { lineStyle: { color: p.grid } },
      axisLabel: { color: p.muted, fontSize: 11, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: p.muted, fontSize: 11, formatter: (v: number) => input.formatValue(v) },
      splitLine: { lineStyle: { color: p.grid } },
    },
    dataZoom: [{
      type: 'inside',
      xAxisIndex: 0,
      filterMode: 'none',
      zoomOnMouseWheel: true,
      moveOnMouseMove: false,
      moveOnMouseWheel: false,
      ...(input.zoom ? { startValue: input.zoom.from, endValue: input.zoom.to } : { start: 0, end: 100 }),
    }],
    brush: {
      xAxisIndex: 0,
      brushType: 'lineX',
      brushMode: 'single',
      transformable: false,
      throttleType: 'debounce',
      throttleDelay: 60,
      brushStyle: { color: withAlpha(p.accent, 0.15), borderColor: p.accent, borderWidth: 1 },
      outOfBrush: { colorAlpha: 1 },
    },
    toolbox: { show: false },
    series: [...yesterdaySeries, ...lineSeries, ...exemplarSeries, markerSeries(input)],
  }
}

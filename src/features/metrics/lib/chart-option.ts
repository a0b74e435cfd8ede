/**
 * One metric chart's ECharts option, built from domain lines. Pure (no DOM): colours and
 * formatters come in as arguments, so it is unit-testable and theme-agnostic.
 */
import type { EChartsOption } from '../../../ui/chart/echart'
import type { Alert, ChangeEvent } from '../../../domain/model'
import type { ChartLine } from '../../../domain/metrics/chart-lines'
import type { ThinnedExemplar } from '../../../domain/metrics/exemplars'
import type { TimeWindow } from '../../../domain/metrics/selection'
import { alertText, changeText, labelPriority, labelSide, markersAt, placeAlertLabels, placeLabels, visibleAlertArea, visibleChanges } from '../../../domain/metrics/markers'
import type { ValueAxis } from './format-value'

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
  selection: TimeWindow | null
  zoom: TimeWindow | null
  window: TimeWindow
  palette: ChartPalette
  formatValue: (v: number) => string
  /**
   * The value axis from its highest value: tick labels in one unit (else formatValue per tick) and,
   * where the unit needs it, a tick interval round in that unit (else the chart's own)
   */
  valueAxis?: (max: number) => ValueAxis
  formatTime: (ms: number) => string
  /** the series' own service: its change events are drawn stronger */
  service: string
  /** ms per point; the tooltip names the change events and alerts of a point's step */
  step?: number
  /** what the keyboard cursor marks (see chart-cursor) */
  keyboard?: KeyboardMarks | null
  /** px width of the chart, to keep marker labels from overlapping each other */
  width?: number
  /**
   * the least value the y-axis reaches at its top (e.g. 0.01 for error rates): a quiet series is
   * drawn against this span rather than stretched over the whole height; higher data raise it as usual
   */
  yMaxFloor?: number
}

/** The highest value of the lines (today's and yesterday's) inside the visible window; 0 without any. */
export function highestValue(lines: readonly ChartLine[], visible: TimeWindow): number {
  let max = 0
  for (const l of lines) for (const [t, v] of l.points) if (v !== null && t >= visible.from && t <= visible.to && v > max) max = v
  return max
}

const GRID_LEFT = 64
const GRID_RIGHT = 16

export interface KeyboardMarks {
  /** the current point [time, value] */
  point: [number, number] | null
  /** a range being extended with Shift+arrows */
  draft: TimeWindow | null
  /** the current exemplar [time, latency] */
  exemplar: [number, number] | null
}

const LABEL_WIDTH = 180
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

interface AxisParam {
  marker?: unknown
  seriesName?: string
  seriesId?: string
  value?: unknown
  axisValue?: unknown
}

/** The axis tooltip: the time, each line's value, and the change events and alerts of that step in full. */
function axisTooltip(raw: unknown, input: ChartOptionInput): string {
  const params = (Array.isArray(raw) ? raw : [raw]) as AxisParam[]
  const t = Number(params[0]?.axisValue ?? (Array.isArray(params[0]?.value) ? (params[0].value as unknown[])[0] : NaN))
  const rows = params
    .filter((x) => x.seriesId !== EXEMPLAR_SERIES_ID && x.seriesId !== MARKER_SERIES_ID)
    .map((x) => {
      const v = Array.isArray(x.value) ? (x.value as unknown[])[1] : x.value
      const value = typeof v === 'number' ? input.formatValue(v) : '–'
      return `<div>${typeof x.marker === 'string' ? x.marker : ''}${escapeHtml(x.seriesName ?? '')} <b style="float:right;margin-left:16px">${escapeHtml(value)}</b></div>`
    })
  const notes = Number.isFinite(t) ? markersAt(input.changes, input.alerts, t, input.step ?? 0, input.service) : []
  const head = Number.isFinite(t) ? `<div>${escapeHtml(input.formatTime(t))}</div>` : ''
  const tail = notes.map((n) => `<div style="margin-top:4px;white-space:normal;max-width:320px">⚑ ${escapeHtml(n)}</div>`).join('')
  return head + rows.join('') + tail
}

interface ItemParam {
  data?: { value?: [number, number]; isError?: boolean }
}

function exemplarTooltip(raw: unknown, input: ChartOptionInput): string {
  const d = (raw as ItemParam).data
  if (!d?.value) return ''
  const [t, latency] = d.value
  return `<div>Exemplar trace · ${escapeHtml(input.formatTime(t))}</div><div><b>${escapeHtml(input.formatValue(latency))}</b>${d.isError ? ' · failed' : ''}</div><div style="opacity:.75">Click or Enter opens the trace</div>`
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
  const visible = input.zoom ?? input.window
  const topLabel = (time: number, color: string, text: string) => ({
    formatter: text,
    color,
    // above the plot, running away from the nearer edge; long text ends in an ellipsis
    position: 'end',
    align: labelSide(time, visible),
    distance: 4,
    padding: [0, 2],
    fontSize: 10,
    width: LABEL_WIDTH,
    overflow: 'truncate',
    ellipsis: '…',
  })
  const shown = visibleChanges(input.changes, visible)
  const marked = input.at !== null && input.at >= visible.from && input.at <= visible.to ? input.at : null
  const candidates = shown.map((c) => ({ key: c.id, time: c.time, text: changeText(c, input.service), priority: labelPriority(c, input.service) }))
  if (marked !== null) candidates.push({ key: 'marked time', time: marked, text: `marked ${input.formatTime(marked)}`, priority: 9 })
  const labelled = placeLabels(candidates, visible, (input.width ?? 440) - GRID_LEFT - GRID_RIGHT, LABEL_WIDTH)
  const lines: Record<string, unknown>[] = shown.map((c) => {
    // the series' own change: a solid amber line; another service's: a dotted grey one (dashed lines are yesterday's)
    const own = c.service === input.service
    const text = changeText(c, input.service)
    return {
      name: text,
      xAxis: c.time,
      lineStyle: own ? { color: p.warn, type: 'solid', width: 2 } : { color: p.muted, type: 'dotted', width: 1.25 },
      label: labelled.has(c.id) ? topLabel(c.time, own ? p.fg : p.muted, text) : { show: false },
    }
  })
  if (input.at !== null && marked !== null) {
    lines.push({
      name: 'marked time',
      xAxis: input.at,
      lineStyle: { color: p.accent, type: 'solid', width: 2 },
      label: labelled.has('marked time') ? topLabel(input.at, p.accent, `marked ${input.formatTime(input.at)}`) : { show: false },
    })
  }
  const areas: [Record<string, unknown>, Record<string, unknown>][] = []
  const alertAreas = input.alerts.flatMap((a) => {
    const area = visibleAlertArea(a, visible)
    return area ? [{ alert: a, area }] : []
  })
  // labels staggered over two rows, three or more close alerts collapsed into one "3 alerts" label
  const alertLabels = new Map(
    placeAlertLabels(
      alertAreas.map(({ alert, area }) => ({ key: alert.id, from: area.from, to: area.to, text: alertText(alert) })),
      visible,
      (input.width ?? 440) - GRID_LEFT - GRID_RIGHT,
      LABEL_WIDTH,
    ).map((l) => [l.key, l]),
  )
  for (const { alert: a, area } of alertAreas) {
    const placed = alertLabels.get(a.id)
    areas.push([
      {
        name: alertText(a),
        xAxis: area.from,
        itemStyle: { color: withAlpha(a.severity === 'critical' ? p.crit : p.warn, 0.08) },
        label: placed
          ? {
              show: true,
              formatter: placed.text,
              position: `inside${placed.row === 'top' ? 'Top' : 'Bottom'}${placed.side === 'left' ? 'Left' : 'Right'}`,
              color: p.muted,
              fontSize: 10,
              // readable over the lines it crosses: a halo of the background around the glyphs
              textBorderColor: p.bg,
              textBorderWidth: 2,
              width: LABEL_WIDTH,
              overflow: 'truncate',
              ellipsis: '…',
            }
          : { show: false },
      },
      { xAxis: area.to },
    ])
  }
  if (input.selection) {
    areas.push([
      { name: 'selection', xAxis: input.selection.from, itemStyle: { color: withAlpha(p.accent, 0.18), borderColor: p.accent, borderWidth: 1 }, label: { show: false } },
      { xAxis: input.selection.to },
    ])
  }
  const kb = input.keyboard
  if (kb?.draft) {
    areas.push([
      {
        name: 'range',
        xAxis: kb.draft.from,
        itemStyle: { color: withAlpha(p.accent, 0.15), borderColor: p.accent, borderWidth: 1, borderType: 'dashed' },
        label: { show: true, formatter: 'Enter: traces of this range', position: 'insideTop', color: p.accent, fontSize: 10 },
      },
      { xAxis: kb.draft.to },
    ])
  }
  const points: { name: string; coord: [number, number]; symbol: string; symbolSize: number; itemStyle: { color: string; borderColor: string; borderWidth: number } }[] = []
  if (kb?.point) points.push({ name: 'cursor', coord: kb.point, symbol: 'circle', symbolSize: 14, itemStyle: { color: 'transparent', borderColor: p.accent, borderWidth: 2.5 } })
  if (kb?.exemplar) points.push({ name: 'exemplar', coord: kb.exemplar, symbol: 'circle', symbolSize: 18, itemStyle: { color: 'transparent', borderColor: p.fg, borderWidth: 2.5 } })
  return {
    id: MARKER_SERIES_ID,
    name: 'markers',
    type: 'line' as const,
    data: [],
    silent: true,
    markLine: { silent: true, symbol: 'none', animation: false, data: lines },
    markArea: { silent: true, animation: false, data: areas },
    markPoint: { silent: true, animation: false, label: { show: false }, data: points },
  }
}

export function buildChartOption(input: ChartOptionInput): EChartsOption {
  const { palette: p } = input
  const highest = highestValue([...input.lines, ...input.yesterday], input.window)
  const axis = input.valueAxis?.(Math.max(highest, input.yMaxFloor ?? 0))
  const interval = input.yMaxFloor === undefined ? axis?.interval : undefined
  const lineSeries = input.lines.map((l) => ({
    id: l.id,
    name: l.name,
    type: 'line' as const,
    data: l.points,
    showSymbol: false,
    symbolSize: 6,
    connectNulls: false,
    sampling: 'lttb' as const,
    lineStyle: { color: l.color, width: l.weight === 2 ? 2 : 1.25, type: l.dash === 'solid' ? ('solid' as const) : [...l.dash] },
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
          isError: e.isError,
          symbol: e.isError ? 'diamond' : 'circle',
          symbolSize: e.isError ? 9 : 6,
          itemStyle: { color: e.isError ? p.crit : withAlpha(p.accent, 0.75), borderColor: p.bg, borderWidth: 1 },
        })),
        z: 4,
        tooltip: { trigger: 'item' as const, formatter: (params: unknown) => exemplarTooltip(params, input) },
      }]
    : []
  const grouped = input.lines.length > 1 || input.yesterday.length > 0
  return {
    animation: false,
    // room above the plot for the change-event labels
    grid: { left: GRID_LEFT, right: GRID_RIGHT, top: grouped ? 32 : 18, bottom: 26 },
    legend: grouped
      ? { show: true, top: 0, left: 60, type: 'scroll', textStyle: { color: p.muted, fontSize: 11 }, itemHeight: 8, data: [...input.lines.map((l) => l.name), ...input.yesterday.map((l) => `${l.name} yesterday`)] }
      : { show: false },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => axisTooltip(params, input),
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
      ...(input.yMaxFloor !== undefined && highest < input.yMaxFloor ? { max: input.yMaxFloor } : {}),
      ...(interval !== undefined && highest > 0 ? { interval, max: Math.ceil(highest / interval) * interval } : {}),
      axisLabel: { color: p.muted, fontSize: 11, formatter: axis?.label ?? ((v: number) => input.formatValue(v)) },
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

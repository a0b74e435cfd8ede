import type { EChartsOption } from 'echarts'
import type { TraceSummary } from '../../../../domain/model'
import { formatAbsoluteZoned, formatDuration, plural } from '../../../../lib/format'

export interface ScatterColors {
  ok: string
  error: string
  fg: string
  muted: string
  grid: string
  bg: string
}

/** One dot: [start ms, duration ms]; `name` is the trace id (read back on click). */
export interface ScatterDot {
  name: string
  value: [number, number]
  symbolSize: number
}

export const SCATTER_SERIES = { ok: 0, error: 1 } as const

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/** Dot size grows with the span count (log scale), so big traces stand out. */
export const dotSize = (spanCount: number) => Math.round(6 + Math.min(10, Math.log10(Math.max(1, spanCount)) * 3))

export function toDot(t: TraceSummary): ScatterDot {
  return { name: t.traceId, value: [t.startTime / 1000, Math.max(t.duration / 1000, 0.001)], symbolSize: dotSize(t.spanCount) }
}

/**
 * The duration-over-time scatter. Errors are a separate series drawn as red triangles (shape,
 * not colour alone); a log duration axis keeps fast and slow traces readable together.
 */
/** The time axis spans the dots (padded), not the whole window, so a truncated answer is not a thin stripe. */
export function timeExtent(traces: readonly TraceSummary[], window: { from: number; to: number }): { min: number; max: number } {
  if (traces.length === 0) return { min: window.from, max: window.to }
  let min = Infinity
  let max = -Infinity
  for (const t of traces) {
    min = Math.min(min, t.startTime / 1000)
    max = Math.max(max, t.startTime / 1000)
  }
  const pad = Math.max((max - min) * 0.04, 1_000)
  return { min: Math.max(window.from, min - pad), max: Math.min(window.to, max + pad) }
}

export function buildScatterOption(traces: readonly TraceSummary[], window: { from: number; to: number }, c: ScatterColors): EChartsOption {
  const byId = new Map(traces.map((t) => [t.traceId, t]))
  const ok = traces.filter((t) => t.errorCount === 0).map(toDot)
  const err = traces.filter((t) => t.errorCount > 0).map(toDot)
  const axisText = { color: c.muted, fontSize: 11 }
  const extent = timeExtent(traces, window)
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 28, bottom: 36 },
    legend: { top: 0, right: 64, textStyle: { color: c.fg, fontSize: 12 }, itemWidth: 12, itemHeight: 10 },
    toolbox: {
      right: 0,
      top: -4,
      iconStyle: { borderColor: c.muted },
      feature: { brush: { type: ['rect', 'clear'], title: { rect: 'Select a region', clear: 'Clear selection' } } },
    },
    brush: {
      xAxisIndex: 0,
      yAxisIndex: 0,
      brushType: 'rect',
      brushMode: 'single',
      transformable: false,
      brushStyle: { borderWidth: 1, color: 'rgba(120,140,180,0.15)', borderColor: c.muted },
      outOfBrush: { colorAlpha: 0.25 },
    },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const id = (p as { name?: string }).name ?? ''
        const t = byId.get(id)
        if (!t) return ''
        return [
          `<b>${escapeHtml(t.rootService)}</b>: ${escapeHtml(t.rootOperation.slice(0, 120))}`,
          `${formatDuration(t.duration)} · ${plural(t.spanCount, 'span')}${t.errorCount ? ` · ${plural(t.errorCount, 'error')}` : ''}`,
          formatAbsoluteZoned(t.startTime / 1000),
        ].join('<br/>')
      },
    },
    xAxis: {
      type: 'time',
      min: extent.min,
      max: extent.max,
      axisLabel: axisText,
      axisLine: { lineStyle: { color: c.grid } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'log',
      name: 'duration',
      nameTextStyle: axisText,
      axisLabel: { ...axisText, formatter: (v: number) => formatDuration(v * 1000) },
      splitLine: { lineStyle: { color: c.grid } },
    },
    series: [
      dots('Traces', 'circle', ok, c.ok, 0.75, c.bg),
      // errors drawn above the others
      { ...dots('Traces with errors', 'triangle', err, c.error, 0.9, c.bg), z: 3 },
    ],
  }
}

/** One scatter series of dots: `symbol` in `color`, outlined in the background colour, a pointer over each (a click opens it). */
function dots(name: string, symbol: 'circle' | 'triangle', data: ScatterDot[], color: string, opacity: number, bg: string) {
  return { name, type: 'scatter' as const, symbol, data, itemStyle: { color, opacity, borderColor: bg, borderWidth: 0.5 }, emphasis: { scale: 1.4 }, cursor: 'pointer' }
}

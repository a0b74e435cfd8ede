import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { MouseEvent } from 'react'
import type { EChartsType } from 'echarts/core'
import { EChart } from '../../../ui/chart/echart'
import type { EChartsOption } from '../../../ui/chart/echart'
import type { ChartLine } from '../../../domain/metrics/chart-lines'
import { nearestLine, snapToPoint } from '../../../domain/metrics/chart-lines'
import { normalizeRange, pointWindow } from '../../../domain/metrics/selection'
import type { ChartSelection, TimeWindow } from '../../../domain/metrics/selection'
import { buildChartOption, EXEMPLAR_SERIES_ID } from '../lib/chart-option'
import type { ChartOptionInput } from '../lib/chart-option'
import { useChartKeyboard } from '../hooks/use-chart-keyboard'

export const METRICS_CHART_GROUP = 'metrics'

export interface MetricChartProps {
  /** data-testid of the chart, e.g. "metric-chart-error_rate" */
  testId: string
  ariaLabel: string
  input: ChartOptionInput
  step: number
  height: number
  onSelect: (sel: ChartSelection, how?: { keyboard: boolean }) => void
  onZoom: (zoom: TimeWindow | null) => void
  onOpenTrace: (traceId: string) => void
  /** a point the pointer or the keyboard cursor rests on: its traces may be asked for ahead */
  onPreview: (sel: ChartSelection) => void
  /** Escape with nothing else to undo: drop the selection */
  onClear: () => void
  /** formats an exemplar's latency (µs) */
  formatExemplar: (us: number) => string
}

/** How long the chart's width must hold before its marker labels are placed again. */
const WIDTH_SETTLE_MS = 400

/** How long the pointer rests on a point before its traces are asked for. */
const HOVER_MS = 150

/** The keys that do something on this chart, in one short line. */
const keyHint = (lines: number, exemplars: number) =>
  ['←→ move', 'Shift: range', lines > 1 ? '↑↓ line' : '', exemplars ? 'E exemplar' : '', 'Enter traces', 'Esc back'].filter(Boolean).join(' · ')

interface SeriesClick {
  seriesId?: string
  data?: { traceId?: string }
}

interface BrushEnd {
  areas?: { coordRange?: [number, number] }[]
}

// silent: the action's event would be replayed on every connected chart (each a full update)
const armBrush = (chart: EChartsType) =>
  chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } }, { silent: true })

/** The lowest-emphasis line is never the default target; the main line (weight 2) is. */
const mainLine = (lines: readonly ChartLine[]) => lines.find((l) => l.weight === 2) ?? lines[0]

/**
 * One metric chart: click a point (anywhere over the plot: snaps to the nearest series' point)
 * or drag a range to select; wheel zooms (shared across the group); exemplar dots open their trace.
 * The same by keyboard: the chart takes focus and arrows move a cursor (see use-chart-keyboard).
 */
export function MetricChart({ testId, ariaLabel, input, step, height, onSelect, onZoom, onOpenTrace, onPreview, onClear, formatExemplar }: MetricChartProps) {
  const chartRef = useRef<EChartsType | null>(null)
  const latest = useRef({ input, step, onSelect, onZoom, onOpenTrace, onPreview })
  const hoverTimer = useRef<number | undefined>(undefined)
  const exemplarClickAt = useRef(0)
  const down = useRef<{ x: number; y: number } | null>(null)
  const zoomTimer = useRef<number | undefined>(undefined)
  useEffect(() => {
    latest.current = { input, step, onSelect, onZoom, onOpenTrace, onPreview }
  })
  const keys = useChartKeyboard({
    chartRef,
    lines: input.lines,
    seriesOffset: input.yesterday.length,
    exemplars: input.exemplars,
    step,
    view: input.zoom ?? input.window,
    selectedFrom: input.selection?.from ?? null,
    onSelect,
    onOpenTrace,
    onPreview,
    onClear,
    formatValue: input.formatValue,
    formatExemplar,
    formatTime: input.formatTime,
  })
  const hintId = useId()
  const marks = keys.marks
  // marker labels are spaced by the chart's width
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState<number | undefined>(undefined)
  useEffect(() => {
    const node = box.current
    if (!node || typeof ResizeObserver === 'undefined') return
    // after the layout settles (opening the trace list re-lays every chart), not during it
    let timer: number | undefined
    const ro = new ResizeObserver(() => {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => setWidth(Math.round(node.clientWidth / 40) * 40 || undefined), WIDTH_SETTLE_MS)
    })
    ro.observe(node)
    return () => {
      ro.disconnect()
      window.clearTimeout(timer)
    }
  }, [])
  const option = useMemo(() => buildChartOption({ ...input, step, keyboard: marks, width }), [input, step, marks, width])

  // While the button is down the chart keeps the option it had when it was pressed. A new option
  // (an answer arriving: yesterday's line, exemplars, change events; the width settling) rebuilds the
  // brush, which ended the drag where the pointer was and selected a sliver of the range, or
  // nothing. The latest option is drawn when the button is released.
  const [held, setHeld] = useState<EChartsOption | null>(null)
  const shown = held ?? option
  const release = useRef<(() => void) | null>(null)
  const releaseTimer = useRef<number | undefined>(undefined)
  const hold = () => {
    if (release.current) return
    const end = () => {
      window.removeEventListener('mouseup', end)
      window.removeEventListener('blur', end)
      release.current = null
      // after every listener of this release, ECharts' own (which ends the brush) among them
      releaseTimer.current = window.setTimeout(() => setHeld(null), 0)
    }
    release.current = end
    window.addEventListener('mouseup', end)
    window.addEventListener('blur', end)
    // a press right after a release keeps holding: the release's pending update must not end it
    window.clearTimeout(releaseTimer.current)
    setHeld(shown)
  }
  useEffect(() => () => release.current?.(), [])

  // Brushing is the default drag gesture; an option update disarms it. It is armed again when the
  // pointer moves over the chart, not on every update of every chart (each arming redraws it).
  const armed = useRef(false)
  useEffect(() => {
    armed.current = false
  }, [shown])
  const arm = () => {
    const chart = chartRef.current
    if (armed.current || !chart || chart.isDisposed()) return
    armBrush(chart)
    armed.current = true
  }
  useEffect(
    () => () => {
      window.clearTimeout(zoomTimer.current)
      window.clearTimeout(hoverTimer.current)
    },
    [],
  )

  const onReady = (chart: EChartsType) => {
    chartRef.current = chart
    armed.current = false
  }

  /** The point under the pointer (snapped to the nearest series' point), or null outside the plot. */
  const pointAt = (e: MouseEvent<HTMLDivElement>): ChartSelection | null => {
    const chart = chartRef.current
    if (!chart || chart.isDisposed()) return null
    const rect = e.currentTarget.getBoundingClientRect()
    const px: [number, number] = [e.clientX - rect.left, e.clientY - rect.top]
    if (!chart.containPixel({ gridIndex: 0 }, px)) return null
    const { input: inp, step: st } = latest.current
    const raw: unknown = chart.convertFromPixel({ gridIndex: 0 }, px)
    if (!Array.isArray(raw)) return null
    const [t, v] = raw as [number, number]
    const line = nearestLine(inp.lines, t, v)
    if (!line) return null
    const at = snapToPoint(line, t)
    if (at === null) return null
    return { metric: line.metric, labels: line.labels, point: true, ...pointWindow(at, st) }
  }

  // Point clicks are read from the DOM: with brushing armed, the canvas does not report plain
  // clicks on empty plot area. A press that moved is a brush, handled by brushEnd.
  // The traces of the point under a resting pointer, and of a pressed one, are asked for early.
  const onMouseDown = (e: MouseEvent<HTMLDivElement>) => {
    if (e.button === 0) hold()
    down.current = { x: e.clientX, y: e.clientY }
    window.clearTimeout(hoverTimer.current)
    const sel = pointAt(e)
    if (sel) latest.current.onPreview(sel)
  }
  const onMouseMove = (e: MouseEvent<HTMLDivElement>) => {
    arm()
    window.clearTimeout(hoverTimer.current)
    if (e.buttons !== 0) return
    const sel = pointAt(e)
    if (sel) hoverTimer.current = window.setTimeout(() => latest.current.onPreview(sel), HOVER_MS)
  }
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const chart = chartRef.current
    const start = down.current
    down.current = null
    if (!chart || chart.isDisposed() || (start && Math.hypot(e.clientX - start.x, e.clientY - start.y) > 4)) return
    if (Date.now() - exemplarClickAt.current < 300) return
    const sel = pointAt(e)
    if (!sel) return
    chart.dispatchAction({ type: 'hideTip' })
    latest.current.onSelect(sel)
  }

  const onEvents = useMemo(
    () => ({
      click: (p: unknown) => {
        const params = p as SeriesClick
        if (params.seriesId === EXEMPLAR_SERIES_ID && params.data?.traceId) {
          exemplarClickAt.current = Date.now()
          latest.current.onOpenTrace(params.data.traceId)
        }
      },
      brushEnd: (p: unknown, chart: EChartsType) => {
        const range = (p as BrushEnd).areas?.[0]?.coordRange
        // connected charts echo the brush; only the chart that was pressed selects
        if (!range || !down.current) return
        const w = normalizeRange(range[0], range[1])
        chart.dispatchAction({ type: 'brush', areas: [] })
        if (w.to - w.from < latest.current.step / 2) return // a click, not a drag
        const lines = latest.current.input.lines
        const only = lines.length === 1 ? lines[0] : undefined
        const main = mainLine(lines)
        if (!main) return
        latest.current.onSelect({ metric: main.metric, labels: only ? only.labels : {}, point: false, ...w })
      },
      datazoom: (_p: unknown, chart: EChartsType) => {
        window.clearTimeout(zoomTimer.current)
        zoomTimer.current = window.setTimeout(() => {
          const dz = (chart.getOption() as { dataZoom?: { start?: number; end?: number; startValue?: number; endValue?: number }[] }).dataZoom?.[0]
          if (!dz) return
          const full = (dz.start ?? 0) <= 0 && (dz.end ?? 100) >= 100
          if (full || dz.startValue === undefined || dz.endValue === undefined) latest.current.onZoom(null)
          else latest.current.onZoom({ from: dz.startValue, to: dz.endValue })
        }, 250)
      },
    }),
    [],
  )

  return (
    <div
      ref={box}
      className="metrics-chart"
      tabIndex={0}
      role="application"
      aria-roledescription="chart"
      aria-label={`${ariaLabel}. Arrow keys move along the points, Shift with arrows selects a range, E steps through exemplars, Enter lists the traces.`}
      aria-describedby={hintId}
      onMouseDown={onMouseDown}
      onClick={onClick}
      onMouseMove={onMouseMove}
      onKeyDown={keys.onKeyDown}
      onFocus={keys.onFocus}
      onBlur={keys.onBlur}
    >
      <EChart option={shown} onEvents={onEvents} onReady={onReady} height={height} ariaLabel={ariaLabel} testId={testId} group={METRICS_CHART_GROUP} notMerge />
      <div className={`metrics-keys${keys.active ? ' metrics-keys-active' : ''}`} id={hintId} data-testid="chart-keys">
        {/* the tooltip shows the point; a screen reader hears it from here */}
        <span className="sr-only" aria-live="polite">{keys.active ? keys.status : ''}</span>
        <span className="metrics-keys-hint">{keyHint(input.lines.length, input.exemplars.length)}</span>
      </div>
    </div>
  )
}

import { plural } from '../../../../lib/format'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import type { EChartsType } from 'echarts/core'
import type { TraceSummary } from '../../../../domain/model'
import type { BrushRegion } from '../../../../domain/trace-search/results'
import { EChart } from '../../../../ui/chart/echart'
import { useTokens, type TokenSpec } from '../../../../ui/theme'
import { buildScatterOption } from '../../lib/search/scatter-option'
import type { ScatterColors } from '../../lib/search/scatter-option'

const COLORS = {
  ok: ['--accent', '#1f5fd1'],
  error: ['--crit', '#c21f2c'],
  fg: ['--fg', '#1b1f27'],
  muted: ['--fg-muted', '#505867'],
  grid: ['--chart-grid', '#e2e5ea'],
  bg: ['--bg-raised', '#ffffff'],
} as const satisfies TokenSpec

export interface TraceScatterProps {
  traces: TraceSummary[]
  window: { from: number; to: number }
  brush: BrushRegion | null
  onBrush: (b: BrushRegion | null) => void
  onOpen: (traceId: string) => void
  /** px */
  height?: number
}

type BrushArea = { coordRange?: [[number, number], [number, number]] }

/** Duration over time; a dot opens its trace, dragging a rectangle narrows the list below. */
export function TraceScatter({ traces, window, brush, onBrush, onOpen, height = 240 }: TraceScatterProps) {
  const colors: ScatterColors = useTokens(COLORS)
  const chartRef = useRef<EChartsType | null>(null)
  const option = useMemo(() => buildScatterOption(traces, window, colors), [traces, window, colors])

  const drawBrush = useCallback((chart: EChartsType, b: BrushRegion | null) => {
    chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'rect', brushMode: 'single' } })
    chart.dispatchAction({
      type: 'brush',
      areas: b
        ? [{ brushType: 'rect', xAxisIndex: 0, yAxisIndex: 0, coordRange: [[b.from, b.to], [b.minDuration / 1000, b.maxDuration / 1000]] }]
        : [],
    })
  }, [])

  useEffect(() => {
    if (chartRef.current) drawBrush(chartRef.current, brush)
  }, [brush, option, drawBrush])

  const onEvents = useMemo(
    () => ({
      click: (p: unknown) => {
        const name = (p as { name?: unknown }).name
        if (typeof name === 'string' && name) onOpen(name)
      },
      brushEnd: (p: unknown) => {
        const area = ((p as { areas?: BrushArea[] }).areas ?? [])[0]
        const r = area?.coordRange
        if (!r) return
        const [[x0, x1], [y0, y1]] = r
        onBrush({ from: Math.min(x0, x1), to: Math.max(x0, x1), minDuration: Math.min(y0, y1) * 1000, maxDuration: Math.max(y0, y1) * 1000 })
      },
      brush: (p: unknown) => {
        const e = p as { command?: string; areas?: unknown[] }
        if (e.command === 'clear' && brush) onBrush(null)
      },
    }),
    [onOpen, onBrush, brush],
  )

  return (
    <EChart
      option={option}
      onEvents={onEvents}
      onReady={(chart) => {
        chartRef.current = chart
        drawBrush(chart, brush)
      }}
      height={height}
      testId="trace-scatter"
      ariaLabel={`Duration over time of ${plural(traces.length, 'trace')}; triangles mark traces with errors. Drag to select a region; the list below has the same traces.`}
      notMerge
    />
  )
}

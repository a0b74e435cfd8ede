import { useEffect, useRef } from 'react'
import type { CSSProperties } from 'react'
import { connect, init, use as registerEchartsParts } from 'echarts/core'
import type { EChartsType } from 'echarts/core'
import type { EChartsOption } from 'echarts'
import { BarChart, CustomChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts'
import {
  AxisPointerComponent,
  BrushComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'
import { now } from '../../lib/clock'
import { formatZone } from '../../lib/format'
import { chartRegistry } from '../../lib/test-hooks'
import { useTheme } from '../theme'
import { useTimeZone } from '../time-zone/use-time-zone'

registerEchartsParts([
  LineChart, ScatterChart, BarChart, SankeyChart, CustomChart,
  GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, BrushComponent, ToolboxComponent,
  MarkLineComponent, MarkAreaComponent, MarkPointComponent, TitleComponent, AxisPointerComponent, VisualMapComponent,
  CanvasRenderer, SVGRenderer,
])

export type { EChartsOption }
export type ChartEventHandler = (params: unknown, chart: EChartsType) => void

export interface EChartProps {
  option: EChartsOption
  /** ECharts events, e.g. { click, brushSelected, datazoom } */
  onEvents?: Record<string, ChartEventHandler>
  /** called once the instance exists (e.g. to dispatch brush actions or connect charts) */
  onReady?: (chart: EChartsType) => void
  height: number
  /** name for screen readers; describe what the chart shows */
  ariaLabel: string
  /** used by end-to-end tests to find the instance */
  testId?: string
  renderer?: 'canvas' | 'svg'
  /** group id: charts of one group share cursor and zoom */
  group?: string
  style?: CSSProperties
  /** replace the whole option instead of merging (when series are removed) */
  notMerge?: boolean
}

const registry = chartRegistry

/**
 * The one owner of ECharts instances: init, setOption, resize, theme changes and dispose.
 * Features pass options built by pure functions.
 */
export function EChart({ option, onEvents, onReady, height, ariaLabel, testId, renderer = 'canvas', group, style, notMerge }: EChartProps) {
  const el = useRef<HTMLDivElement>(null)
  const chartRef = useRef<EChartsType | null>(null)
  const handlers = useRef(onEvents)
  const ready = useRef(onReady)
  const { theme } = useTheme()
  const zone = useTimeZone()
  useEffect(() => {
    handlers.current = onEvents
    ready.current = onReady
  })

  useEffect(() => {
    const node = el.current
    if (!node) return
    const chart = init(node, theme === 'dark' ? 'dark' : undefined, { renderer })
    chartRef.current = chart
    if (group) {
      chart.group = group
      connect(group) // one shared cursor, tooltip and zoom across the group
    }
    if (testId) registry()?.set(testId, chart)
    ready.current?.(chart)
    const ro = new ResizeObserver(() => chart.resize())
    ro.observe(node)
    return () => {
      ro.disconnect()
      if (testId && registry()?.get(testId) === chart) registry()?.delete(testId)
      chart.dispose()
      chartRef.current = null
    }
  }, [theme, renderer, group, testId])

  useEffect(() => {
    const chart = chartRef.current
    if (!chart) return
    // a chart drawn before the test hooks' registry existed (the synthetic backend's code loads
    // beside the first render) is registered with its first option after it
    const charts = testId ? registry() : undefined
    if (testId && charts && !charts.has(testId)) charts.set(testId, chart)
    // time axes read in the console's zone (ECharts: local unless useUTC)
    chart.setOption({ backgroundColor: 'transparent', useUTC: zone === 'utc', ...option }, { notMerge: notMerge ?? false, lazyUpdate: true })
  }, [option, theme, notMerge, zone, testId])

  const eventNames = Object.keys(onEvents ?? {}).join(',')
  useEffect(() => {
    const chart = chartRef.current
    if (!chart || !eventNames) return
    const names = eventNames.split(',')
    for (const name of names) {
      chart.on(name, (p: unknown) => handlers.current?.[name]?.(p, chart))
    }
    return () => {
      // on unmount the instance effect above has already disposed the chart
      if (chart.isDisposed()) return
      for (const name of names) chart.off(name)
    }
    // theme, renderer, group and testId rebuild the instance, so handlers are bound again
  }, [eventNames, theme, renderer, group, testId])

  // one element tree whatever the option, so the instance never loses its node
  return (
    <div className="chart-with-zone">
      <div ref={el} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height, ...style }} />
      {hasVisibleTimeAxis(option) ? (
        <span className="chart-zone" data-testid="chart-zone" title="Time zone of this chart's time axis (the console's setting, in the header)">
          {formatZone(now(), zone)}
        </span>
      ) : null}
    </div>
  )
}

/** True when the option draws a time x axis, whose labels then need their zone said. */
function hasVisibleTimeAxis(option: EChartsOption): boolean {
  const axes = Array.isArray(option.xAxis) ? option.xAxis : option.xAxis ? [option.xAxis] : []
  return axes.some((a) => a.type === 'time' && a.show !== false)
}

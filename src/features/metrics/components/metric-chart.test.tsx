import { act, fireEvent, render, screen } from '@testing-library/react'
import { getInstanceByDom } from 'echarts/core'
import { describe, expect, it, vi } from 'vitest'
import type { ChartLine } from '../../../domain/metrics/chart-lines'
import { ThemeProvider } from '../../../ui/theme'
import type { ChartOptionInput } from '../lib/chart-option'
import { MetricChart } from './metric-chart'

const STEP = 60_000
const FROM = Date.UTC(2026, 10, 23, 9, 0)
const TO = FROM + 60 * STEP

const line = (id: string): ChartLine => ({
  id,
  name: id,
  metric: 'error_rate',
  labels: {},
  color: '#3366cc',
  points: Array.from({ length: 60 }, (_, i): [number, number | null] => [FROM + i * STEP, 0.01]),
  weight: 2,
  dash: 'solid',
})

const input = (yesterday: ChartLine[]): ChartOptionInput => ({
  lines: [line('error_rate|')],
  yesterday,
  exemplars: [],
  changes: [],
  alerts: [],
  at: null,
  selection: null,
  zoom: null,
  window: { from: FROM, to: TO },
  palette: { fg: '#111', muted: '#666', grid: '#ddd', accent: '#36c', crit: '#c00', warn: '#c80', bg: '#fff' },
  formatValue: (v) => `${(v * 100).toFixed(1)} %`,
  formatTime: (ms) => new Date(ms).toISOString(),
  service: 'api-gateway',
})

const noop = () => undefined

function chart(yesterday: ChartLine[]) {
  return (
    <ThemeProvider>
      <MetricChart
        testId="metric-chart-error_rate"
        ariaLabel="Error rate of api-gateway"
        input={input(yesterday)}
        step={STEP}
        height={200}
        onSelect={noop}
        onZoom={noop}
        onOpenTrace={noop}
        onPreview={noop}
        onClear={noop}
        formatExemplar={(us) => `${us} µs`}
      />
    </ThemeProvider>
  )
}

const seriesIds = () => {
  const instance = getInstanceByDom(screen.getByTestId('metric-chart-error_rate'))
  const series = (instance?.getOption() as { series?: { id?: string }[] } | undefined)?.series ?? []
  return series.map((s) => String(s.id))
}

describe('MetricChart while the button is down', () => {
  it('keeps the option it was pressed with, so an answer arriving mid-drag does not cut the brush short, and draws the latest on release', () => {
    vi.useFakeTimers()
    try {
      const { rerender } = render(chart([]))
      act(() => vi.runOnlyPendingTimers())
      expect(seriesIds()).not.toContain('yesterday|error_rate|')

      fireEvent.mouseDown(screen.getByRole('application'), { button: 0, clientX: 100, clientY: 50 })
      // yesterday's line arrives while the drag is under way
      rerender(chart([line('error_rate|')]))
      act(() => vi.runOnlyPendingTimers())
      expect(seriesIds()).not.toContain('yesterday|error_rate|')

      fireEvent.mouseUp(window)
      act(() => vi.runOnlyPendingTimers())
      expect(seriesIds()).toContain('yesterday|error_rate|')
    } finally {
      vi.useRealTimers()
    }
  })

  it('draws an answer at once when no button is down', () => {
    const { rerender } = render(chart([]))
    rerender(chart([line('error_rate|')]))
    expect(seriesIds()).toContain('yesterday|error_rate|')
  })
})

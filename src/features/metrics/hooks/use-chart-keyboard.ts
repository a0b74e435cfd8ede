import { useEffect, useEffectEvent, useMemo, useState } from 'react'
import type { FocusEvent, KeyboardEvent, RefObject } from 'react'
import type { EChartsType } from 'echarts/core'
import type { ChartLine } from '../../../domain/metrics/chart-lines'
import { cursorWindow, cycleExemplar, jumpCursor, moveCursor, startCursor, switchLine, valuedPoints } from '../../../domain/metrics/chart-cursor'
import type { CursorState } from '../../../domain/metrics/chart-cursor'
import type { ThinnedExemplar } from '../../../domain/metrics/exemplars'
import type { ChartSelection, TimeWindow } from '../../../domain/metrics/selection'
import type { KeyboardMarks } from '../lib/chart-option'

export interface ChartKeyboardInput {
  chartRef: RefObject<EChartsType | null>
  lines: readonly ChartLine[]
  /** index of the first line series in the option (yesterday's lines come first) */
  seriesOffset: number
  exemplars: readonly ThinnedExemplar[]
  step: number
  /** the visible (zoomed) part of the window */
  view: TimeWindow
  /** start of the current selection: the cursor starts there */
  selectedFrom: number | null
  onSelect: (sel: ChartSelection, how: { keyboard: boolean }) => void
  onOpenTrace: (traceId: string) => void
  /** the cursor rests on a point: its traces may be asked for ahead */
  onPreview: (sel: ChartSelection) => void
  onClear: () => void
  formatValue: (v: number) => string
  formatExemplar: (us: number) => string
  formatTime: (ms: number) => string
}

export interface ChartKeyboard {
  /** marks to draw while the chart has keyboard focus */
  marks: KeyboardMarks | null
  /** the current point, range or exemplar in words (a live region reads it out) */
  status: string
  active: boolean
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void
  onFocus: (e: FocusEvent<HTMLElement>) => void
  onBlur: () => void
}

const PAGE = 10
/** How long the cursor rests on a point before its traces are asked for. */
const PREVIEW_MS = 250

const isFocusVisible = (el: Element) => {
  try {
    return el.matches(':focus-visible')
  } catch {
    return true
  }
}

/**
 * The keyboard path through a metric chart: arrows move a cursor point by point (Up/Down change
 * line), Shift+arrows extend a range, E cycles through exemplars, Enter drills into the point or
 * range (or opens the exemplar's trace), Escape steps back. Logic lives in domain/metrics/chart-cursor.
 */
export function useChartKeyboard(k: ChartKeyboardInput): ChartKeyboard {
  const [cursor, setCursor] = useState<CursorState | null>(null)
  const [exemplar, setExemplar] = useState<number | null>(null)
  const [active, setActive] = useState(false)
  const mainLine = k.lines.find((l) => l.weight === 2) ?? k.lines[0]
  const line = (cursor && k.lines.find((l) => l.id === cursor.lineId)) ?? mainLine
  const cur = cursor && line && cursor.lineId === line.id ? cursor : null
  const pts = line ? valuedPoints(line) : []
  const point = cur ? pts[cur.index] ?? null : null
  const win = cur && line ? cursorWindow(cur, line, k.step) : null
  const ex = exemplar !== null ? k.exemplars[exemplar] ?? null : null

  // rebuilt only when the cursor, the exemplar or the data change, so the option is too
  const { step, exemplars } = k
  const marks = useMemo<KeyboardMarks | null>(() => {
    if (!active) return null
    const e = exemplar !== null ? exemplars[exemplar] : undefined
    if (e) return { point: null, draft: null, exemplar: [e.time, e.latency] }
    if (!cursor || !line || cursor.lineId !== line.id) return { point: null, draft: null, exemplar: null }
    const p = valuedPoints(line)[cursor.index]
    const w = cursorWindow(cursor, line, step)
    return { point: p ?? null, draft: w && !w.point ? { from: w.from, to: w.to } : null, exemplar: null }
  }, [active, cursor, exemplar, exemplars, line, step])

  // the tooltip follows the cursor once the chart has drawn the marks
  const tipKey = active ? (ex ? `e${exemplar}` : point ? `p${line?.id}:${point[0]}` : '') : ''
  const showTip = useEffectEvent(() => {
    const chart = k.chartRef.current
    if (!chart || chart.isDisposed()) return
    const lineIndex = line ? k.lines.indexOf(line) : -1
    if (ex && exemplar !== null) {
      chart.dispatchAction({ type: 'showTip', seriesIndex: k.seriesOffset + k.lines.length, dataIndex: exemplar })
    } else if (point && line && lineIndex >= 0) {
      const px: unknown = chart.convertToPixel({ seriesIndex: k.seriesOffset + lineIndex }, point)
      if (Array.isArray(px)) chart.dispatchAction({ type: 'showTip', x: Number(px[0]), y: Number(px[1]) })
    }
  })
  useEffect(() => {
    if (!tipKey) return
    const id = requestAnimationFrame(() => requestAnimationFrame(() => showTip()))
    return () => cancelAnimationFrame(id)
  }, [tipKey])

  // a cursor resting on a point asks for its traces ahead of Enter
  const restKey = active && !ex && point && line ? `${line.id}:${point[0]}` : ''
  const preview = useEffectEvent(() => {
    if (line && point) k.onPreview({ metric: line.metric, labels: line.labels, point: true, from: point[0], to: point[0] + k.step })
  })
  useEffect(() => {
    if (!restKey) return
    const id = window.setTimeout(() => preview(), PREVIEW_MS)
    return () => window.clearTimeout(id)
  }, [restKey])

  const begin = (): CursorState | null => cur ?? (line ? startCursor(line, k.view, k.selectedFrom) : null)

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || !line) return
    const c = begin()
    let handled = true
    switch (e.key) {
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'PageUp':
      case 'PageDown': {
        const size = e.key.startsWith('Page') ? PAGE : 1
        const dir = e.key === 'ArrowLeft' || e.key === 'PageUp' ? -1 : 1
        setExemplar(null)
        // the first press shows where the cursor is; later ones move it
        if (c) setCursor(cur && active ? moveCursor(c, line, dir * size, k.view, e.shiftKey) : { ...c, anchor: e.shiftKey ? c.index : null })
        break
      }
      case 'Home':
      case 'End':
        setExemplar(null)
        if (c) setCursor(jumpCursor(c, line, e.key === 'Home' ? 'first' : 'last', k.view, e.shiftKey))
        break
      case 'ArrowUp':
      case 'ArrowDown':
        setExemplar(null)
        if (c) setCursor(k.lines.length > 1 ? switchLine(c, k.lines, e.key === 'ArrowUp' ? -1 : 1) : c)
        break
      case 'e':
      case 'E': {
        const i = cycleExemplar(k.exemplars, exemplar, e.shiftKey ? -1 : 1, point ? point[0] : null)
        if (i >= 0) setExemplar(i)
        else handled = false
        break
      }
      case 'Enter':
      case ' ':
        if (ex) k.onOpenTrace(ex.traceId)
        else if (c) {
          const w = cursorWindow(c, line, k.step)
          if (w) {
            setCursor(c)
            k.onSelect({ metric: line.metric, labels: line.labels, from: w.from, to: w.to, point: w.point }, { keyboard: true })
          }
        }
        break
      case 'Escape':
        if (ex) setExemplar(null)
        else if (cur?.anchor != null) setCursor({ ...cur, anchor: null })
        else if (k.selectedFrom !== null) k.onClear()
        else {
          setCursor(null)
          k.chartRef.current?.dispatchAction({ type: 'hideTip' })
        }
        break
      default:
        handled = false
    }
    if (handled) {
      e.preventDefault()
      setActive(true)
    }
  }

  const onFocus = (e: FocusEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget || !isFocusVisible(e.currentTarget)) return
    setActive(true)
    if (!cur && line) setCursor(startCursor(line, k.view, k.selectedFrom))
  }
  const onBlur = () => {
    setActive(false)
    k.chartRef.current?.dispatchAction({ type: 'hideTip' })
  }

  let status = ''
  if (ex && exemplar !== null) {
    status = `Exemplar ${exemplar + 1} of ${k.exemplars.length}: ${k.formatExemplar(ex.latency)}${ex.isError ? ', failed' : ''}, at ${k.formatTime(ex.time)}. Enter opens the trace.`
  } else if (win && !win.point) {
    status = `Range ${k.formatTime(win.from)} – ${k.formatTime(win.to)}. Enter lists its traces.`
  } else if (point && line) {
    status = `${line.name} ${k.formatValue(point[1])} at ${k.formatTime(point[0])}. Enter lists its traces.`
  }
  return { marks, status, active, onKeyDown, onFocus, onBlur }
}

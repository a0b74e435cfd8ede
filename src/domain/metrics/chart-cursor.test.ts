import type { ChartLine } from './chart-lines'
import type { ThinnedExemplar } from './exemplars'
import type { CursorState } from './chart-cursor'
import { cursorWindow, cycleExemplar, jumpCursor, moveCursor, nearestIndex, startCursor, switchLine, valuedPoints } from './chart-cursor'

const STEP = 10_000
const line = (id: string, values: (number | null)[]): ChartLine => ({
  id,
  name: id,
  metric: 'error_rate',
  labels: {},
  color: '#000000',
  dash: 'solid',
  points: values.map((v, i) => [i * STEP, v]),
  weight: 2,
})

// points at 0, 10 s, (gap at 20 s), 30 s, 40 s, 50 s
const main = line('error_rate|', [0.1, 0.2, null, 0.5, 0.3, 0.1])

describe('chart cursor', () => {
  it('steps over gaps: the cursor only visits points with a value', () => {
    expect(valuedPoints(main).map(([t]) => t)).toEqual([0, 10_000, 30_000, 40_000, 50_000])
    const c = moveCursor({ lineId: main.id, index: 1, anchor: null }, main, 1, null)
    expect(valuedPoints(main)[c.index]?.[0]).toBe(30_000)
  })

  it('starts at the latest visible point, or at the selection when it is visible', () => {
    expect(startCursor(main, null, null)?.index).toBe(4)
    expect(startCursor(main, { from: 0, to: 35_000 }, null)?.index).toBe(2)
    expect(startCursor(main, null, 9_000)?.index).toBe(1)
    // a selection outside the zoomed part does not pull the cursor out of view
    expect(startCursor(main, { from: 30_000, to: 50_000 }, 0)?.index).toBe(4)
    expect(startCursor(line('empty', [null, null]), null, null)).toBeNull()
  })

  it('stops at the ends of the visible part', () => {
    const view = { from: 10_000, to: 40_000 }
    let c: CursorState = { lineId: main.id, index: 2, anchor: null }
    c = moveCursor(c, main, 5, view)
    expect(c.index).toBe(3)
    c = moveCursor(c, main, -10, view)
    expect(c.index).toBe(1)
    expect(jumpCursor(c, main, 'last', null).index).toBe(4)
    expect(jumpCursor(c, main, 'first', view).index).toBe(1)
  })

  it('extends a range from where Shift was first held, and a plain move drops it', () => {
    let c: CursorState = { lineId: main.id, index: 1, anchor: null }
    c = moveCursor(c, main, 1, null, true)
    c = moveCursor(c, main, 1, null, true)
    expect(c).toEqual({ lineId: main.id, index: 3, anchor: 1 })
    // the range covers the anchor's step to the end of the cursor's step
    expect(cursorWindow(c, main, STEP)).toEqual({ from: 10_000, to: 50_000, point: false })
    // extending backwards past the anchor
    c = moveCursor(c, main, -3, null, true)
    expect(cursorWindow(c, main, STEP)).toEqual({ from: 0, to: 20_000, point: false })
    c = moveCursor(c, main, 1, null)
    expect(c.anchor).toBeNull()
    expect(cursorWindow(c, main, STEP)).toEqual({ from: 10_000, to: 20_000, point: true })
  })

  it('moves to another line at the nearest point in time', () => {
    const other = line('latency_p95|', [1, 2, 3, 4, 5, 6])
    const c = switchLine({ lineId: main.id, index: 2, anchor: 1 }, [main, other], 1)
    expect(c).toEqual({ lineId: other.id, index: 3, anchor: null })
    // at the last line, it stays
    expect(switchLine(c, [main, other], 1).lineId).toBe(other.id)
  })

  it('finds the nearest point', () => {
    expect(nearestIndex([[0, 1], [10, 1], [20, 1]], 14)).toBe(1)
    expect(nearestIndex([[0, 1], [10, 1], [20, 1]], 15)).toBe(1)
    expect(nearestIndex([], 5)).toBe(-1)
  })

  it('cycles exemplars in time order from where the cursor is, wrapping around', () => {
    const ex = [5_000, 25_000, 45_000].map((time, i): ThinnedExemplar => ({ traceId: `t${i}`, spanId: `s${i}`, service: 'a', operation: 'op', time, latency: 1000, isError: false, labels: {}, cellCount: 1 }))
    expect(cycleExemplar(ex, null, 1, 20_000)).toBe(1)
    expect(cycleExemplar(ex, null, -1, 20_000)).toBe(0)
    expect(cycleExemplar(ex, null, 1, 50_000)).toBe(0)
    expect(cycleExemplar(ex, 2, 1, null)).toBe(0)
    expect(cycleExemplar(ex, 0, -1, null)).toBe(2)
    expect(cycleExemplar([], null, 1, 0)).toBe(-1)
  })
})

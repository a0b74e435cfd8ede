import { afterEach, describe, expect, it, vi } from 'vitest'
import { TraceProgressStore } from './progress-store'
import { traceKey } from './trace-key'
import { span } from '../../domain/trace/fixtures.test-util'

afterEach(() => vi.useRealTimers())

const k = (id: string) => traceKey('s', id)

describe('trace load progress', () => {
  it('tells listeners at most every 250 ms while a trace loads, then once when it is done', () => {
    vi.useFakeTimers()
    const store = new TraceProgressStore()
    const heard: (number | null)[] = []
    const stop = store.subscribe(() => heard.push(store.get(k('t'))?.spans ?? null))
    vi.advanceTimersByTime(1000)
    store.report(k('t'), { spans: 10, total: 100 })
    store.report(k('t'), { spans: 20, total: 100 })
    store.report(k('t'), { spans: 30, total: 100 })
    expect(heard).toEqual([10])
    vi.advanceTimersByTime(150)
    expect(heard).toEqual([10])
    vi.advanceTimersByTime(100)
    expect(heard).toEqual([10, 30])
    store.clear(k('t'))
    expect(heard).toEqual([10, 30, null])
    expect(store.get(k('t'))).toBeNull()
    stop()
    store.report(k('t'), { spans: 1, total: 2 })
    vi.advanceTimersByTime(200)
    expect(heard).toHaveLength(3)
  })

  it('keeps the last state of a loaded trace (its first rows stay on screen) and tells listeners at once', async () => {
    const store = new TraceProgressStore()
    const heard: (number | null)[] = []
    const stop = store.subscribe(() => heard.push(store.get(k('done'))?.spans ?? null))
    store.report(k('done'), { spans: 10, total: 100 })
    store.report(k('done'), { spans: 100, total: 100 })
    const painted = store.finish(k('done'))
    // heard at once, not after the 250 ms throttle
    expect(heard[heard.length - 1]).toBe(100)
    await painted
    expect(store.get(k('done'))?.spans).toBe(100)
    stop()
  })

  it('tells listeners at once when the first rows come, and when the trace failed, without waiting for the throttle', () => {
    vi.useFakeTimers()
    const store = new TraceProgressStore()
    const heard: string[] = []
    const stop = store.subscribe(() => {
      const p = store.get(k('rows'))
      heard.push(`${p?.spans ?? '-'}:${p?.preview?.rows.length ?? 0}${p?.failed ? ':failed' : ''}`)
    })
    vi.advanceTimersByTime(1000)
    const rows = { rows: [], start: 0, end: 1 }
    store.report(k('rows'), { spans: 0, total: 100, preview: null })
    store.report(k('rows'), { spans: 50, total: 100, preview: { ...rows, rows: new Array(3).fill(null) } })
    expect(heard).toEqual(['0:0', '50:3'])
    store.report(k('rows'), { spans: 60, total: 100, preview: { ...rows, rows: new Array(3).fill(null) } })
    store.report(k('rows'), { spans: 60, total: 100, failed: 'stopped' })
    expect(heard).toEqual(['0:0', '50:3', '60:0:failed'])
    vi.advanceTimersByTime(300)
    expect(heard).toHaveLength(3)
    stop()
  })

  it('keeps only the last few traces', () => {
    const store = new TraceProgressStore()
    for (let i = 0; i < 10; i++) store.report(k(`t${i}`), { spans: i, total: 10 })
    expect(store.get(k('t0'))).toBeNull()
    expect(store.get(k('t9'))?.spans).toBe(9)
  })

  it('is one store per loader: what one client loads is not heard by another', () => {
    const a = new TraceProgressStore()
    const b = new TraceProgressStore()
    let heardByB = 0
    b.subscribe(() => heardByB++)
    a.report(k('t'), { spans: 1, total: 2 })
    expect(b.get(k('t'))).toBeNull()
    expect(heardByB).toBe(0)
  })

  it('tells a file reader once a view has read a trace’s first rows and a frame passed, whether it asked before or after, and at the latest after its wait', async () => {
    vi.useFakeTimers()
    const store = new TraceProgressStore()
    const preview = { rows: [{ span: span('r', null, 0, 10), depth: 0, start: 0, skewShift: 0, isError: false, hasChildren: false }], start: 0, end: 10 }
    const settled: string[] = []
    for (const id of ['a', 'b', 'never', 'counted']) store.report(k(id), { spans: 1, total: 9, preview: id === 'counted' ? null : preview })
    void store.firstRowsDrawn(k('a'), 800).then(() => settled.push('a'))
    void store.firstRowsDrawn(k('never'), 800).then(() => settled.push('never'))
    // a view reading progress without rows does not count
    store.get(k('counted'))
    void store.firstRowsDrawn(k('counted'), 800).then(() => settled.push('counted'))
    store.get(k('a'))
    store.get(k('b'))
    void store.firstRowsDrawn(k('b'), 800).then(() => settled.push('b'))
    await vi.advanceTimersByTimeAsync(100)
    expect(settled.sort()).toEqual(['a', 'b'])
    await vi.advanceTimersByTimeAsync(800)
    expect(settled.sort()).toEqual(['a', 'b', 'counted', 'never'])
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearTraceProgress, finishTraceProgress, reportTraceProgress, subscribeTraceProgress, traceProgress, traceRowsShown, whenTraceRowsShown } from './trace-progress'

afterEach(() => vi.useRealTimers())

describe('trace load progress', () => {
  it('tells listeners at most every 250 ms while a trace loads, then once when it is done', () => {
    vi.useFakeTimers()
    const heard: (number | null)[] = []
    const stop = subscribeTraceProgress(() => heard.push(traceProgress('s|t')?.spans ?? null))
    vi.advanceTimersByTime(1000)
    reportTraceProgress('s|t', { spans: 10, total: 100 })
    reportTraceProgress('s|t', { spans: 20, total: 100 })
    reportTraceProgress('s|t', { spans: 30, total: 100 })
    expect(heard).toEqual([10])
    vi.advanceTimersByTime(150)
    expect(heard).toEqual([10])
    vi.advanceTimersByTime(100)
    expect(heard).toEqual([10, 30])
    clearTraceProgress('s|t')
    expect(heard).toEqual([10, 30, null])
    expect(traceProgress('s|t')).toBeNull()
    stop()
    reportTraceProgress('s|t', { spans: 1, total: 2 })
    vi.advanceTimersByTime(200)
    expect(heard).toHaveLength(3)
    clearTraceProgress('s|t')
  })

  it('keeps the last state of a loaded trace (its first rows stay on screen) and tells listeners at once', async () => {
    const heard: (number | null)[] = []
    const stop = subscribeTraceProgress(() => heard.push(traceProgress('s|done')?.spans ?? null))
    reportTraceProgress('s|done', { spans: 10, total: 100 })
    reportTraceProgress('s|done', { spans: 100, total: 100 })
    const painted = finishTraceProgress('s|done')
    // heard at once, not after the 250 ms throttle
    expect(heard[heard.length - 1]).toBe(100)
    await painted
    expect(traceProgress('s|done')?.spans).toBe(100)
    stop()
  })

  it('tells listeners at once when the first rows come, and when the trace failed, without waiting for the throttle', () => {
    vi.useFakeTimers()
    const heard: string[] = []
    const stop = subscribeTraceProgress(() => {
      const p = traceProgress('s|rows')
      heard.push(`${p?.spans ?? '-'}:${p?.preview?.rows.length ?? 0}${p?.failed ? ':failed' : ''}`)
    })
    vi.advanceTimersByTime(1000)
    const rows = { rows: [], start: 0, end: 1 }
    reportTraceProgress('s|rows', { spans: 0, total: 100, preview: null })
    reportTraceProgress('s|rows', { spans: 50, total: 100, preview: { ...rows, rows: new Array(3).fill(null) } })
    expect(heard).toEqual(['0:0', '50:3'])
    reportTraceProgress('s|rows', { spans: 60, total: 100, preview: { ...rows, rows: new Array(3).fill(null) } })
    reportTraceProgress('s|rows', { spans: 60, total: 100, failed: 'stopped' })
    expect(heard).toEqual(['0:0', '50:3', '60:0:failed'])
    vi.advanceTimersByTime(300)
    expect(heard).toHaveLength(3)
    stop()
    clearTraceProgress('s|rows')
  })

  it('keeps only the last few traces', () => {
    for (let i = 0; i < 10; i++) reportTraceProgress(`s|t${i}`, { spans: i, total: 10 })
    expect(traceProgress('s|t0')).toBeNull()
    expect(traceProgress('s|t9')?.spans).toBe(9)
    for (let i = 0; i < 10; i++) clearTraceProgress(`s|t${i}`)
  })

  it('tells a file reader when the first rows are painted, whether it asked before or after, and at the latest after its wait', async () => {
    vi.useFakeTimers()
    const settled: string[] = []
    void whenTraceRowsShown('s|a', 800).then(() => settled.push('a'))
    void whenTraceRowsShown('s|never', 800).then(() => settled.push('never'))
    traceRowsShown('s|a')
    traceRowsShown('s|b')
    void whenTraceRowsShown('s|b', 800).then(() => settled.push('b'))
    await vi.advanceTimersByTimeAsync(0)
    expect(settled).toEqual(['a', 'b'])
    await vi.advanceTimersByTimeAsync(800)
    expect(settled).toEqual(['a', 'b', 'never'])
  })
})

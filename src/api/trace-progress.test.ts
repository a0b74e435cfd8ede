import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearTraceProgress, reportTraceProgress, subscribeTraceProgress, traceProgress } from './trace-progress'

afterEach(() => vi.useRealTimers())

describe('trace load progress', () => {
  it('tells listeners at most every 100 ms while a trace loads, then once when it is done', () => {
    vi.useFakeTimers()
    const heard: (number | null)[] = []
    const stop = subscribeTraceProgress(() => heard.push(traceProgress('s|t')?.spans ?? null))
    vi.advanceTimersByTime(1000)
    reportTraceProgress('s|t', { spans: 10, total: 100 })
    reportTraceProgress('s|t', { spans: 20, total: 100 })
    reportTraceProgress('s|t', { spans: 30, total: 100 })
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
})

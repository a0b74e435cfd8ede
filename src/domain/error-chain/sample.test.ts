import { describe, expect, it } from 'vitest'
import { DAY_MS, pickSample, yesterdayOf } from './sample'

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ traceId: `t${i}`, startTime: (n - i) * 10 }))

describe('pickSample', () => {
  it('keeps everything when the window has fewer traces than the sample size, in time order', () => {
    expect(pickSample(items(3), 10).map((t) => t.startTime)).toEqual([10, 20, 30])
  })
  it('spreads a bounded sample evenly over the whole window', () => {
    const picked = pickSample(items(1000), 100)
    expect(picked).toHaveLength(100)
    expect(picked[0]?.startTime).toBe(10)
    expect(picked[99]?.startTime).toBeGreaterThan(9800)
    expect(new Set(picked.map((t) => t.traceId)).size).toBe(100)
  })
  it('shifts the window by one day for the baseline', () => {
    expect(yesterdayOf({ from: DAY_MS + 5, to: DAY_MS + 9 })).toEqual({ from: 5, to: 9 })
  })
})

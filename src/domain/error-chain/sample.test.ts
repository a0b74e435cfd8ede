import { describe, expect, it } from 'vitest'
import { DAY_MS, pickSample, spreadOrder, yesterdayOf } from './sample'

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

describe('spreadOrder', () => {
  it('is a permutation of the sample', () => {
    for (const n of [0, 1, 2, 3, 7, 64, 300]) {
      const xs = Array.from({ length: n }, (_, i) => i)
      expect([...spreadOrder(xs)].sort((a, b) => a - b)).toEqual(xs)
    }
  })

  it('spreads every prefix over the whole window: the first tenth of 300 traces in time order has three in each tenth of the window', () => {
    const order = spreadOrder(Array.from({ length: 300 }, (_, i) => i))
    expect(order.slice(0, 4)).toEqual([0, 256, 128, 64])
    for (const k of [30, 60, 150]) {
      const perTenth = new Array<number>(10).fill(0)
      for (const i of order.slice(0, k)) perTenth[Math.floor(i / 30)]++
      for (const c of perTenth) expect(Math.abs(c - k / 10)).toBeLessThanOrEqual(k / 10 / 2 + 1)
    }
  })
})

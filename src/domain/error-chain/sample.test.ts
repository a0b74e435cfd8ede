import { describe, expect, it } from 'vitest'
import { DAY_MS, spreadOrder, yesterdayOf } from './sample'

describe('yesterdayOf', () => {
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

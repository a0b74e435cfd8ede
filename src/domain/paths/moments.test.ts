import { describe, expect, it } from 'vitest'
import { weightedQuantiles } from './moments'

/** The definition, written plainly: sort (value, weight) pairs by value, walk the cumulative weight. */
function reference(values: number[], weights: number[], qs: number[]): number[] {
  const pairs = values.map((v, i) => [v, weights[i] ?? 0] as const).sort((a, b) => a[0] - b[0])
  const total = pairs.reduce((s, p) => s + p[1], 0)
  return qs.map((q) => {
    let acc = 0
    for (let k = 0; k < pairs.length; k++) {
      const [v, w] = pairs[k] as readonly [number, number]
      if (k === pairs.length - 1 || acc + w >= q * total) return v
      acc += w
    }
    return NaN
  })
}

function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('weighted quantiles', () => {
  const qs = [0.5, 0.9, 0.99]
  it('follow the definition for whole µs values, with ties and unequal weights', () => {
    const r = rng(7)
    for (const n of [1, 2, 17, 1000, 5000]) {
      const values = Array.from({ length: n }, () => Math.floor(r() * 50) * 1000)
      const weights = Array.from({ length: n }, () => [1, 10, 1000][Math.floor(r() * 3)] ?? 1)
      expect(weightedQuantiles(Float64Array.from(values), Float64Array.from(weights), qs)).toEqual(reference(values, weights, qs))
    }
  })

  it('follow the definition for fractional, negative and very large values', () => {
    const r = rng(11)
    for (const make of [() => r() * 1000, () => (r() - 0.5) * 1000, () => Math.floor(r() * 2 ** 52)]) {
      const values = Array.from({ length: 3000 }, make)
      const weights = Array.from({ length: 3000 }, () => 1 + Math.floor(r() * 5))
      expect(weightedQuantiles(Float64Array.from(values), Float64Array.from(weights), qs)).toEqual(reference(values, weights, qs))
    }
  })

  it('are NaN without values', () => {
    expect(weightedQuantiles(new Float64Array(0), new Float64Array(0), qs)).toEqual([NaN, NaN, NaN])
  })
})

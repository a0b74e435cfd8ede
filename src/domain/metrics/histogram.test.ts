import { bucketIndex, bucketLower, bucketUpper, histogramQuantile, HistogramSum, mergeHistograms } from './histogram'
import type { Histogram } from './histogram'

/** A schema-4 histogram of n values spread evenly (in log scale) between a and b. */
function logUniform(a: number, b: number, n: number): Histogram {
  const sum = new HistogramSum(4)
  for (let k = 0; k < n; k++) sum.addToBucket(bucketIndex(a * (b / a) ** ((k + 0.5) / n), 4), 1)
  return sum.toHistogram()
}

describe('exponential-bucket histograms', () => {
  it('places a value in the bucket (base^(i-1), base^i], boundaries included on the upper side', () => {
    for (const v of [1, 2, 1000, 1234.5, 2 ** 10.25]) {
      const i = bucketIndex(v, 4)
      expect(bucketLower(i, 4)).toBeLessThan(v)
      expect(bucketUpper(i, 4)).toBeGreaterThanOrEqual(v * (1 - 1e-12))
    }
    expect(bucketIndex(1024, 4)).toBe(160)
  })

  it('takes quantiles within the bucket width of the exact value', () => {
    const h = logUniform(1000, 100_000, 100_000)
    for (const q of [0.1, 0.5, 0.9, 0.99]) {
      const exact = 1000 * 100 ** q
      expect(Math.abs((histogramQuantile(h, q) ?? 0) - exact) / exact).toBeLessThan(0.01)
    }
  })

  it('merges before taking the quantile: two windows, one with a slow minority', () => {
    const quiet = logUniform(1000, 2000, 9_000)
    const slow = logUniform(50_000, 60_000, 1_000)
    const merged = mergeHistograms([quiet, slow])
    expect(merged).not.toBeNull()
    // 10 % of the calls are slow: the merged p95 sits among them, the mean of both p95s would not
    const p95 = histogramQuantile(merged ?? quiet, 0.95) ?? 0
    expect(p95).toBeGreaterThan(50_000)
    expect(p95).toBeLessThan(60_000)
    expect(histogramQuantile(merged ?? quiet, 0.5) ?? 0).toBeLessThan(2000)
  })

  it('weights merged histograms by their counts and refuses mixed schemas', () => {
    const a = logUniform(1000, 1001, 10)
    const b = logUniform(9000, 9001, 10)
    const sum = new HistogramSum(4).add(a, 9).add(b, 1)
    expect(histogramQuantile(sum.toHistogram(), 0.85) ?? 0).toBeLessThan(1100)
    expect(histogramQuantile(sum.toHistogram(), 0.95) ?? 0).toBeGreaterThan(8500)
    expect(() => new HistogramSum(3).add(a)).toThrow(/schema/)
  })

  it('has no quantile when empty', () => {
    expect(histogramQuantile({ schema: 4, offset: 0, counts: [] }, 0.99)).toBeNull()
    expect(histogramQuantile({ schema: 4, offset: 3, counts: [0, 0] }, 0.5)).toBeNull()
  })
})

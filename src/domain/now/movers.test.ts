import { describe, expect, it } from 'vitest'
import { errorRateMovers, latencyMovers, MIN_CALLS } from './movers'
import type { ServiceFigures } from './movers'

const f = (service: string, rps: number, errorRate: number, p99 = 10_000): ServiceFigures => ({ service, rps, errorRate, p99 })

describe('services that moved against yesterday', () => {
  it('lists an error-rate change only beyond chance, the strongest first', () => {
    const now = [f('busy', 100, 0.02), f('quiet', 0.01, 0.5), f('steady', 100, 0.0101), f('panics', 10, 0.3)]
    const then = [f('busy', 100, 0.01), f('quiet', 0.01, 0), f('steady', 100, 0.01), f('panics', 10, 0.001)]
    // 30 minutes: busy has 180,000 calls a side (1 → 2 % is far beyond chance); quiet has 18 calls
    // a side (9 failures against none: 3.5 standard errors, not enough); steady's 0.01 point is noise
    const movers = errorRateMovers(now, then, 1800)
    expect(movers.map((m) => m.service)).toEqual(['panics', 'busy'])
    expect(movers[0]?.callsNow).toBe(18_000)
    expect(movers.every((m) => m.strength > 0)).toBe(true)
  })

  it('skips services new today, and those whose source reports no error counts', () => {
    const unknown = { ...f('opaque', 100, 0), errorsUnknown: true }
    expect(errorRateMovers([f('new', 100, 0.5), unknown], [{ ...unknown, errorRate: 0.4 }], 1800)).toEqual([])
  })

  it('lists p99 changes of 30 % or more either way, on enough calls each side', () => {
    const now = [f('slower', 10, 0, 100_000), f('faster', 10, 0, 5_000), f('same', 10, 0, 11_000), f('rare', 0.05, 0, 900_000)]
    const then = [f('slower', 10, 0, 10_000), f('faster', 10, 0, 10_000), f('same', 10, 0, 10_000), f('rare', 0.05, 0, 10_000)]
    const movers = latencyMovers(now, then, 1800)
    expect(movers.map((m) => m.service)).toEqual(['slower', 'faster'])
    expect(movers[0]?.strength).toBe(10)
    // 'rare' has 90 calls a side, fewer than the calls a p99 needs here
    expect(0.05 * 1800).toBeLessThan(MIN_CALLS)
  })
})

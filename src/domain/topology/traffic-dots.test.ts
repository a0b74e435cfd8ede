import { describe, expect, it } from 'vitest'
import { areaBudget, budgetScale, dotSpan, forEachDot, spacedRate, isRedDot, pathLength, phaseOf, pointOnPath, redShare, spawnRate, travelSeconds } from './traffic-dots'

describe('spawn schedule', () => {
  it('sends more dots on busier calls, on a log scale, and none without traffic', () => {
    expect(spawnRate(0)).toBe(0)
    expect(spawnRate(Number.NaN)).toBe(0)
    const [a, b, c] = [spawnRate(1), spawnRate(100), spawnRate(10_000)]
    expect(a).toBeLessThan(b)
    expect(b).toBeLessThan(c)
    // 100× the traffic is far less than 100× the dots
    expect(c / a).toBeLessThan(10)
    expect(spawnRate(1e12)).toBe(6)
  })
  it('moves dots at one speed, within 1–5 s per edge', () => {
    expect(travelSeconds(220)).toBeCloseTo(2)
    expect(travelSeconds(5)).toBe(1)
    expect(travelSeconds(5000)).toBe(5)
  })
  it('visits exactly the dots in flight, each with how far along it is', () => {
    const seen: { k: number; f: number }[] = []
    const count = forEachDot(10, 2, 1.5, 0, (k, f) => seen.push({ k, f }))
    // dots leave at k / 2 s: those that left in (8.5, 10] are in flight
    expect(seen.map((d) => d.k)).toEqual([18, 19, 20])
    expect(count).toBe(3)
    expect(seen[0].f).toBeCloseTo(2 / 3)
    expect(seen[2].f).toBe(0)
    for (const d of seen) {
      expect(d.f).toBeGreaterThanOrEqual(0)
      expect(d.f).toBeLessThan(1)
    }
    expect(forEachDot(10, 0, 1.5, 0, () => undefined)).toBe(0)
    expect(dotSpan(10, 2, 1.5, 0, { first: 0, last: 0 })).toEqual({ first: 18, last: 20 })
    const none = dotSpan(10, 0, 1.5, 0, { first: 0, last: 0 })
    expect(none.last).toBeLessThan(none.first)
  })
  it('keeps the number in flight close to rate × travel at any time and phase', () => {
    for (const t of [0.3, 7.77, 1234.5]) {
      const n = forEachDot(t, 2.7, 1.9, phaseOf('a->b'), () => undefined)
      expect(n === Math.floor(2.7 * 1.9) || n === Math.ceil(2.7 * 1.9)).toBe(true)
    }
  })
  it('scales every rate down to stay within the dot budget', () => {
    expect(budgetScale(500, 1500)).toBe(1)
    expect(budgetScale(3000, 1500)).toBe(0.5)
  })
  it('allows fewer dots when the graph covers a small part of the screen', () => {
    expect(areaBudget(200 * 400, 1500, 400)).toBe(200)
    expect(areaBudget(1000 * 600, 1500, 400)).toBe(1500)
    expect(areaBudget(-5, 1500, 400)).toBe(0)
  })
  it('keeps dots apart on short or zoomed-out edges', () => {
    // 300 px at 2 s with 12 px gaps allows 12.5 dots/s: the rate stands
    expect(spacedRate(3, 300, 2, 12)).toBe(3)
    // 24 px drawn: at most 2 dots in flight over 2 s, so 1 dot/s
    expect(spacedRate(3, 24, 2, 12)).toBe(1)
    expect(spacedRate(3, 0, 2, 12)).toBe(0)
  })
  it('gives each edge its own stable phase', () => {
    expect(phaseOf('a->b')).toBe(phaseOf('a->b'))
    expect(phaseOf('a->b')).not.toBe(phaseOf('a->c'))
    expect(phaseOf('x')).toBeGreaterThanOrEqual(0)
    expect(phaseOf('x')).toBeLessThan(1)
  })
})

describe('red share', () => {
  const reds = (share: number, from: number, n: number) => Array.from({ length: n }, (_, i) => isRedDot(from + i, share)).filter(Boolean).length
  it('makes the error rate the share of red dots, spread evenly', () => {
    expect(reds(0.25, 0, 100)).toBe(25)
    expect(reds(0.105, 0, 1000)).toBe(105)
    // any 10 dots in a row hold 1 or 2 red ones at 10.5 %
    for (let k = 0; k < 200; k++) expect([1, 2]).toContain(reds(0.105, k, 10))
    expect(reds(0, 0, 100)).toBe(0)
    expect(reds(1, 0, 10)).toBe(10)
  })
  it('shows at least one red dot in flight on a call the errors overlay flags', () => {
    // 2 % errors with 3 dots in flight: one of every 3 dots is red
    const share = redShare(0.02, 3.4)
    expect(share).toBeCloseTo(1 / 3)
    for (let k = 0; k < 100; k++) expect(reds(share, k, 3)).toBeGreaterThanOrEqual(1)
    expect(redShare(0.5, 3)).toBe(0.5)
    expect(redShare(0.2, 0.4)).toBe(1)
  })
  it('keeps the exact share below the warning level, and none without errors', () => {
    expect(redShare(0.0005, 3)).toBe(0.0005)
    expect(redShare(0, 3)).toBe(0)
  })
})

describe('positions along an edge', () => {
  const out = { x: 0, y: 0 }
  it('moves along a straight line from caller to callee', () => {
    const line = [0, 0, 100, 50]
    expect(pointOnPath(line, 0, out)).toEqual({ x: 0, y: 0 })
    expect(pointOnPath(line, 0.5, out)).toEqual({ x: 50, y: 25 })
    expect(pointOnPath(line, 1, out)).toEqual({ x: 100, y: 50 })
    expect(pathLength(line)).toBeCloseTo(Math.hypot(100, 50))
  })
  it('follows a quadratic bezier through one control point', () => {
    const curve = [0, 0, 50, 100, 100, 0]
    expect(pointOnPath(curve, 0.5, out)).toEqual({ x: 50, y: 50 })
    expect(pointOnPath(curve, 1, out)).toEqual({ x: 100, y: 0 })
  })
  it('chains curves through the midpoints of several control points', () => {
    const chain = [0, 0, 0, 100, 100, 100, 100, 0]
    expect(pointOnPath(chain, 0, out)).toEqual({ x: 0, y: 0 })
    // halfway: the junction between the two curves, midway between the control points
    expect(pointOnPath(chain, 0.5, out)).toEqual({ x: 50, y: 100 })
    expect(pointOnPath(chain, 1, out)).toEqual({ x: 100, y: 0 })
  })
})

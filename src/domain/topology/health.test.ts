import { describe, expect, it } from 'vitest'
import { effectiveHealth, errorLevel, isProblemEdge, latencyLevel } from './health'
import { edge, node } from './fixtures.test-util'

describe('effectiveHealth', () => {
  const partial = { missingDcs: ['dc-west'], reason: null }
  it('keeps the source verdict when every DC answered', () => {
    expect(effectiveHealth(node('a', { dc: 'dc-west' }), null)).toBe('ok')
  })
  it('marks a healthy-looking node of a missing DC as unknown, not healthy', () => {
    expect(effectiveHealth(node('a@dc-west', { dc: 'dc-west' }), partial)).toBe('unknown')
    expect(effectiveHealth(node('a@dc-east', { dc: 'dc-east' }), partial)).toBe('ok')
  })
  it('marks a service running only in missing DCs as unknown when grouped by service', () => {
    const dcs = new Map([['a', ['dc-west']], ['b', ['dc-east', 'dc-west']]])
    expect(effectiveHealth(node('a'), partial, dcs)).toBe('unknown')
    expect(effectiveHealth(node('b'), partial, dcs)).toBe('ok')
  })
  it('keeps the verdict a source made on the minutes a node had data when it says when it was silent', () => {
    const partial = { missingDcs: ['dc-west'], reason: null }
    const silent = { from: 0, to: 300_000, seconds: 300, whole: true }
    expect(effectiveHealth(node('a@dc-west', { dc: 'dc-west', silent }), partial)).toBe('ok')
    expect(effectiveHealth(node('b@dc-west', { dc: 'dc-west', silent, health: 'unknown' }), partial)).toBe('unknown')
  })

  it('keeps known problems visible', () => {
    expect(effectiveHealth(node('a', { dc: 'dc-west', health: 'critical' }), partial)).toBe('critical')
  })
})

describe('levels', () => {
  it('grades p99 and error rate against the thresholds', () => {
    expect(latencyLevel(100_000)).toBe('ok')
    expect(latencyLevel(300_000)).toBe('warning')
    expect(latencyLevel(2_000_000)).toBe('critical')
    expect(errorLevel(0.001)).toBe('ok')
    expect(errorLevel(0.02)).toBe('warning')
    expect(errorLevel(0.3)).toBe('critical')
  })
  it('counts a slow or failing call as a problem', () => {
    expect(isProblemEdge(edge('a', 'b', 1))).toBe(false)
    expect(isProblemEdge(edge('a', 'b', 1, { errorRate: 0.3 }))).toBe(true)
    expect(isProblemEdge(edge('a', 'b', 1, { p99: 5_000_000 }))).toBe(true)
  })
})

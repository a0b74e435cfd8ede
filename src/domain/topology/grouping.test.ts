import { describe, expect, it } from 'vitest'
import { edge, node, topo } from './fixtures.test-util'
import { boxes, boxOf, collapse, groupHealth, memberHealth } from './grouping'
import { isProblemEdge } from './health'
import { latencyNote, latencyPair, ownP99 } from './latency-basis'

describe('boxes', () => {
  const nodes = [node('a@dc-east', { dc: 'dc-east', cluster: 'c1' }), node('b@dc-west', { dc: 'dc-west', cluster: 'c1' }), node('c@dc-east', { dc: 'dc-east', cluster: 'c2' })]
  it('draws one compound box per DC or cluster', () => {
    expect(boxes(nodes, 'dc').map((b) => b.label)).toEqual(['dc-east', 'dc-west'])
    expect(boxes(nodes, 'cluster').map((b) => b.id)).toEqual(['box:cluster:c1', 'box:cluster:c2'])
  })
  it('draws no boxes when grouped by service or method', () => {
    expect(boxOf(nodes[0], 'service')).toBeNull()
    expect(boxes(nodes, 'method')).toEqual([])
  })
})

describe('collapse', () => {
  const t = topo(
    [node('a', { layer: 'gw', rps: 10, errorRate: 0 }), node('b', { layer: 'be', rps: 30, errorRate: 0.1, health: 'critical' }), node('c', { layer: 'be', rps: 10, errorRate: 0.5 })],
    [edge('a', 'b', 10, { errorRate: 0 }), edge('a', 'c', 10, { errorRate: 0.5 }), edge('b', 'c', 5)],
  )
  const c = collapse(t, (n) => n.layer)
  it('makes one node per group with summed rps, rps-weighted errors and the health of those own figures', () => {
    const be = c.nodes.find((n) => n.id === 'group:be')
    expect(be?.rps).toBe(40)
    expect(be?.errorRate).toBeCloseTo((30 * 0.1 + 10 * 0.5) / 40)
    // 20 % of its calls fail: critical on its own error rate
    expect(be?.health).toBe('critical')
    expect(be?.label).toBe('be (2)')
  })
  it('sums edges between groups and drops edges inside a group', () => {
    expect(c.edges).toHaveLength(1)
    expect(c.edges[0].rps).toBe(20)
    expect(c.edges[0].errorRate).toBeCloseTo(0.25)
  })
})

describe('collapse: the calls of many members between two drawn nodes', () => {
  const silence = (from: number, to: number, whole: boolean) => ({ from, to, seconds: (to - from) / 1000, whole })
  const t = topo(
    [node('gw', { layer: 'gw' }), node('b1', { layer: 'be' }), node('b2', { layer: 'be' }), node('b3', { layer: 'be' }), node('d1', { layer: 'db' })],
    [
      edge('gw', 'b1', 30, { errorRate: 0.1, p50: 1_000, p99: 9_000, silent: silence(0, 60_000, true) }),
      edge('gw', 'b2', 10, { errorRate: 0.5, p50: 4_000, p99: 8_000, silent: silence(30_000, 90_000, true), errorsUnknown: true }),
      edge('gw', 'b3', 0, { errorRate: 1, p50: 2_000, p99: 70_000 }),
      edge('b1', 'd1', 0, { errorRate: 0.4 }),
    ],
  )
  const c = collapse(t, (n) => (n.layer === 'gw' ? null : n.layer))
  const call = (id: string) => c.edges.find((e) => e.id === id)
  it('are one call: rates summed, errors weighted by rate, the highest p50 and p99, any "not reported" kept', () => {
    const e = call('gw->group:be')
    expect(e).toMatchObject({ source: 'gw', target: 'group:be', rps: 40, p50: 4_000, p99: 70_000, errorsUnknown: true, latencyBasis: 'worst-member' })
    expect(e?.errorRate).toBeCloseTo((30 * 0.1 + 10 * 0.5) / 40)
  })
  it('are silent over the stretch any was, wholly only when every one was', () => {
    expect(call('gw->group:be')?.silent).toEqual({ from: 0, to: 90_000, seconds: 60, whole: false })
  })
  it('keep a lone member call\'s own figures, also at no traffic', () => {
    expect(call('group:be->group:db')).toMatchObject({ rps: 0, errorRate: 0.4, latencyBasis: 'worst-member' })
  })
  it('leave the answer as it was', () => {
    expect(t.edges.map((e) => e.id)).toEqual(['gw->b1', 'gw->b2', 'gw->b3', 'b1->d1'])
    expect(t.edges[0]).toMatchObject({ source: 'gw', target: 'b1', rps: 30 })
  })
})

describe('collapse never passes a member percentile off as the group\'s own', () => {
  const t = topo(
    [node('a', { layer: 'gw', p50: 2_000, p99: 20_000 }), node('b', { layer: 'be', p50: 1_000, p99: 5_000_000 }), node('c', { layer: 'be', p50: 3_000, p99: 40_000 })],
    [edge('a', 'b', 10, { p99: 5_000_000 }), edge('a', 'c', 10, { p99: 40_000 })],
  )
  const c = collapse(t, (n) => n.layer)
  const be = c.nodes.find((n) => n.id === 'group:be')
  it('marks a group\'s p50/p99 as the highest member\'s, and its merged edges too', () => {
    expect(be?.latencyBasis).toBe('worst-member')
    expect(be?.p99).toBe(5_000_000)
    expect(c.edges[0].latencyBasis).toBe('worst-member')
  })
  it('says so wherever the figure is shown, and no latency colour or health is judged on it', () => {
    const dur = (us: number) => `${us / 1000} ms`
    expect(latencyPair(be ?? node('x'), dur)).toBe('worst member 3 ms / 5000 ms')
    expect(latencyNote(be ?? node('x'))).toMatch(/Not this group's own percentiles/)
    expect(ownP99(c.edges[0])).toBeNull()
    expect(isProblemEdge(c.edges[0])).toBe(false)
    expect(isProblemEdge(t.edges[0])).toBe(true)
  })
  it('keeps "not reported" when no member had latency', () => {
    const none = collapse(topo([node('x', { latencyBasis: 'none' }), node('y', { latencyBasis: 'none' })], []), () => 'all')
    expect(none.nodes[0].latencyBasis).toBe('none')
    expect(latencyPair(none.nodes[0], (us) => `${us} µs`)).toBe('not reported')
  })
})

describe('a group\'s health is its own, its members\' counted apart', () => {
  // a DC of 40 services, one failing at 10 % on a small share of the calls: 0.25 % of all its calls
  const members = [node('bad', { rps: 1, errorRate: 0.1, health: 'critical' }), ...Array.from({ length: 39 }, (_, i) => node(`ok${i}`, { rps: 1, errorRate: 0.0015 }))]
  const g = collapse(topo(members, []), () => 'dc')
  it('is healthy when its calls fail at 0.25 %, though one member is critical', () => {
    expect(g.nodes[0].errorRate).toBeCloseTo((0.1 + 39 * 0.0015) / 40)
    expect(g.nodes[0].health).toBe('ok')
  })
  it('counts its members\' own verdicts and names the worst', () => {
    const m = memberHealth(members, new Map([['ok3', 'warning' as const]]))
    expect(m.counts).toEqual({ ok: 38, warning: 1, critical: 1, unknown: 0 })
    expect(m.worst).toBe('critical')
    expect(m.worstMember).toBe('bad')
    expect(memberHealth([node('a'), node('b')], new Map()).worstMember).toBeNull()
  })
  it('is unknown when no member has data or errors are not reported', () => {
    expect(groupHealth([node('a', { health: 'unknown' })], 0)).toBe('unknown')
    expect(groupHealth([node('a'), node('b', { errorsUnknown: true })], 0)).toBe('unknown')
    expect(groupHealth([node('a')], 0.012)).toBe('warning')
  })
})

import { describe, expect, it } from 'vitest'
import { edge, node, topo } from './fixtures.test-util'
import { callRatios, entryNodes, whatIf } from './ratios'

// gw (100 rps) → order (50) → stock (150: 3 calls per order) → db; gw → catalog (100)
const t = topo(
  [node('gw', { rps: 100, peakRps: 200 }), node('order', { rps: 50, peakRps: 80 }), node('stock', { rps: 150, peakRps: 200 }), node('db', { rps: 150, peakRps: 1000 }), node('catalog', { rps: 100, peakRps: 500 })],
  [edge('gw', 'order', 50), edge('order', 'stock', 150), edge('stock', 'db', 150), edge('gw', 'catalog', 100)],
)

describe('callRatios', () => {
  it('gives callee calls per entry call along the call chain', () => {
    const r = callRatios(t, 'gw')
    expect(r.get('gw->order')).toBeCloseTo(0.5)
    expect(r.get('order->stock')).toBeCloseTo(1.5)
    expect(r.get('stock->db')).toBeCloseTo(1.5)
    expect(r.get('gw->catalog')).toBeCloseTo(1)
  })
  it('only covers edges reachable from the entry', () => {
    expect([...callRatios(t, 'order').keys()].sort()).toEqual(['order->stock', 'stock->db'])
  })
  it('survives call cycles without looping', () => {
    const cyc = topo([node('a'), node('b')], [edge('a', 'b', 10), edge('b', 'a', 1)])
    expect(callRatios(cyc, 'a').get('a->b')).toBeCloseTo(1)
  })
})

describe('whatIf', () => {
  it('multiplies the entry and propagates extra rps downstream along call ratios', () => {
    const r = whatIf(t, 'gw', 2)
    expect(r.nodes.get('gw')?.expectedRps).toBeCloseTo(200)
    expect(r.nodes.get('order')?.expectedRps).toBeCloseTo(100)
    expect(r.nodes.get('stock')?.expectedRps).toBeCloseTo(300)
    expect(r.edges.get('order->stock')).toBeCloseTo(300)
  })
  it('flags nodes whose expected rps exceeds their observed peak', () => {
    expect(whatIf(t, 'gw', 2).overPeak.sort()).toEqual(['order', 'stock'])
    expect(whatIf(t, 'gw', 1).overPeak).toEqual([])
  })
  it('adds to traffic the node already receives from other callers', () => {
    const shared = topo([node('a', { rps: 10 }), node('b', { rps: 10 }), node('c', { rps: 30, peakRps: 35 })], [edge('a', 'c', 10), edge('b', 'c', 20)])
    expect(whatIf(shared, 'a', 2).nodes.get('c')?.expectedRps).toBeCloseTo(40)
    expect(whatIf(shared, 'a', 2).overPeak).toEqual(['c'])
  })
  it('does not reach nodes off the entry’s paths', () => {
    expect(whatIf(t, 'order', 3).nodes.has('catalog')).toBe(false)
  })
})

describe('entryNodes', () => {
  it('lists nodes nobody calls', () => {
    expect(entryNodes(t)).toEqual(['gw'])
  })
})

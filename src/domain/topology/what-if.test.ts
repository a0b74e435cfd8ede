import { describe, expect, it } from 'vitest'
import { edge, node, topo } from './fixtures.test-util'
import { entryChoices, entryNodes, propagate, whatIf } from './what-if'

// Operations: A::x (10/s) calls B::p twice; F::y (30/s) calls B::r; only B::p calls E::z.
const ops = topo(
  [
    node('A::x', { service: 'A', method: 'x', rps: 10 }),
    node('F::y', { service: 'F', method: 'y', rps: 30 }),
    node('B::p', { service: 'B', method: 'p', rps: 20 }),
    node('B::r', { service: 'B', method: 'r', rps: 30 }),
    node('E::z', { service: 'E', method: 'z', rps: 20 }),
  ],
  [edge('A::x', 'B::p', 20), edge('F::y', 'B::r', 30), edge('B::p', 'E::z', 20)],
)
const services = topo(
  [node('A', { rps: 10 }), node('F', { rps: 30 }), node('B', { rps: 50, peakRps: 60 }), node('E', { rps: 20, peakRps: 30 })],
  [edge('A', 'B', 20), edge('F', 'B', 30), edge('B', 'E', 20)],
)

describe('whatIf', () => {
  it('propagates along the operations even when the graph shown is per service (a service ratio would mix B::r into B→E)', () => {
    const r = whatIf({ shown: services, ops, groupBy: 'service', entryId: 'A', factor: 2 })
    expect(r.level).toBe('operation')
    expect(r.nodes.get('B')?.expectedRps).toBeCloseTo(70, 9)
    expect(r.nodes.get('E')?.expectedRps).toBeCloseTo(40, 9)
    expect(r.edges.get('B->E')).toBeCloseTo(40, 9)
    expect(r.nodes.has('F')).toBe(false)
    // without the per-operation graph: the diluted service ratio (20 of B's 50/s go to E), said as such
    const rough = whatIf({ shown: services, ops: null, groupBy: 'service', entryId: 'A', factor: 2 })
    expect(rough.level).toBe('shown')
    expect(rough.nodes.get('E')?.expectedRps).toBeCloseTo(28, 9)
  })

  it('follows cycles until the flows settle', () => {
    // X calls Y; Y calls Z half the time and Z calls Y back half the time: Y = 100 + Z / 2, Z = Y / 2
    const cyc = topo(
      [node('X', { rps: 100 }), node('Y', { rps: 400 / 3 }), node('Z', { rps: 200 / 3 })],
      [edge('X', 'Y', 100), edge('Y', 'Z', 200 / 3), edge('Z', 'Y', 100 / 3)],
    )
    const r = whatIf({ shown: cyc, ops: null, groupBy: 'service', entryId: 'X', factor: 2 })
    expect(r.converged).toBe(true)
    expect(r.nodes.get('Y')?.expectedRps).toBeCloseTo(800 / 3, 6)
    expect(r.nodes.get('Z')?.expectedRps).toBeCloseTo(400 / 3, 6)
    expect(r.edges.get('Z->Y')).toBeCloseTo(200 / 3, 6)
  })

  it('says when a loop has no steady state', () => {
    const loop = topo([node('X', { rps: 1 }), node('Y', { rps: 1 })], [edge('X', 'Y', 1), edge('Y', 'Y', 1)])
    expect(propagate(loop, new Map([['X', 1]])).converged).toBe(false)
  })

  it('checks against the declared capacity when there is one, else the observed peak, and says which', () => {
    const declared = topo(services.nodes.map((n) => (n.id === 'B' ? { ...n, capacityRps: 100 } : n)), services.edges)
    const r = whatIf({ shown: declared, ops, groupBy: 'service', entryId: 'A', factor: 2 })
    expect(r.nodes.get('B')).toMatchObject({ capacityRps: 100, capacitySource: 'declared', over: false })
    // E: 40/s expected against its observed peak of 30/s
    expect(r.nodes.get('E')).toMatchObject({ capacityRps: 30, capacitySource: 'peak', over: true })
    expect(r.over).toEqual(['E'])
    expect(r.sources).toEqual({ declared: 1, peak: 2 })
  })

  it('checks method nodes together against their service’s declared capacity', () => {
    const shown = topo(ops.nodes.map((n) => (n.service === 'B' ? { ...n, capacityRps: 60 } : n)), ops.edges)
    const r = whatIf({ shown, ops: shown, groupBy: 'method', entryId: 'A::x', factor: 2 })
    // B::p 40/s + B::r 30/s = 70/s > 60/s, though each method alone is under it
    expect(r.nodes.get('B::p')).toMatchObject({ expectedRps: 40, load: 70, over: true })
  })

  it('keeps a DC entry’s extra traffic in its DC, split over the clusters by their traffic', () => {
    const shown = topo(
      [
        node('A@e', { service: 'A', dc: 'e', rps: 6 }), node('A@w', { service: 'A', dc: 'w', rps: 4 }),
        node('B@e1', { service: 'B', dc: 'e', rps: 9 }), node('B@e2', { service: 'B', dc: 'e', rps: 3 }), node('B@w1', { service: 'B', dc: 'w', rps: 8 }),
      ],
      [edge('A@e', 'B@e1', 9), edge('A@e', 'B@e2', 3), edge('A@w', 'B@w1', 8)],
    )
    const opsAB = topo([node('A::x', { service: 'A', method: 'x', rps: 10 }), node('B::p', { service: 'B', method: 'p', rps: 20 })], [edge('A::x', 'B::p', 20)])
    const r = whatIf({ shown, ops: opsAB, groupBy: 'cluster', entryId: 'A@e', factor: 2 })
    expect(r.nodes.get('B@e1')?.expectedRps).toBeCloseTo(18, 9)
    expect(r.nodes.get('B@e2')?.expectedRps).toBeCloseTo(6, 9)
    expect(r.nodes.has('B@w1')).toBe(false)
    expect(entryNodes(shown).sort()).toEqual(['A@e', 'A@w'])
  })

  it('offers as entries only the nodes nobody calls that are not collapsed groups', () => {
    // the gateway DC is collapsed into one box: nothing calls into it, yet it is not an entry
    const shown = topo(
      [node('group:dc-edge', { service: 'dc-edge', rps: 10 }), node('batch', { service: 'batch', rps: 1 }), node('db', { service: 'db', rps: 11 })],
      [edge('group:dc-edge', 'db', 10), edge('batch', 'db', 1)],
    )
    expect(entryNodes(shown)).toEqual(['batch'])
  })

  it('names the entries it offers by service and the part the node stands for, never by node id', () => {
    const shown = topo(
      [
        node('gw::POST /api/checkout', { service: 'gw', method: 'POST /api/checkout', rps: 5 }),
        node('batch@east', { service: 'batch', dc: 'east', rps: 1 }),
        node('cron', { service: 'cron', rps: 1 }),
        node('db', { service: 'db', rps: 7 }),
      ],
      [edge('gw::POST /api/checkout', 'db', 5), edge('batch@east', 'db', 1), edge('cron', 'db', 1)],
    )
    expect(entryChoices(shown)).toEqual([
      { id: 'batch@east', label: 'batch · east' },
      { id: 'cron', label: 'cron' },
      { id: 'gw::POST /api/checkout', label: 'gw · POST /api/checkout' },
    ])
  })
})

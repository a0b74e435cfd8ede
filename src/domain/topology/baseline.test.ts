import { describe, expect, it } from 'vitest'
import { diffBaseline, isNotableChange, summarizeDiff } from './baseline'
import { edge, node, topo } from './fixtures.test-util'

describe('diffBaseline', () => {
  const yesterday = topo([node('gw'), node('order'), node('legacy')], [edge('gw', 'order', 10, { errorRate: 0.01, p99: 10_000 }), edge('gw', 'legacy', 5)])
  const today = topo([node('gw'), node('order'), node('stock')], [edge('gw', 'order', 20, { errorRate: 0.31, p99: 40_000 }), edge('order', 'stock', 5)])
  const d = diffBaseline(today, yesterday)

  it('marks new and vanished edges and nodes', () => {
    expect(d.edges.get('order->stock')?.status).toBe('new')
    expect(d.edges.get('gw->legacy')?.status).toBe('vanished')
    expect(d.nodes.get('stock')?.status).toBe('new')
    expect(d.vanishedNodes.map((n) => n.id)).toEqual(['legacy'])
    expect(d.vanishedEdges.map((e) => e.id)).toEqual(['gw->legacy'])
  })
  it('gives error-rate and latency deltas for kept edges', () => {
    const e = d.edges.get('gw->order')
    expect(e?.status).toBe('kept')
    expect(e?.errorRateDelta).toBeCloseTo(0.3)
    expect(e?.p99Ratio).toBeCloseTo(4)
    expect(e?.rpsRatio).toBeCloseTo(2)
  })
  it('matches edges by caller and callee even when ids differ', () => {
    const other = topo([node('gw'), node('order')], [{ ...edge('gw', 'order', 10), id: 'e-17' }])
    expect(diffBaseline(today, other).edges.get('gw->order')?.status).toBe('kept')
  })
  it('calls out notable changes only', () => {
    expect(isNotableChange(d.edges.get('gw->order') ?? { status: 'kept', errorRateDelta: 0, p99Ratio: 1, rpsRatio: 1 })).toBe(true)
    expect(isNotableChange({ status: 'kept', errorRateDelta: 0.001, p99Ratio: 1.1, rpsRatio: 1 })).toBe(false)
  })
  it('counts new, gone and notably changed calls for the legend', () => {
    expect(summarizeDiff(d)).toEqual({ newEdges: 1, goneEdges: 1, changedEdges: 1 })
    expect(summarizeDiff(diffBaseline(today, today))).toEqual({ newEdges: 0, goneEdges: 0, changedEdges: 0 })
  })
})

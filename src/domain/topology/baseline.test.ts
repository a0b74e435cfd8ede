import { describe, expect, it } from 'vitest'
import { changedOnly, diffBaseline, diffKind, diffWidth, isNotableChange, summarizeDiff } from './baseline'
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

describe('how a change is drawn', () => {
  const kept = (errorRateDelta: number, p99Ratio: number) => ({ status: 'kept' as const, errorRateDelta, p99Ratio, rpsRatio: 1 })
  it('names the change: more errors before slower, better, unchanged', () => {
    expect(diffKind(kept(0.03, 2))).toBe('errors-up')
    expect(diffKind(kept(0.01, 1.6))).toBe('slower')
    expect(diffKind(kept(-0.03, 1))).toBe('better')
    expect(diffKind(kept(0, 0.5))).toBe('better')
    expect(diffKind(kept(0.019, 1.49))).toBe('same')
    expect(diffKind({ ...kept(0, 1), status: 'new' })).toBe('new')
  })
  it('draws a call as wide as its change: 1 px unchanged, 2 px at the threshold, 9 px at +20 points', () => {
    expect(diffWidth(kept(0, 1))).toBe(1)
    expect(diffWidth(kept(0.02, 1))).toBeCloseTo(2.75, 1)
    expect(diffWidth(kept(0.2, 1))).toBe(9)
    expect(diffWidth(kept(0.5, 1))).toBe(9)
    expect(diffWidth(kept(0, 8))).toBe(9)
  })
  it('"changed only" keeps the changed calls with both their ends, and changed nodes', () => {
    const g = topo([node('a'), node('b'), node('c'), node('d')], [edge('a', 'b', 1), edge('b', 'c', 1), edge('c', 'd', 1)])
    const d = diffBaseline(g, topo([node('a'), node('b'), node('c'), node('d', { errorRate: 0.5 })], [edge('a', 'b', 1, { errorRate: 0 }), edge('b', 'c', 1), edge('c', 'd', 1)]))
    d.edges.set('a->b', kept(0.1, 1))
    const c = changedOnly(g, d)
    expect(c.edges.map((e) => e.id)).toEqual(['a->b'])
    expect(c.nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'd'])
  })
})

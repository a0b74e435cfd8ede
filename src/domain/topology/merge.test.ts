import { describe, expect, it } from 'vitest'
import { diffIds, movedNodes, NEW_NODE_GAP, placeNewNodes } from './merge'

describe('diffIds', () => {
  it('splits ids into added, kept and removed by their stable id', () => {
    expect(diffIds(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual({ added: ['d'], kept: ['b', 'c'], removed: ['a'] })
  })
  it('reports nothing when an answer is the same', () => {
    expect(diffIds(['a', 'b'], ['b', 'a'])).toEqual({ added: [], kept: ['b', 'a'], removed: [] })
  })
})

describe('placeNewNodes', () => {
  const known = new Map([
    ['gw', { x: 0, y: 0 }],
    ['order', { x: 200, y: 0 }],
  ])
  it('places a new callee to the right of its placed caller and never moves known nodes', () => {
    const out = placeNewNodes(known, ['stock'], [{ source: 'order', target: 'stock' }])
    expect(out.get('stock')).toEqual({ x: 200 + NEW_NODE_GAP, y: 0 })
    expect(out.has('gw')).toBe(false)
    expect(out.has('order')).toBe(false)
  })
  it('places a new caller to the left of its callee', () => {
    const out = placeNewNodes(known, ['mobile'], [{ source: 'mobile', target: 'gw' }])
    expect(out.get('mobile')).toEqual({ x: -NEW_NODE_GAP, y: 0 })
  })
  it('stacks siblings instead of overlapping them', () => {
    const out = placeNewNodes(known, ['s1', 's2'], [{ source: 'order', target: 's1' }, { source: 'order', target: 's2' }])
    expect(out.get('s1')).not.toEqual(out.get('s2'))
    expect(out.get('s1')?.x).toBe(out.get('s2')?.x)
  })
  it('places a chain of new nodes link by link', () => {
    const out = placeNewNodes(known, ['db', 'stock'], [{ source: 'order', target: 'stock' }, { source: 'stock', target: 'db' }])
    expect(out.get('db')?.x).toBe(200 + 2 * NEW_NODE_GAP)
  })
  it('puts unconnected new nodes in a column right of the graph', () => {
    const out = placeNewNodes(known, ['lonely'], [])
    expect(out.get('lonely')?.x).toBeGreaterThan(200)
  })
})

describe('movedNodes', () => {
  it('lists nodes whose position changed, ignoring sub-pixel noise and vanished nodes', () => {
    const before = new Map([['a', { x: 0, y: 0 }], ['b', { x: 10, y: 10 }], ['c', { x: 5, y: 5 }]])
    const after = new Map([['a', { x: 0.2, y: 0 }], ['b', { x: 30, y: 10 }]])
    expect(movedNodes(before, after)).toEqual(['b'])
  })
})

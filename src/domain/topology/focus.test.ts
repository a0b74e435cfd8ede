import { describe, expect, it } from 'vitest'
import { edge, node, topo } from './fixtures.test-util'
import { findNodes, neighbourhood, subgraph, suggestServices } from './focus'

// gw → bff → order → stock → db ; gw → catalog
const t = topo(
  ['gw', 'bff', 'order', 'stock', 'db', 'catalog'].map((id) => node(id)),
  [edge('gw', 'bff', 1), edge('bff', 'order', 1), edge('order', 'stock', 1), edge('stock', 'db', 1), edge('gw', 'catalog', 1)],
)

describe('neighbourhood', () => {
  it('keeps only direct callers and callees at depth 1', () => {
    expect([...neighbourhood(t, 'order', 1, 1)].sort()).toEqual(['bff', 'order', 'stock'])
  })
  it('follows depth up and down separately', () => {
    expect([...neighbourhood(t, 'order', 2, 0)].sort()).toEqual(['bff', 'gw', 'order'])
    expect([...neighbourhood(t, 'order', 0, 2)].sort()).toEqual(['db', 'order', 'stock'])
  })
  it('matches every node of a service when grouped finer than service', () => {
    const m = topo([node('order::A', { service: 'order' }), node('stock')], [edge('order::A', 'stock', 1)])
    expect([...neighbourhood(m, 'order', 1, 1)].sort()).toEqual(['order::A', 'stock'])
  })
  it('is empty for an unknown focus', () => {
    expect(neighbourhood(t, 'nope', 1, 1).size).toBe(0)
  })
})

describe('subgraph', () => {
  it('drops edges that leave the kept nodes', () => {
    const s = subgraph(t, new Set(['gw', 'bff']))
    expect(s.edges.map((e) => e.id)).toEqual(['gw->bff'])
  })
})

describe('find and suggest', () => {
  it('finds nodes by case-insensitive substring', () => {
    expect(findNodes(t, 'OR')).toEqual(['order'])
    expect(findNodes(t, '  ')).toEqual([])
  })
  it('suggests prefix matches first', () => {
    expect(suggestServices(['api-gateway', 'mobile-gateway', 'stock'], 'gate')).toEqual(['api-gateway', 'mobile-gateway'])
    expect(suggestServices(['a-mobile', 'mobile-gateway'], 'mob')).toEqual(['mobile-gateway', 'a-mobile'])
  })
})

import { describe, expect, it } from 'vitest'
import { layeredPositions } from './layered-layout'

describe('layeredPositions', () => {
  it('places callers left of callees, one column per call depth', () => {
    const p = layeredPositions(['db', 'gw', 'order'], [{ source: 'gw', target: 'order' }, { source: 'order', target: 'db' }, { source: 'gw', target: 'db' }])
    expect(p.get('gw')?.x).toBeLessThan(p.get('order')?.x ?? 0)
    expect(p.get('order')?.x).toBeLessThan(p.get('db')?.x ?? 0)
  })
  it('gives every node a distinct position', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `s${i}`)
    const edges = ids.slice(1).map((id, i) => ({ source: `s${Math.floor(i / 3)}`, target: id }))
    const p = layeredPositions(ids, edges)
    expect(new Set([...p.values()].map((q) => `${q.x}:${q.y}`)).size).toBe(50)
  })
  it('survives cycles and ignores edges to unknown nodes', () => {
    const p = layeredPositions(['a', 'b'], [{ source: 'a', target: 'b' }, { source: 'b', target: 'a' }, { source: 'a', target: 'zzz' }])
    expect(p.size).toBe(2)
    expect(p.get('a')?.x).not.toBe(p.get('b')?.x)
  })
  it('lays out a thousand nodes with every call pointing right and no two nodes on one spot', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `s${i}`)
    const edges = ids.flatMap((id, i) => (i < 10 ? [] : [{ source: `s${i % 10}`, target: id }, { source: `s${Math.floor(i / 2)}`, target: id }]))
    const p = layeredPositions(ids, edges)
    expect(p.size).toBe(1000)
    expect(new Set([...p.values()].map((q) => `${q.x}:${q.y}`)).size).toBe(1000)
    for (const e of edges) expect(p.get(e.source)?.x ?? 0).toBeLessThan(p.get(e.target)?.x ?? 0)
  })
  it('untangles two parallel chains that start crossed', () => {
    // a1→b2 and a2→b1 would cross if each column kept its input order
    const p = layeredPositions(['a1', 'a2', 'b1', 'b2', 'c1', 'c2'], [
      { source: 'a1', target: 'b2' },
      { source: 'a2', target: 'b1' },
      { source: 'b2', target: 'c2' },
      { source: 'b1', target: 'c1' },
    ])
    const y = (id: string) => p.get(id)?.y ?? NaN
    expect(Math.sign(y('a1') - y('a2'))).toBe(Math.sign(y('b2') - y('b1')))
    expect(Math.sign(y('b2') - y('b1'))).toBe(Math.sign(y('c2') - y('c1')))
  })
  it('wraps a tall rank into sub-columns that keep the call flow left to right', () => {
    const leaves = Array.from({ length: 100 }, (_, i) => `leaf${i}`)
    const p = layeredPositions(['root', ...leaves, 'sink'], [...leaves.map((l) => ({ source: 'root', target: l })), { source: 'leaf0', target: 'sink' }], { maxPerColumn: 20 })
    const xs = new Set(leaves.map((l) => p.get(l)?.x))
    expect(xs.size).toBe(5)
    const ys = leaves.map((l) => p.get(l)?.y ?? 0)
    expect(Math.max(...ys) - Math.min(...ys)).toBe(19 * 56)
    const rootX = p.get('root')?.x ?? 0
    const sinkX = p.get('sink')?.x ?? 0
    for (const l of leaves) {
      expect(p.get(l)?.x ?? 0).toBeGreaterThan(rootX)
      expect(p.get(l)?.x ?? 0).toBeLessThan(sinkX)
    }
  })
})

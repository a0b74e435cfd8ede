import { describe, expect, it } from 'vitest'
import { declutterEdgeLabels, declutterLabels, labelRect } from './declutter'
import type { EdgeLabelBox, LabelBox } from './declutter'

const box = (id: string, x: number, y: number, priority = 0, variants = [{ width: 100, height: 16 }]): LabelBox => ({ id, x, y, half: 15, variants, gap: 4, priority })
const FULL_THEN_NAME = [{ width: 160, height: 60 }, { width: 100, height: 16 }]

describe('declutterLabels', () => {
  it('keeps every label as preferred when none collide', () => {
    expect(declutterLabels([box('a', 0, 0), box('b', 200, 0), box('c', 0, 100)])).toEqual(new Map([['a', 0], ['b', 0], ['c', 0]]))
  })

  it('of two labels that overlap, leaves out the one ranked lower, whatever the input order', () => {
    expect(declutterLabels([box('a', 0, 0, 1), box('b', 60, 5, 5)]).get('a')).toBe(1)
    expect(declutterLabels([box('b', 60, 5, 5), box('a', 0, 0, 1)]).get('a')).toBe(1)
    expect(declutterLabels([box('b', 60, 5, 5), box('a', 0, 0, 1)]).get('b')).toBe(0)
  })

  it('falls back to a shorter variant (the name alone) before leaving a label out', () => {
    // the full label of a would reach down over b, which ranks higher; the name alone fits
    const out = declutterLabels([box('a', 0, 0, 1, FULL_THEN_NAME), box('b', 0, 70, 9, FULL_THEN_NAME)])
    expect(out.get('a')).toBe(1)
    expect(out.get('b')).toBe(0)
  })

  it('no label drawn overlaps another label or a more important node', () => {
    const boxes = [box('a', 0, 0, 2), box('b', 10, 30, 1), box('c', 300, 0, 0), box('d', 40, 10, 3, FULL_THEN_NAME), box('e', 320, 20, 1)]
    const out = declutterLabels(boxes)
    const drawn = boxes.filter((b) => (out.get(b.id) ?? 0) < b.variants.length).map((b) => labelRect(b, out.get(b.id)))
    const shapes = boxes.map((b) => ({ x1: b.x - b.half, y1: b.y - b.half, x2: b.x + b.half, y2: b.y + b.half }))
    const hit = (p: { x1: number; x2: number; y1: number; y2: number }, q: typeof p) => p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2
    for (let i = 0; i < drawn.length; i++) {
      for (let j = i + 1; j < drawn.length; j++) expect(hit(drawn[i], drawn[j])).toBe(false)
    }
    // no label covers the shape of a node ranked above it
    for (const b of boxes) {
      const v = out.get(b.id) ?? 0
      if (v >= b.variants.length) continue
      const r = labelRect(b, v)
      boxes.forEach((o, j) => {
        if (o.priority > b.priority) expect(hit(r, shapes[j]), `${b.id} over ${o.id}`).toBe(false)
      })
    }
  })
})

describe('declutterEdgeLabels', () => {
  const call = (id: string, x: number, y: number, angle: number, priority = 0, more: { x: number; y: number; width?: number }[] = []): EdgeLabelBox => ({ id, at: [{ x, y }, ...more].map((p) => ({ width: 80, height: 12, ...p })), angle, priority })

  it('keeps the more important of two call labels that cross, and both when they lie apart', () => {
    const crossing = declutterEdgeLabels([call('ok', 0, 0, 0, 1), call('critical', 0, 0, Math.PI / 2, 3)], [], [])
    expect([...crossing.keys()]).toEqual(['critical'])
    expect(declutterEdgeLabels([call('a', 0, 0, 0), call('b', 0, 40, 0)], [], []).size).toBe(2)
  })

  it('tells apart parallel turned labels that lie side by side from ones that overlap', () => {
    // two labels along 45° calls, 20 units apart across the calls: no overlap though their upright boxes would
    const d = Math.PI / 4
    const across = (k: number) => ({ x: -Math.sin(d) * k, y: Math.cos(d) * k })
    const apart = declutterEdgeLabels([call('a', 0, 0, d), call('b', across(20).x, across(20).y, d)], [], [])
    expect(apart.size).toBe(2)
    const close = declutterEdgeLabels([call('a', 0, 0, d, 1), call('b', across(8).x, across(8).y, d)], [], [])
    expect([...close.keys()]).toEqual(['a'])
  })

  it('never draws a call label over a node or a node label already placed', () => {
    const nodeShape = { x1: -15, y1: -15, x2: 15, y2: 15 }
    const nodeLabel = { x1: 100, y1: 20, x2: 200, y2: 36 }
    const kept = declutterEdgeLabels([call('over-node', 0, 0, 0), call('over-name', 150, 28, 0.2), call('free', 0, 100, 0)], [nodeLabel], [nodeShape])
    expect([...kept.keys()]).toEqual(['free'])
  })

  it('moves a label along its call, nearer an end, when its midpoint is taken', () => {
    const kept = declutterEdgeLabels([call('first', 0, 0, 0, 2), call('second', 0, 0, 0, 1, [{ x: 0, y: 4 }, { x: 120, y: 0 }])], [], [])
    expect(kept.get('first')).toBe(0)
    expect(kept.get('second')).toBe(2)
  })

  it('falls back to a shorter label where the whole one does not fit', () => {
    const shortFits = declutterEdgeLabels([call('second', 0, 0, 0, 1, [{ x: 120, y: 0, width: 200 }, { x: 120, y: 0, width: 40 }])], [], [{ x1: -15, y1: -15, x2: 15, y2: 15 }, { x1: 160, y1: -10, x2: 190, y2: 10 }])
    expect(shortFits.get('second')).toBe(2)
  })
})

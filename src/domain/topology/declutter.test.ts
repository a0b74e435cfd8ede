import { describe, expect, it } from 'vitest'
import { declutterLabels, labelRect } from './declutter'
import type { LabelBox } from './declutter'

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

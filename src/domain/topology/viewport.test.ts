import { describe, expect, it } from 'vitest'
import type { GraphElement } from './elements'
import { fitViewport, withLabelRoom } from './viewport'

const toScreen = (p: { x: number; y: number }, v: { zoom: number; pan: { x: number; y: number } }) => ({ x: p.x * v.zoom + v.pan.x, y: p.y * v.zoom + v.pan.y })

describe('fitViewport', () => {
  it('puts every node, with its extent, inside the container and centres the drawing', () => {
    const pts = [{ x: -500, y: 0 }, { x: 1500, y: 300 }, { x: 200, y: -900 }]
    const v = fitViewport(pts, 1000, 600, { padding: 20, nodeExtent: { x: 50, y: 30 } })
    expect(v).not.toBeNull()
    if (!v) return
    for (const p of pts) {
      const tl = toScreen({ x: p.x - 50, y: p.y - 30 }, v)
      const br = toScreen({ x: p.x + 50, y: p.y + 30 }, v)
      expect(tl.x).toBeGreaterThanOrEqual(19.99)
      expect(tl.y).toBeGreaterThanOrEqual(19.99)
      expect(br.x).toBeLessThanOrEqual(980.01)
      expect(br.y).toBeLessThanOrEqual(580.01)
    }
    // the tight axis (height here) touches the padding on both sides
    expect(toScreen({ x: 0, y: -930 }, v).y).toBeCloseTo(20, 5)
    expect(toScreen({ x: 0, y: 330 }, v).y).toBeCloseTo(580, 5)
  })

  it('does not blow a tiny graph up beyond the maximum zoom, and keeps it centred', () => {
    const v = fitViewport([{ x: 10, y: 10 }], 800, 600, { maxZoom: 1.5 })
    expect(v?.zoom).toBe(1.5)
    const c = v ? toScreen({ x: 10, y: 10 }, v) : null
    expect(c).toEqual({ x: 400, y: 300 })
  })

  it('answers null when there is nothing to fit or no room', () => {
    expect(fitViewport([], 800, 600)).toBeNull()
    expect(fitViewport([{ x: NaN, y: 1 }], 800, 600)).toBeNull()
    expect(fitViewport([{ x: 1, y: 1 }], 0, 600)).toBeNull()
  })
})

describe('withLabelRoom', () => {
  const node = (id: string, label: string, classes: string[] = []): GraphElement => ({ group: 'nodes', data: { id, label }, classes })
  const positions = new Map([['a', { x: 0, y: 0 }], ['b', { x: 400, y: 0 }], ['g', { x: 800, y: 0 }]])

  it('leaves room either side of a node whose label line is wider than a node, and of a closed group', () => {
    const pts = [...withLabelRoom([node('a', 'api'), node('b', '? redis-stock\nnot captured (known from callers)'), node('g', 'dc-east', ['group-node'])], positions)]
    const xs = pts.map((p) => p.x).sort((x, y) => x - y)
    // a: its own position only; b: 33 characters, half about 112 units: 42 beyond the node's own 70; a group: 170 beyond
    expect(xs).toEqual([0, 400 - 42.2, 400, 400 + 42.2, 800 - 170, 800, 800 + 170].sort((x, y) => x - y))
  })

  it('keeps a long label inside the frame once fitted', () => {
    const elements = [node('a', 'api'), node('b', 'not captured (known from callers)')]
    const v = fitViewport(withLabelRoom(elements, positions), 600, 400)
    expect(v).not.toBeNull()
    if (!v) return
    const right = (400 + 33 * 3.4) * v.zoom + v.pan.x
    expect(right).toBeLessThanOrEqual(600)
  })
})

import { describe, expect, it } from 'vitest'
import { fitViewport } from './viewport'

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

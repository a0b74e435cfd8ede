import cytoscape from 'cytoscape'
import type { ElementDefinition } from 'cytoscape'
import { describe, expect, it, vi } from 'vitest'
import { addInChunks, nextChunkSize } from './chunked-draw'

describe('nextChunkSize', () => {
  it('fills the frame budget with elements when drawing what is there is cheap', () => {
    // 1 ms per 10 elements added, 10 ms of drawing: 40 ms of room → 400 elements
    expect(nextChunkSize({ added: 200, addMs: 20, frameMs: 30, drawn: 200 })).toBe(400)
  })

  it('grows by a quarter of what is drawn when drawing alone fills a frame, so big graphs need few frames', () => {
    expect(nextChunkSize({ added: 200, addMs: 20, frameMs: 300, drawn: 2000 })).toBe(500)
    // … but never more than adding alone can do in a frame's budget (50 ms at 1 ms per element)
    expect(nextChunkSize({ added: 100, addMs: 100, frameMs: 400, drawn: 2000 })).toBe(50)
    // 5,500 elements from a first chunk of 200: frames stay few even when every frame is over budget
    let drawn = 200
    let frames = 1
    while (drawn < 5500) {
      drawn += nextChunkSize({ added: 200, addMs: 20, frameMs: 400, drawn })
      frames++
    }
    expect(frames).toBeLessThan(20)
  })

  it('stays within its bounds', () => {
    expect(nextChunkSize({ added: 10, addMs: 100, frameMs: 100, drawn: 10 })).toBe(40)
    expect(nextChunkSize({ added: 100, addMs: 0, frameMs: 5, drawn: 100 })).toBe(800)
  })
})

describe('addInChunks', () => {
  const defs = (nodes: number, edges: number): ElementDefinition[] => [
    ...Array.from({ length: edges }, (_, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: `n${i % nodes}`, target: `n${(i + 1) % nodes}` } })),
    ...Array.from({ length: nodes }, (_, i) => ({ group: 'nodes' as const, data: { id: `n${i}` }, position: { x: i, y: 0 } })),
  ]

  it('adds at most an eighth of a drawing in the first frame, nodes before calls, and everything in the end', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true })
    // the frames asked for from here on (Cytoscape asks for its own when it is made)
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => frames.push(run))
    vi.stubGlobal('cancelAnimationFrame', () => {})
    try {
      const done = vi.fn()
      // the overview of a big graph: 62 services, 203 calls
      addInChunks(cy, defs(62, 203), done)
      expect(cy.elements().length).toBe(0)
      frames.shift()?.(0)
      expect(cy.elements().length).toBe(Math.ceil(265 / 8))
      expect(cy.nodes().length).toBe(Math.ceil(265 / 8))
      while (frames.length > 0) frames.shift()?.(0)
      expect(cy.elements().length).toBe(265)
      expect(done).toHaveBeenCalledOnce()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

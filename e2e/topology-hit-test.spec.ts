import { expect, test } from '@playwright/test'
import { readHooks } from './support/hooks'
import { TopologyPage } from './pages/topology-page'

// The graph finds the element under the pointer by testing only the elements near it, with boxes
// it asks for without Cytoscape's re-validation (src/ui/graph/hit-test.ts, fast-bounds.ts). These
// check both against Cytoscape's own answers, on the real canvas renderer: services, calls, their
// labels, group boxes and the background, with the mouse and with a touch.

for (const query of ['live=0', 'groupBy=dc&open=dc-east&live=0']) {
  test(`the element under the pointer is the one Cytoscape's full search finds (${query})`, async ({ page }) => {
    await TopologyPage.open(page, query)
    const r = await readHooks(page, (h) => {
      type Ele = { id: () => string }
      type Renderer = { findNearestElements: (x: number, y: number, i: boolean, t: boolean) => Ele[] }
      const cy = h.graph
      if (!cy) return null
      const renderer = (cy as unknown as { renderer: () => Renderer }).renderer()
      const full = Object.getPrototypeOf(renderer) as Renderer
      const points: [number, number][] = []
      for (const n of cy.nodes().toArray()) {
        const p = n.position()
        const b = n.boundingBox()
        points.push([p.x, p.y], [b.x1 + 1, b.y1 + 1], [b.x2 - 1, b.y2 - 1], [(b.x1 + b.x2) / 2, b.y2 - 2])
      }
      for (const e of cy.edges().toArray()) {
        const m = e.midpoint()
        const b = e.boundingBox()
        points.push([m.x, m.y], [m.x + 3, m.y + 3], [b.x1 + 1, b.y1 + 1])
      }
      const all = cy.elements().boundingBox()
      for (let i = 0; i <= 30; i++) for (let j = 0; j <= 20; j++) points.push([all.x1 - 20 + ((all.w + 40) * i) / 30, all.y1 - 20 + ((all.h + 40) * j) / 20])
      const ids = (found: Ele[]) => found.map((e) => e.id()).join(' ')
      const differ: string[] = []
      const hitIds = new Set<string>()
      for (const [x, y] of points) {
        for (const touch of [false, true]) {
          const narrowed = ids(renderer.findNearestElements(x, y, true, touch))
          const own = ids(full.findNearestElements.call(renderer, x, y, true, touch))
          if (narrowed !== own) differ.push(`(${Math.round(x)}, ${Math.round(y)})${touch ? ' touch' : ''}: ${narrowed || 'nothing'} instead of ${own || 'nothing'}`)
          for (const id of own.split(' ')) if (id) hitIds.add(id)
        }
      }
      return { points: points.length, differ, hit: hitIds.size, elements: cy.elements().length, narrowedInstalled: Object.prototype.hasOwnProperty.call(renderer, 'findNearestElements') }
    })
    expect(r).not.toBeNull()
    expect(r?.narrowedInstalled).toBe(true)
    expect(r?.differ).toEqual([])
    // the points did find things: most services and calls were under one of them
    expect(r?.hit ?? 0).toBeGreaterThan((r?.elements ?? 0) * 0.8)
  })
}

for (const query of ['live=0', 'groupBy=dc&open=dc-east&live=0']) {
  test(`a box asked for is the one Cytoscape computes afresh, after a service moves and after a label grows (${query})`, async ({ page }) => {
    await TopologyPage.open(page, query)
    const r = await readHooks(page, (h) => {
      type Box = { x1: number; y1: number; x2: number; y2: number; w: number; h: number }
      type Ele = { id: () => string; boundingBox: () => Box; dirtyBoundingBoxCache: () => void }
      const cy = h.graph
      if (!cy) return null
      const copy = (b: Box) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2, w: b.w, h: b.h })
      const same = (a: Box, b: Box) => Math.abs(a.x1 - b.x1) < 1e-9 && Math.abs(a.y1 - b.y1) < 1e-9 && Math.abs(a.x2 - b.x2) < 1e-9 && Math.abs(a.y2 - b.y2) < 1e-9 && Math.abs(a.w - b.w) < 1e-9 && Math.abs(a.h - b.h) < 1e-9
      const eles = () => cy.elements().toArray() as unknown as Ele[]
      // every box asked for twice (the second ask takes the cached one), then computed afresh
      const stale = (label: string) => {
        const out: string[] = []
        const asked = eles().map((e) => {
          e.boundingBox()
          return copy(e.boundingBox())
        })
        const union = copy(cy.elements().boundingBox())
        const all = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity, w: 0, h: 0 }
        eles().forEach((e, i) => {
          e.dirtyBoundingBoxCache()
          const fresh = e.boundingBox()
          if (!same(asked[i]!, fresh)) out.push(`${label}: ${e.id()}`)
          all.x1 = Math.min(all.x1, fresh.x1)
          all.y1 = Math.min(all.y1, fresh.y1)
          all.x2 = Math.max(all.x2, fresh.x2)
          all.y2 = Math.max(all.y2, fresh.y2)
        })
        all.w = all.x2 - all.x1
        all.h = all.y2 - all.y1
        if (!same(union, all)) out.push(`${label}: the union of all`)
        return out
      }
      const problems = stale('as drawn')
      // a service moved 120 px: the boxes of its calls follow it
      const moved = cy.nodes(':childless').toArray().find((n) => n.connectedEdges().length > 0)
      if (!moved) return null
      const edges = moved.connectedEdges()
      const before = edges.toArray().map((e) => copy(e.boundingBox()))
      moved.position({ x: moved.position().x + 120, y: moved.position().y + 40 })
      const after = edges.toArray().map((e) => copy(e.boundingBox()))
      const followed = before.filter((b, i) => !same(b, after[i]!)).length
      problems.push(...stale('after a move'))
      // a label made longer: its box grows
      const widthBefore = moved.boundingBox().w
      // (the label is the name or the name with its figures, by zoom)
      for (const field of ['label', 'name']) moved.data(field, `${String(moved.data(field))}${'x'.repeat(60)}`)
      const widthAfter = moved.boundingBox().w
      problems.push(...stale('after a label change'))
      return { problems, edges: edges.length, followed, widthBefore, widthAfter, elements: cy.elements().length, parents: cy.nodes(':parent').length }
    })
    expect(r).not.toBeNull()
    expect(r?.problems).toEqual([])
    expect(r?.elements ?? 0).toBeGreaterThan(20)
    if (query.includes('open=')) expect(r?.parents ?? 0).toBeGreaterThan(0)
    expect(r?.edges ?? 0).toBeGreaterThan(0)
    expect(r?.followed).toBe(r?.edges)
    expect(r?.widthAfter ?? 0).toBeGreaterThan((r?.widthBefore ?? 0) + 50)
  })
}

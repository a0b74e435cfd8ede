import cytoscape from 'cytoscape'
import type { Core } from 'cytoscape'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { GraphElement } from '../../domain/topology/elements'
import { applyUpdate, drawableElements, FADE_MS, initialDefinitions } from './apply-elements'
import type { UpdateState } from './apply-elements'

const node = (id: string, label = id, classes: string[] = []): GraphElement => ({ group: 'nodes', data: { id, label }, classes })
const edge = (source: string, target: string, label = '', width?: number): GraphElement => ({
  group: 'edges',
  data: { id: `${source}->${target}`, source, target, label, ...(width === undefined ? {} : { width }) },
  classes: [],
})

/** A headless graph 800×600 px on screen, at zoom 1 around the origin, with a, b and a→b drawn. */
function graph(): Core {
  const cy = cytoscape({ headless: true, styleEnabled: true })
  vi.spyOn(cy, 'width').mockReturnValue(800)
  vi.spyOn(cy, 'height').mockReturnValue(600)
  cy.add([
    { group: 'nodes', data: { id: 'a', label: 'a' }, position: { x: 0, y: 0 } },
    { group: 'nodes', data: { id: 'b', label: 'b' }, position: { x: 200, y: 0 } },
    { group: 'edges', data: { id: 'a->b', source: 'a', target: 'b', label: '' } },
  ])
  return cy
}

const state = (labelMinZoom?: { nodes: number; edges: number }): UpdateState => ({ timers: new Map(), deferred: new Map(), labelMinZoom })

afterEach(() => vi.useRealTimers())

describe('drawableElements', () => {
  it('keeps every node and only the edges whose two ends are nodes of the answer', () => {
    const out = drawableElements([node('a'), node('b'), edge('a', 'b'), edge('a', 'gone')])
    expect(out.map((e) => e.data.id)).toEqual(['a', 'b', 'a->b'])
  })
})

describe('applyUpdate', () => {
  it('keeps the positions of nodes still there, places a new node next to its neighbour and adds its edge', () => {
    const cy = graph()
    applyUpdate(cy, [node('a'), node('b'), node('c'), edge('a', 'b'), edge('b', 'c')], state())
    expect(cy.getElementById('a').position()).toEqual({ x: 0, y: 0 })
    expect(cy.getElementById('b').position()).toEqual({ x: 200, y: 0 })
    const c = cy.getElementById('c')
    expect(c.nonempty()).toBe(true)
    // next to b, its only neighbour, rather than at the origin
    expect(Math.hypot(c.position().x - 200, c.position().y)).toBeLessThan(Math.hypot(c.position().x, c.position().y))
    expect(cy.getElementById('b->c').nonempty()).toBe(true)
  })

  it('changes only the data and classes that differ', () => {
    const cy = graph()
    applyUpdate(cy, [node('a', 'a · 12 req/s', ['critical']), node('b'), edge('a', 'b', '12 req/s', 3)], state())
    expect(cy.getElementById('a').data('label')).toBe('a · 12 req/s')
    expect(cy.getElementById('a').hasClass('critical')).toBe(true)
    expect(cy.getElementById('a->b').data('width')).toBe(3)
    expect(cy.getElementById('a->b').data('label')).toBe('12 req/s')
  })

  it('fades out what the answer no longer has, removes it after the fade, and keeps it when it comes back first', () => {
    vi.useFakeTimers()
    const cy = graph()
    const s = state()
    applyUpdate(cy, [node('a')], s)
    expect(cy.getElementById('b').hasClass('vanishing')).toBe(true)
    expect(cy.getElementById('a->b').hasClass('vanishing')).toBe(true)
    // b comes back within the fade (its edge does not): b stays, the edge goes
    applyUpdate(cy, [node('a'), node('b')], s)
    vi.advanceTimersByTime(FADE_MS + 1)
    expect(cy.getElementById('b').nonempty()).toBe(true)
    expect(cy.getElementById('b').hasClass('vanishing')).toBe(false)
    expect(cy.getElementById('a->b').empty()).toBe(true)
    expect(s.timers.size).toBe(0)
  })

  it('keeps everything when the answer brings back, within the fade, all that was fading out', () => {
    vi.useFakeTimers()
    const cy = graph()
    const s = state()
    applyUpdate(cy, [node('a')], s)
    // the whole graph again: nothing new and nothing gone, so nothing is left to fade
    applyUpdate(cy, [node('a'), node('b'), edge('a', 'b')], s)
    vi.advanceTimersByTime(FADE_MS + 1)
    expect(cy.elements().map((e) => e.id())).toEqual(['a', 'b', 'a->b'])
    expect(cy.elements('.vanishing').length).toBe(0)
    expect(cy.getElementById('b').position()).toEqual({ x: 200, y: 0 })
    expect(s.timers.size).toBe(0)
  })

  it('leaves a label that cannot be read at this zoom waiting instead of writing it', () => {
    const cy = graph()
    cy.zoom(0.2)
    const s = state({ nodes: 0.5, edges: 0.5 })
    applyUpdate(cy, [node('a', 'a · 99 req/s'), node('b'), edge('a', 'b')], s)
    expect(cy.getElementById('a').data('label')).toBe('a')
    expect(s.deferred.get('a')).toBe('a · 99 req/s')
    // once the label on screen is the answer's, nothing waits for it any more
    applyUpdate(cy, [node('a'), node('b'), edge('a', 'b')], s)
    expect(s.deferred.has('a')).toBe(false)
  })
})

describe('initialDefinitions', () => {
  it('draws every element at its position, with the labels too small to be read left empty and waiting', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true })
    vi.spyOn(cy, 'width').mockReturnValue(800)
    vi.spyOn(cy, 'height').mockReturnValue(600)
    cy.zoom(0.2)
    const deferred = new Map<string, string>()
    const positions = new Map([['a', { x: 0, y: 0 }], ['b', { x: 100, y: 0 }]])
    const defs = initialDefinitions(cy, [node('a', 'a · 1 req/s'), node('b', 'b · 2 req/s'), edge('a', 'b', '1 req/s')], positions, { nodes: 0.1, edges: 0.5 }, deferred)
    expect(defs.map((d) => [d.data.id, d.data.label, d.position])).toEqual([
      ['a', 'a · 1 req/s', { x: 0, y: 0 }],
      ['b', 'b · 2 req/s', { x: 100, y: 0 }],
      ['a->b', '', undefined],
    ])
    expect([...deferred]).toEqual([['a->b', '1 req/s']])
  })
})

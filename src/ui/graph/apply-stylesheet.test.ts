import cytoscape from 'cytoscape'
import { describe, expect, it } from 'vitest'
import type { StyleRule } from '../../domain/topology/stylesheet'
import { applySheet } from './apply-stylesheet'

const rules = (width: number): StyleRule[] => [{ selector: 'node', style: { width } }]

function graph() {
  const cy = cytoscape({ headless: true, styleEnabled: true })
  cy.add([{ group: 'nodes', data: { id: 'a' } }, { group: 'nodes', data: { id: 'b' } }])
  // Cytoscape marks an element's style dirty when the stylesheet is replaced: count the elements restyled
  let restyled = 0
  cy.on('style', () => void restyled++)
  return { cy, restyled: () => restyled }
}

describe('applySheet', () => {
  it('styles the graph with new rules', () => {
    const { cy } = graph()
    const applied = { current: null }
    applySheet(cy, rules(40), applied)
    expect(cy.getElementById('a').numericStyle('width')).toBe(40)
    applySheet(cy, rules(50), applied)
    expect(cy.getElementById('b').numericStyle('width')).toBe(50)
  })

  it('restyles nothing when given the rules the graph has, in a new array', () => {
    const { cy, restyled } = graph()
    const applied = { current: null }
    applySheet(cy, rules(40), applied)
    const after = restyled()
    expect(after).toBeGreaterThan(0)
    applySheet(cy, rules(40), applied)
    expect(restyled()).toBe(after)
    applySheet(cy, rules(41), applied)
    expect(restyled()).toBeGreaterThan(after)
  })
})

import type { Core, StylesheetJson } from 'cytoscape'
import type { StyleRule } from '../../domain/topology/stylesheet'

/**
 * Gives the graph a stylesheet unless it has the same rules already (`applied` keeps the last
 * one given, as JSON). Cytoscape restyles every element for a new stylesheet, about 0.5–0.8 ms an
 * element on a slow machine, even when its rules are the ones the graph has.
 */
export function applySheet(cy: Core, rules: readonly StyleRule[], applied: { current: string | null }): void {
  const json = JSON.stringify(rules)
  if (json === applied.current) return
  applied.current = json
  cy.style(rules as unknown as StylesheetJson)
}

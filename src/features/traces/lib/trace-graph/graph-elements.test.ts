import { describe, expect, it } from 'vitest'
import type { TraceGraph, TraceGraphNode } from '../../../../domain/trace/trace-graph'
import { assignServiceColors } from '../../../../lib/service-palette'
import { cssColorToHex } from '../../../../lib/service-color'
import { graphElements, graphStylesheet } from './graph-elements'
import type { TraceGraphPalette } from './graph-elements'

const node = (service: string): TraceGraphNode => ({
  id: service, service, operation: null, spans: 1, errors: 0, total: 10, self: 10, unaccounted: 0, critical: 0, entry: false, inferred: false, inChain: false, origin: false,
})
const graph: TraceGraph = { group: 'service', nodes: ['api-gateway', 'checkout-bff', 'stock-service'].map(node), edges: [], spanCount: 3 }
const palette: TraceGraphPalette = { fg: '#000000', bg: '#ffffff', border: '#888888', crit: '#c21f2c', warn: '#8a5a00', ok: '#1d7a3e', unknown: '#5f6673', critical: '#d97706', accent: '#1f5fd1', font: 'sans-serif' }

describe('per-trace graph stylesheet', () => {
  it('fills each service’s nodes with the service’s colour on the page, in a form Cytoscape reads (hex)', () => {
    const colours = assignServiceColors(graph.nodes.map((n) => n.service))
    const rules = graphStylesheet(graph, palette, (s) => colours.get(s) ?? '')
    for (const el of graphElements(graph).filter((e) => e.group === 'nodes')) {
      const svc = String(el.data.id)
      const cls = (el.classes ?? []).find((c) => c.startsWith('svc-'))
      const fill = rules.find((r) => r.selector === `node.${cls}`)?.style['background-color']
      expect(fill).toMatch(/^#[0-9a-f]{6}$/)
      expect(fill).toBe(cssColorToHex(colours.get(svc) ?? ''))
    }
    // the palette's own syntax (space-separated hsl) is what Cytoscape paints grey: it must not leak through
    expect(JSON.stringify(rules)).not.toMatch(/hsl\(\d+ /)
  })
})

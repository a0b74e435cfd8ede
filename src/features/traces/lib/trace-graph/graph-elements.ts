/** The per-trace graph as elements and a stylesheet for the graph owner (src/ui/graph). */
import { errorLevel, HEALTH_MARK } from '../../../../domain/topology/health'
import type { GraphElement } from '../../../../domain/topology/elements'
import type { StyleRule } from '../../../../domain/topology/stylesheet'
import type { TraceGraph, TraceGraphNode } from '../../../../domain/trace/trace-graph'
import { formatDuration, formatInteger, isolateText } from '../../../../lib/format'
import { cssColorToHex, serviceColor } from '../../../../lib/service-color'

const MIN_NODE = 26
const MAX_NODE = 72

/** Health as on the topology page, from the share of the node's spans that failed (same thresholds). */
export function nodeHealth(n: TraceGraphNode): 'ok' | 'warning' | 'critical' | 'unknown' {
  if (n.spans === 0) return 'unknown'
  return errorLevel(n.errors / n.spans)
}

export const nodeName = (n: Pick<TraceGraphNode, 'service' | 'operation'>) => (n.operation === null ? n.service : `${n.service} ${n.operation}`)

export function graphElements(g: TraceGraph): GraphElement[] {
  const maxSelf = Math.max(1, ...g.nodes.map((n) => n.self))
  const services = [...new Set(g.nodes.map((n) => n.service))]
  const out: GraphElement[] = g.nodes.map((n) => {
    const health = nodeHealth(n)
    const glyph = HEALTH_MARK[health].glyph
    const lines = [
      `${glyph ? `${glyph} ` : ''}${isolateText(nodeName(n))}`,
      n.spans === 0 ? 'not captured (known from callers)' : `self ${formatDuration(n.self)} · ${formatInteger(n.spans)} span${n.spans === 1 ? '' : 's'}${n.errors ? ` · ${formatInteger(n.errors)} err` : ''}`,
    ]
    const classes = [`health-${health}`, `svc-${services.indexOf(n.service)}`]
    if (n.inChain) classes.push('in-chain')
    if (n.origin) classes.push('chain-origin')
    if (n.critical > 0) classes.push('on-critical')
    return { group: 'nodes', data: { id: n.id, label: lines.join('\n'), width: MIN_NODE + (MAX_NODE - MIN_NODE) * Math.sqrt(n.self / maxSelf) }, classes }
  })
  const maxCalls = Math.max(1, ...g.edges.map((e) => e.calls))
  for (const e of g.edges) {
    const classes = [e.errors > 0 ? 'has-errors' : 'no-errors']
    if (e.inChain) classes.push('in-chain')
    if (e.critical > 0) classes.push('on-critical')
    if (e.async) classes.push('async')
    if (e.inferred) classes.push('inferred')
    out.push({
      group: 'edges',
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        label: `${formatInteger(e.calls)}× · ${formatDuration(e.total)}${e.errors ? ` · ${formatInteger(e.errors)} err` : ''}`,
        width: 1.5 + (6 * Math.log10(1 + e.calls)) / Math.log10(1 + maxCalls),
      },
      classes,
    })
  }
  return out
}

export interface TraceGraphPalette {
  fg: string
  bg: string
  border: string
  crit: string
  warn: string
  ok: string
  unknown: string
  critical: string
  accent: string
  font: string
}

/**
 * The fill of a service's nodes: the service's colour on this page (`colorOf`, the same as its
 * Gantt bars and swatches) as hex, since Cytoscape paints the palette's space-separated `hsl()` grey.
 */
export function nodeFill(service: string, colorOf: (service: string) => string = serviceColor): string {
  return cssColorToHex(colorOf(service)) ?? cssColorToHex(serviceColor(service)) ?? '#5f6673'
}

export function graphStylesheet(g: TraceGraph, p: TraceGraphPalette, colorOf: (service: string) => string = serviceColor): StyleRule[] {
  const services = [...new Set(g.nodes.map((n) => n.service))]
  const health = (h: 'ok' | 'warning' | 'critical' | 'unknown', line: string): StyleRule => ({ selector: `node.health-${h}`, style: { shape: HEALTH_MARK[h].shape, 'border-color': line } })
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)', 'font-family': p.font, 'font-size': 12, color: p.fg, 'text-wrap': 'wrap', 'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 4,
        'text-background-color': p.bg, 'text-background-opacity': 0.85, 'text-background-padding': '2px', width: 'data(width)', height: 'data(width)', 'border-width': 3, 'min-zoomed-font-size': 6,
      },
    },
    ...services.map((s, i) => ({ selector: `node.svc-${i}`, style: { 'background-color': nodeFill(s, colorOf) } })),
    health('ok', p.ok),
    health('warning', p.warn),
    { ...health('critical', p.crit), style: { ...health('critical', p.crit).style, 'border-width': 4 } },
    { ...health('unknown', p.unknown), style: { ...health('unknown', p.unknown).style, 'border-style': 'dashed', 'background-opacity': 0.35 } },
    { selector: 'node.chain-origin', style: { 'outline-width': 4, 'outline-color': p.crit, 'outline-offset': 3 } },
    {
      selector: 'edge',
      style: {
        width: 'data(width)', 'curve-style': 'bezier', 'line-color': p.border, 'target-arrow-color': p.border, 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8,
        label: 'data(label)', 'font-family': p.font, 'font-size': 10, color: p.fg, 'text-rotation': 'autorotate', 'text-background-color': p.bg, 'text-background-opacity': 0.85, 'text-background-padding': '1px', 'min-zoomed-font-size': 8,
      },
    },
    { selector: 'edge.on-critical', style: { 'line-color': p.critical, 'target-arrow-color': p.critical } },
    { selector: 'edge.has-errors', style: { 'line-color': p.crit, 'target-arrow-color': p.crit } },
    { selector: 'edge.in-chain', style: { 'line-color': p.crit, 'target-arrow-color': p.crit, 'line-style': 'solid', width: 6, 'z-index': 10 } },
    { selector: 'edge.async', style: { 'line-style': 'dashed' } },
    { selector: 'edge.inferred', style: { 'line-style': 'dotted' } },
    { selector: 'node:selected', style: { 'overlay-color': p.accent, 'overlay-opacity': 0.2, 'overlay-padding': 6 } },
    { selector: 'edge:selected', style: { 'overlay-color': p.accent, 'overlay-opacity': 0.25, 'overlay-padding': 4 } },
  ]
}

import { HEALTH_MARK } from './health'

/** The graph's stylesheet as plain data, from theme colours resolved by the caller. Pure. */
export interface GraphPalette {
  fg: string
  fgMuted: string
  bg: string
  bgRaised: string
  bgSunken: string
  border: string
  borderStrong: string
  accent: string
  ok: string
  okBg: string
  warn: string
  warnBg: string
  crit: string
  critBg: string
  /** over capacity in a what-if (not an error: its own colour) */
  capacity: string
  unknown: string
  unknownBg: string
  font: string
}

export interface StyleRule {
  selector: string
  style: Record<string, string | number | number[]>
}

const NODE_FONT = 13
const EDGE_FONT = 9
/** below this on-screen size (px) a label is not drawn at all */
const minShown = (large: boolean) => ({ nodes: large ? 9 : 5, edges: large ? 11 : 9 })

/**
 * The zoom level under which node and edge labels are too small to be drawn. Below it a graph
 * need not keep its labels current: nothing on screen shows them.
 */
export function labelMinZoom(opts: { large: boolean }): { nodes: number; edges: number } {
  const m = minShown(opts.large)
  return { nodes: m.nodes / NODE_FONT, edges: m.edges / EDGE_FONT }
}

/**
 * A CSS font list as Cytoscape accepts it: it takes family names in double quotes only, and warns
 * (once per stylesheet) about anything else, such as the single quotes of the design tokens.
 */
export function graphFontFamily(css: string): string {
  const names = css
    .split(',')
    .map((f) => f.trim().replace(/^['"]|['"]$/g, '').replace(/[^\w\- ]/g, ''))
    .filter(Boolean)
  return names.map((n) => (n.includes(' ') ? `"${n}"` : n)).join(', ') || 'sans-serif'
}

export function buildStylesheet(p: GraphPalette, opts: { large: boolean }): StyleRule[] {
  const shown = minShown(opts.large)
  const font = graphFontFamily(p.font)
  const health = (h: 'ok' | 'warning' | 'critical' | 'unknown', fill: string, line: string): StyleRule => ({
    selector: `node.health-${h}`,
    style: { shape: HEALTH_MARK[h].shape, 'background-color': fill, 'border-color': line },
  })
  const tone = (t: string, color: string): StyleRule => ({
    selector: `edge.tone-${t}`,
    style: { 'line-color': color, 'target-arrow-color': color },
  })
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': font,
        'font-size': NODE_FONT,
        color: p.fg,
        'text-wrap': 'wrap',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-background-color': p.bg,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        width: 30,
        height: 30,
        'border-width': 3,
        'min-zoomed-font-size': shown.nodes,
        'transition-property': 'opacity',
        'transition-duration': 400,
      },
    },
    health('ok', p.okBg, p.ok),
    health('warning', p.warnBg, p.warn),
    { ...health('critical', p.critBg, p.crit), style: { ...health('critical', p.critBg, p.crit).style, width: 38, height: 38, 'border-width': 4 } },
    { ...health('unknown', p.unknownBg, p.unknown), style: { ...health('unknown', p.unknownBg, p.unknown).style, 'border-style': 'dashed' } },
    { selector: 'node.silent-whole', style: { 'border-style': 'dotted' } },
    { selector: 'node.has-alert', style: { 'outline-width': 3, 'outline-color': p.crit, 'outline-offset': 3, 'outline-opacity': 0.6 } },
    {
      selector: 'node.box',
      style: {
        shape: 'round-rectangle',
        'background-color': p.bgSunken,
        'background-opacity': 0.6,
        'border-color': p.borderStrong,
        'border-width': 1,
        'border-style': 'dashed',
        'text-valign': 'top',
        'text-halign': 'center',
        'font-weight': 'bold',
        'font-size': 12,
        color: p.fgMuted,
        padding: '18px',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'curve-style': opts.large ? 'haystack' : 'bezier',
        'line-color': p.borderStrong,
        'target-arrow-color': p.borderStrong,
        'target-arrow-shape': opts.large ? 'none' : 'triangle',
        'arrow-scale': 0.8,
        label: 'data(label)',
        'font-family': font,
        'font-size': EDGE_FONT,
        color: p.fgMuted,
        'text-wrap': 'wrap',
        'text-rotation': 'autorotate',
        'text-background-color': p.bg,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': shown.edges,
        opacity: 0.9,
        'transition-property': 'opacity',
        'transition-duration': 400,
      },
    },
    tone('none', p.borderStrong),
    tone('ok', p.ok),
    tone('warning', p.warn),
    tone('critical', p.crit),
    { selector: '.diff-new', style: { 'underlay-color': p.accent, 'underlay-opacity': 0.25, 'underlay-padding': 4 } },
    { selector: 'edge.diff-vanished', style: { 'line-style': 'dashed', opacity: 0.5 } },
    { selector: 'node.diff-vanished', style: { opacity: 0.45, 'border-style': 'dashed' } },
    { selector: 'node.what-if', style: { 'border-color': p.accent } },
    { selector: 'node.over-capacity', style: { 'border-color': p.capacity, 'border-width': 7, 'border-style': 'double', 'underlay-color': p.capacity, 'underlay-opacity': 0.18, 'underlay-padding': 6 } },
    { selector: 'edge.what-if', style: { 'line-style': 'solid' } },
    { selector: '.found', style: { 'underlay-color': p.accent, 'underlay-opacity': 0.35, 'underlay-padding': 8 } },
    { selector: '.vanishing', style: { opacity: 0 } },
    { selector: 'node:selected', style: { 'overlay-color': p.accent, 'overlay-opacity': 0.2, 'overlay-padding': 6 } },
    { selector: 'edge:selected', style: { 'overlay-color': p.accent, 'overlay-opacity': 0.25, 'overlay-padding': 4 } },
  ]
}

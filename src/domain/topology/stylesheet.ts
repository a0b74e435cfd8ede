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

export const NODE_FONT = 13
const EDGE_FONT = 9
/** calls that are critical are labelled first: their labels are drawn from a lower zoom */
const CRITICAL_EDGE_FONT = 11
/** no label is drawn smaller than this on screen (px): below it, it is hidden (the side panel and the node's title say it) */
export const MIN_LABEL_PX = 11
/** the largest a node's name grows (graph px) to stay legible when zoomed out */
const MAX_NAME_FONT = 36
/** the largest a critical call's label grows (graph px) */
const MAX_CRITICAL_FONT = 24
const minShown = () => ({ nodes: MIN_LABEL_PX, edges: MIN_LABEL_PX })

/**
 * The zoom level under which node and edge labels are too small to be drawn. Below it a graph
 * need not keep its labels current: nothing on screen shows them.
 */
export function labelMinZoom(_opts: { large: boolean }): { nodes: number; edges: number } {
  const m = minShown()
  return { nodes: m.nodes / NODE_FONT, edges: m.edges / EDGE_FONT }
}

/**
 * Semantic zoom for graphs small enough to restyle while zooming: what node labels say and how
 * big they are drawn at a zoom level. Zoomed in enough for 13 px text, a node shows its name and
 * figures; below that only its name, drawn larger in the graph so that it stays at least
 * MIN_LABEL_PX on screen, down to the zoom where even MAX_NAME_FONT is too small (then hidden).
 */
export function semanticLabels(zoom: number): { nodeFont: number; detail: boolean; nodes: boolean; edges: boolean; criticalFont: number; critical: boolean } {
  const needed = (MIN_LABEL_PX + 0.5) / Math.max(zoom, 1e-3)
  // critical calls keep a label as long as it can be drawn legibly at up to MAX_CRITICAL_FONT
  const criticalFont = Math.max(CRITICAL_EDGE_FONT, Math.min(MAX_CRITICAL_FONT, Math.ceil(needed)))
  const critical = criticalFont * zoom >= MIN_LABEL_PX
  const edges = EDGE_FONT * zoom >= MIN_LABEL_PX
  if (needed <= NODE_FONT) return { nodeFont: NODE_FONT, detail: true, nodes: true, edges, criticalFont, critical }
  const nodeFont = Math.min(MAX_NAME_FONT, Math.ceil(needed))
  return { nodeFont, detail: false, nodes: nodeFont * zoom >= MIN_LABEL_PX, edges, criticalFont, critical }
}

/**
 * Zoom levels at which the semantic labels change, in steps of about 9 %: restyling happens only
 * when one is crossed. Returns the lowest zoom of the step `zoom` is in, the one to style for, so
 * that every zoom of the step draws labels at least MIN_LABEL_PX.
 */
export function zoomTier(zoom: number): number {
  return 2 ** ((Math.round(Math.log2(Math.max(zoom, 1e-3)) * 8) - 0.5) / 8)
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

export function buildStylesheet(p: GraphPalette, opts: { large: boolean; zoom?: number | null; boxZoom?: number | null }): StyleRule[] {
  const shown = minShown()
  // semantic zoom (small graphs): the font and the label's content follow the zoom tier
  const semantic = opts.zoom != null ? semanticLabels(opts.zoom) : null
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
        // semantic zoom: a label that cannot be drawn at 11 px or more is not drawn (Cytoscape's own
        // min-zoomed-font-size rounds the zoom to a power of two, so it would draw some smaller)
        label: !semantic ? 'data(label)' : !semantic.nodes ? '' : semantic.detail ? 'data(label)' : 'data(name)',
        'font-family': font,
        'font-size': semantic?.nodeFont ?? NODE_FONT,
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
    // a label that would overlap another label or node at this zoom says the name alone, or nothing
    // (the hover card and the list beside the graph say it): data `declutter` 1 or 2
    ...(semantic ? [{ selector: 'node[declutter = 1]', style: { label: 'data(name)' } }, { selector: 'node[declutter = 2]', style: { label: '' } }, { selector: 'node[declutter = 3]', style: { label: 'data(name)', 'text-valign': 'top', 'text-margin-y': -4 } }] : []),
    health('ok', p.okBg, p.ok),
    health('warning', p.warnBg, p.warn),
    { ...health('critical', p.critBg, p.crit), style: { ...health('critical', p.critBg, p.crit).style, width: 38, height: 38, 'border-width': 4 } },
    { ...health('unknown', p.unknownBg, p.unknown), style: { ...health('unknown', p.unknownBg, p.unknown).style, 'border-style': 'dashed' } },
    // a closed group (DC, cluster, layer): bigger, its name bold
    { selector: 'node.group-node', style: { width: 52, height: 52, 'font-weight': 'bold' } },
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
        label: 'data(label)',
        'font-weight': 'bold',
        // a box's name stays at least 13 px on screen at any zoom it is drawn at
        'font-size': opts.boxZoom != null ? Math.max(14, Math.ceil(13.5 / Math.max(opts.boxZoom, 1e-3))) : 14,
        'min-zoomed-font-size': 0,
        color: p.fg,
        'text-margin-y': -4,
        'text-background-opacity': 0,
        padding: '24px',
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
        label: semantic && !semantic.edges ? '' : 'data(label)',
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
    // critical calls are labelled first: drawn from a lower zoom than the others
    {
      selector: 'edge.tone-critical',
      style: semantic
        ? { 'font-size': semantic.criticalFont, color: p.fg, label: semantic.critical ? 'data(label)' : '' }
        : { 'font-size': CRITICAL_EDGE_FONT, color: p.fg },
    },
    // a call label that would cover another label or a node is left out (the hover card and the call table say it)
    ...(semantic ? [{ selector: 'edge[declutter = 1]', style: { label: 'data(short)' } }, { selector: 'edge[declutter = 2]', style: { label: '' } }, { selector: 'edge[lmx]', style: { 'text-margin-x': 'data(lmx)', 'text-margin-y': 'data(lmy)' } }] : []),
    // against a baseline: what changed by colour, line and width; red only for more errors
    { selector: 'edge.diffk-same', style: { 'line-color': p.borderStrong, 'target-arrow-color': p.borderStrong, opacity: 0.35 } },
    { selector: 'node.diffk-same', style: { opacity: 0.55 } },
    { selector: 'edge.diffk-errors-up', style: { 'line-color': p.crit, 'target-arrow-color': p.crit, 'line-style': 'solid', opacity: 1 } },
    { selector: 'edge.diffk-slower', style: { 'line-color': p.warn, 'target-arrow-color': p.warn, 'line-style': 'dotted', opacity: 1 } },
    { selector: 'edge.diffk-better', style: { 'line-color': p.ok, 'target-arrow-color': p.ok, 'line-style': 'solid', opacity: 1 } },
    { selector: 'edge.diffk-new', style: { 'line-color': p.accent, 'target-arrow-color': p.accent, opacity: 1 } },
    { selector: 'node.diffk-errors-up', style: { 'underlay-color': p.crit, 'underlay-opacity': 0.3, 'underlay-padding': 7, 'underlay-shape': 'ellipse' } },
    { selector: 'node.diffk-slower', style: { 'underlay-color': p.warn, 'underlay-opacity': 0.3, 'underlay-padding': 7, 'underlay-shape': 'ellipse' } },
    { selector: 'node.diffk-better', style: { 'underlay-color': p.ok, 'underlay-opacity': 0.25, 'underlay-padding': 7, 'underlay-shape': 'ellipse' } },
    { selector: '.diff-new', style: { 'underlay-color': p.accent, 'underlay-opacity': 0.3, 'underlay-padding': 6 } },
    { selector: 'edge.diff-vanished', style: { 'line-style': 'dashed', 'line-color': p.fgMuted, 'target-arrow-color': p.fgMuted, opacity: 0.6 } },
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

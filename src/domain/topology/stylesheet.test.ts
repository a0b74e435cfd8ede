import { describe, expect, it } from 'vitest'
import { buildStylesheet, graphFontFamily, labelMinZoom, MIN_LABEL_PX, semanticLabels, zoomTier } from './stylesheet'
import type { GraphPalette } from './stylesheet'

const palette: GraphPalette = {
  fg: 'fg', fgMuted: 'muted', bg: 'bg', bgRaised: 'raised', bgSunken: 'sunken', border: 'border', borderStrong: 'strong', accent: 'accent',
  ok: 'ok', okBg: 'ok-bg', warn: 'warn', warnBg: 'warn-bg', crit: 'crit', critBg: 'crit-bg', capacity: 'capacity', unknown: 'unknown', unknownBg: 'unknown-bg', font: 'font',
}
const rule = (large: boolean, selector: string) => buildStylesheet(palette, { large }).find((r) => r.selector === selector)?.style

describe('buildStylesheet', () => {
  it('gives every health its own shape as well as its colour', () => {
    const shapes = ['ok', 'warning', 'critical', 'unknown'].map((h) => rule(false, `node.health-${h}`)?.shape)
    expect(new Set(shapes).size).toBe(4)
    expect(rule(false, 'node.health-critical')).toMatchObject({ shape: 'octagon', 'border-color': 'crit' })
    expect(rule(false, 'node.health-unknown')).toMatchObject({ 'border-style': 'dashed' })
  })
  it('takes colours only from the palette it is given', () => {
    expect(rule(false, 'edge.tone-critical')).toEqual({ 'line-color': 'crit', 'target-arrow-color': 'crit' })
  })
  it('draws cheaper edges for large graphs', () => {
    expect(rule(true, 'edge')).toMatchObject({ 'curve-style': 'haystack', 'target-arrow-shape': 'none' })
    expect(rule(false, 'edge')).toMatchObject({ 'curve-style': 'bezier', 'target-arrow-shape': 'triangle' })
  })
  it('names the zoom under which each label is not drawn, as the stylesheet draws it', () => {
    for (const large of [false, true]) {
      const z = labelMinZoom({ large })
      const node = rule(large, 'node')
      const edge = rule(large, 'edge')
      expect(Number(node?.['font-size']) * z.nodes).toBeCloseTo(Number(node?.['min-zoomed-font-size']))
      expect(Number(edge?.['font-size']) * z.edges).toBeCloseTo(Number(edge?.['min-zoomed-font-size']))
    }
    // no label is ever drawn under 11 px on screen
    expect(rule(false, 'node')?.['min-zoomed-font-size']).toBe(MIN_LABEL_PX)
    expect(rule(true, 'edge')?.['min-zoomed-font-size']).toBe(MIN_LABEL_PX)
  })
  it('semantic zoom: zoomed out a node says only its name, drawn larger so it stays legible; zoomed in its figures too', () => {
    for (const zoom of [0.45, 0.55, 0.7, 0.85]) {
      const { nodeFont, detail } = semanticLabels(zoom)
      expect(detail).toBe(false)
      expect(nodeFont * zoom).toBeGreaterThanOrEqual(MIN_LABEL_PX)
      const node = buildStylesheet(palette, { large: false, zoom }).find((r) => r.selector === 'node')?.style
      expect(node).toMatchObject({ label: 'data(name)', 'font-size': nodeFont })
    }
    expect(semanticLabels(1)).toMatchObject({ nodeFont: 13, detail: true, nodes: true })
    expect(buildStylesheet(palette, { large: false, zoom: 1.2 }).find((r) => r.selector === 'node')?.style.label).toBe('data(label)')
    // far out even the largest name would be under 11 px: the stylesheet hides it rather than draw it smaller
    const far = semanticLabels(0.2)
    expect(far.nodes).toBe(false)
    expect(buildStylesheet(palette, { large: false, zoom: 0.2 }).find((r) => r.selector === 'node')?.style.label).toBe('')
    // calls: only critical ones are labelled when zoomed out, and only where 11 px can be reached
    const out = buildStylesheet(palette, { large: false, zoom: 0.55 })
    expect(out.find((r) => r.selector === 'edge')?.style.label).toBe('')
    const crit = out.find((r) => r.selector === 'edge.tone-critical' && 'label' in r.style)?.style
    expect(Number(crit?.['font-size']) * 0.55).toBeGreaterThanOrEqual(MIN_LABEL_PX)
    expect(crit?.label).toBe('data(label)')
    // restyling happens in steps, not on every zoom event, and every zoom of a step draws names at 11 px or more
    expect(zoomTier(0.55)).toBe(zoomTier(0.56))
    expect(zoomTier(0.55)).not.toBe(zoomTier(0.7))
    for (let z = 0.45; z < 1.5; z += 0.01) {
      const { nodeFont } = semanticLabels(zoomTier(z))
      expect(nodeFont * z).toBeGreaterThanOrEqual(MIN_LABEL_PX)
    }
  })
  it('labels critical calls first: from a lower zoom than the others', () => {
    const sheet = buildStylesheet(palette, { large: false })
    const critical = sheet.filter((r) => r.selector === 'edge.tone-critical').map((r) => r.style['font-size']).find((f) => f !== undefined)
    expect(Number(critical)).toBeGreaterThan(Number(rule(false, 'edge')?.['font-size']))
  })
})

describe('graphFontFamily', () => {
  // Cytoscape's own pattern for font-family; a value outside it is dropped with a console warning
  const accepted = /^([\w- "]+(?:\s*,\s*[\w- "]+)*)$/
  it('turns the design tokens\' font list into one Cytoscape accepts, keeping every family', () => {
    const css = "'Inter', 'Segoe UI', system-ui, -apple-system, 'Liberation Sans', sans-serif"
    expect(accepted.test(css)).toBe(false)
    const out = graphFontFamily(css)
    expect(out).toBe('Inter, "Segoe UI", system-ui, -apple-system, "Liberation Sans", sans-serif')
    expect(accepted.test(out)).toBe(true)
  })
  it('falls back to sans-serif when nothing is left', () => {
    expect(graphFontFamily("''")).toBe('sans-serif')
  })
})

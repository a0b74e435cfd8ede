import { describe, expect, it } from 'vitest'
import { buildStylesheet, graphFontFamily, labelMinZoom } from './stylesheet'
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
    // big graphs drop labels sooner when zoomed out
    expect(labelMinZoom({ large: true }).edges).toBeGreaterThan(labelMinZoom({ large: false }).edges)
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

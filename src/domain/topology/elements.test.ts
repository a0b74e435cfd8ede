import { describe, expect, it } from 'vitest'
import { diffBaseline } from './baseline'
import { buildElements, edgeWidth } from './elements'
import type { ElementOptions } from './elements'
import { edge, node, topo } from './fixtures.test-util'
import { whatIf } from './what-if'

const fmt: ElementOptions['fmt'] = { rate: (r) => `${r}/s`, pct: (x) => `${Math.round(x * 100)} %`, dur: (us) => `${us / 1000} ms` }
const t = topo([node('gw', { rps: 100 }), node('stock', { health: 'critical', rps: 30, peakRps: 40 })], [edge('gw', 'stock', 30, { errorRate: 0.3, p50: 2_000, p99: 90_000 })])
const base: ElementOptions = {
  overlays: { traffic: true, latency: false, errors: false }, groupBy: 'service', health: new Map(), changes: new Map(), alerts: new Map(),
  baseline: null, whatIf: null, found: new Set(), fmt,
}
const label = (els: ReturnType<typeof buildElements>, id: string) => els.find((e) => e.data.id === id)?.data.label ?? ''
const classes = (els: ReturnType<typeof buildElements>, id: string) => els.find((e) => e.data.id === id)?.classes ?? []

describe('buildElements', () => {
  it('draws a name with a right-to-left override or an unclosed isolate shown and isolated, so the health glyph and metrics keep their order', () => {
    const hostile = topo([node('gw', { label: '\u202eevil', rps: 100, health: 'critical' }), node('pay', { label: 'pay\u2066x', rps: 3 })], [edge('gw', 'pay', 3)])
    const gw = label(buildElements(hostile, base), 'gw').split('\n')
    expect(gw[0]).toBe('✖ \u2068⟨U+202E⟩evil\u2069')
    expect(gw[1]).toBe('100/s')
    const pay = label(buildElements(hostile, base), 'pay')
    expect(pay.startsWith('\u2068pay⟨U+2066⟩x\u2069')).toBe(true)
    for (const l of [gw.join('\n'), pay]) expect(l).not.toMatch(/[\u202a-\u202e\u2066\u2067]/u)
  })

  it('keeps the topology ids, so elements stay the same across refreshes', () => {
    expect(buildElements(t, base).map((e) => e.data.id)).toEqual(['gw', 'stock', 'gw->stock'])
  })
  it('gives a call whose errors are not reported no error tone (not the green of "under 1 %")', () => {
    const unknown = topo([node('gw', { rps: 100 }), node('stock', { rps: 30 })], [edge('gw', 'stock', 30, { errorRate: 0, errorsUnknown: true }), edge('stock', 'gw', 1, { errorRate: 0 })])
    const els = buildElements(unknown, { ...base, overlays: { traffic: true, latency: false, errors: true } })
    expect(classes(els, 'gw->stock')).toContain('tone-none')
    expect(classes(els, 'stock->gw')).toContain('tone-ok')
  })
  it('labels edges by the overlays switched on', () => {
    expect(label(buildElements(t, base), 'gw->stock')).toBe('30/s')
    expect(label(buildElements(t, { ...base, overlays: { traffic: false, latency: true, errors: true } }), 'gw->stock')).toBe('30 % err · p50 2 ms · p99 90 ms')
  })
  it('shows health by class (shape) and glyph, plus deploy and alert badges', () => {
    const els = buildElements(t, { ...base, changes: new Map([['stock', 1]]), alerts: new Map([['stock', 2]]) })
    expect(classes(els, 'stock')).toEqual(expect.arrayContaining(['health-critical', 'has-change', 'has-alert']))
    expect(label(els, 'stock')).toContain('✖ stock')
    expect(label(els, 'stock')).toContain('[deploy]')
    expect(label(els, 'stock')).toContain('[alert ×2]')
  })
  it('marks a node silent for part of the window: "no data" (dotted) when all its data was missing, "part missing" when one DC was', () => {
    const silentT = topo([
      node('w', { silent: { from: 0, to: 300_000, seconds: 300, whole: true } }),
      node('s', { silent: { from: 0, to: 300_000, seconds: 300, whole: false } }),
      node('e'),
    ], [])
    const els = buildElements(silentT, base)
    expect(label(els, 'w')).toContain('no data 5 min')
    expect(classes(els, 'w')).toContain('silent-whole')
    expect(label(els, 's')).toContain('part missing 5 min')
    expect(classes(els, 's')).toContain('silent-part')
    expect(label(els, 'e')).not.toContain('missing')
    expect(classes(els, 'e').some((c) => c.startsWith('silent'))).toBe(false)
  })
  it('colours an erroring edge critical when the errors overlay is on', () => {
    expect(classes(buildElements(t, { ...base, overlays: { traffic: false, latency: false, errors: true } }), 'gw->stock')).toContain('tone-critical')
    expect(classes(buildElements(t, base), 'gw->stock')).toContain('tone-none')
  })
  it('puts nodes into DC boxes when grouped by DC', () => {
    const dc = topo([node('a@dc-east', { service: 'a', dc: 'dc-east' })], [])
    const els = buildElements(dc, { ...base, groupBy: 'dc' })
    expect(els[0]).toMatchObject({ data: { id: 'box:dc:dc-east' }, classes: ['box'] })
    expect(els[1].data.parent).toBe('box:dc:dc-east')
  })
  it('marks what-if nodes over capacity with a class of their own, apart from health', () => {
    const roomy = topo([node('gw', { rps: 100, peakRps: 300 }), t.nodes[1]], t.edges)
    const els = buildElements(roomy, { ...base, whatIf: whatIf({ shown: roomy, ops: null, groupBy: 'service', entryId: 'gw', factor: 2 }) })
    expect(classes(els, 'stock')).toEqual(expect.arrayContaining(['over-capacity', 'health-critical']))
    expect(label(els, 'stock')).toContain('→ 60/s · over capacity 40/s')
    expect(classes(els, 'gw')).not.toContain('over-capacity')
  })
  it('draws vanished baseline edges as ghosts', () => {
    const yesterday = topo([node('gw'), node('stock'), node('legacy')], [edge('gw', 'legacy', 3)])
    const els = buildElements(t, { ...base, baseline: diffBaseline(t, yesterday) })
    expect(classes(els, 'gw->legacy')).toContain('diff-vanished')
    expect(classes(els, 'gw->stock')).toContain('diff-new')
  })
})

describe('edgeWidth', () => {
  it('grows with rps on a log scale, within bounds', () => {
    expect(edgeWidth(0, 100)).toBe(1)
    expect(edgeWidth(100, 100)).toBe(9)
    expect(edgeWidth(10, 100)).toBeGreaterThan(1)
    expect(edgeWidth(10, 100)).toBeLessThan(9)
  })
  it('keeps the width of a call whose rate only jitters, and follows a real change', () => {
    expect(edgeWidth(1000, 5000)).toBe(edgeWidth(1004, 5000))
    expect(edgeWidth(1000, 5000) % 0.25).toBe(0)
    expect(edgeWidth(2000, 5000)).toBeGreaterThan(edgeWidth(1000, 5000))
  })
})

describe('latency and errors a source does not report are left out of labels, not shown as 0', () => {
  it('a Jaeger-dependencies edge shows its rate only, an approximate Prometheus one says ≈', () => {
    const t2 = topo([node('a'), node('b')], [
      edge('a', 'b', 30, { latencyBasis: 'none', errorsUnknown: true, p50: 0, p99: 0 }),
    ])
    const all = { ...base, overlays: { traffic: true, latency: true, errors: true } }
    expect(label(buildElements(t2, all), 'a->b')).toBe('30/s')
    const t3 = topo([node('a'), node('b')], [edge('a', 'b', 30, { latencyBasis: 'buckets', p50: 2_000, p99: 90_000 })])
    expect(label(buildElements(t3, all), 'a->b')).toBe('30/s · 0 % err · p50 ≈ 2 ms · p99 ≈ 90 ms')
  })
})

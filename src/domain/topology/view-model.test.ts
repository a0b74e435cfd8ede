import { describe, expect, it } from 'vitest'
import type { Alert, ChangeEvent } from '../model'
import { edge, node, topo } from './fixtures.test-util'
import { activeAlertsPerService, alertsIn, changesIn, changesPerService, neighboursOf, stepWindow, visibleGraph } from './view-model'

const t = topo(
  [node('gw'), node('order'), node('stock', { health: 'critical' }), node('db'), node('catalog')],
  [edge('gw', 'order', 5), edge('order', 'stock', 5, { errorRate: 0.3 }), edge('stock', 'db', 5), edge('gw', 'catalog', 9)],
)
const base = { focus: null, up: 1, down: 1, problemsOnly: false, groupBy: 'service' as const, showAll: false, health: new Map() }

describe('visibleGraph', () => {
  it('shows everything by default', () => {
    expect(visibleGraph(t, base).graph.nodes).toHaveLength(5)
  })
  it('keeps only the focus neighbourhood', () => {
    const v = visibleGraph(t, { ...base, focus: 'stock' })
    expect(v.graph.nodes.map((n) => n.id).sort()).toEqual(['db', 'order', 'stock'])
    expect(visibleGraph(t, { ...base, focus: 'nope' }).focusMissing).toBe(true)
  })
  it('"problems only" hides healthy nodes and calls', () => {
    const v = visibleGraph(t, { ...base, problemsOnly: true })
    expect(v.graph.nodes.map((n) => n.id).sort()).toEqual(['order', 'stock'])
    expect(v.graph.edges.map((e) => e.id)).toEqual(['order->stock'])
  })
  it('collapses a graph above the threshold unless focused or asked for all', () => {
    const v = visibleGraph(t, { ...base, threshold: 3 })
    expect(v.collapsed).toBe(true)
    // the problem drawn as it is, the rest one node per group, whose members are listed
    expect(v.graph.nodes.map((n) => n.id).sort()).toEqual(['group:backend', 'stock'])
    expect(v.overview).toEqual({ kind: 'problems', problems: 1, neighbours: 0, grouped: 4 })
    expect([...(v.members.get('group:backend') ?? [])].sort()).toEqual(['catalog', 'db', 'gw', 'order'])
    expect(v.graph.edges.map((e) => e.id).sort()).toEqual(['group:backend->stock', 'stock->group:backend'])
    expect(visibleGraph(t, { ...base, threshold: 3, showAll: true }).collapsed).toBe(false)
    expect(visibleGraph(t, { ...base, threshold: 3, focus: 'gw' }).collapsed).toBe(false)
  })
})

describe('visibleGraph overview of a large graph', () => {
  it('draws the problems with their callers and callees when they fit, the rest by group', () => {
    const v = visibleGraph(t, { ...base, threshold: 4 })
    expect(v.graph.nodes.map((n) => n.id).sort()).toEqual(['db', 'group:backend', 'order', 'stock'])
    expect(v.overview).toEqual({ kind: 'problems', problems: 1, neighbours: 2, grouped: 2 })
  })
  it('without health (every node "unknown", as from Jaeger) draws the busiest services with their callers and callees, the rest by group', () => {
    // hub: 6 callers; quiet: 1 caller; 20 services in all, threshold 8 (so the unknowns cannot all be drawn)
    const nodes = Array.from({ length: 20 }, (_, i) => node(`s${i}`, { health: 'unknown', layer: i < 10 ? 'edge' : 'backend' }))
    const edges = [...[1, 2, 3, 4, 5, 6].map((i) => edge(`s${i}`, 's0', 50)), edge('s7', 's8', 1), edge('s9', 's10', 0.5)]
    const v = visibleGraph(topo(nodes, edges), { ...base, health: new Map(nodes.map((n) => [n.id, 'unknown' as const])), threshold: 8 })
    expect(v.overview).toEqual({ kind: 'busiest', problems: 0, busiest: 1, neighbours: 6, grouped: 13 })
    const drawn = v.graph.nodes.map((n) => n.id)
    expect(drawn.filter((id) => !id.startsWith('group:')).sort()).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6'])
    expect(drawn.filter((id) => id.startsWith('group:')).sort()).toEqual(['group:backend', 'group:edge'])
  })
  it('focuses a group: its members and their neighbours, without asking the source for a service of that name', () => {
    const g = topo([node('a', { layer: 'gw' }), node('b', { layer: 'be' }), node('c', { layer: 'be' }), node('d', { layer: 'db' }), node('e', { layer: 'db' })], [edge('a', 'b', 1), edge('b', 'd', 1), edge('c', 'd', 1)])
    const v = visibleGraph(g, { ...base, focus: 'group:be' })
    expect(v.focusMissing).toBe(false)
    expect(v.graph.nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'c', 'd'])
    expect(v.members.get('group:be')).toEqual(['b', 'c'])
    expect(visibleGraph(g, { ...base, focus: 'group:nope' }).focusMissing).toBe(true)
  })
})

describe('events per service', () => {
  const change = (service: string, time: number): ChangeEvent => ({ id: `${service}${time}`, time, service, kind: 'deploy', description: '', version: null, dc: null, cluster: null, deployStage: null })
  const alert = (service: string, startsAt: number, endsAt: number | null): Alert => ({ id: `${service}${startsAt}`, service, severity: 'critical', startsAt, endsAt, summary: '', metric: '' })
  it('counts changes inside the window only', () => {
    expect(changesPerService([change('stock', 50), change('stock', 500)], 0, 100)).toEqual(new Map([['stock', 1]]))
  })
  it('counts alerts still firing at the end of the window', () => {
    expect(activeAlertsPerService([alert('a', 10, null), alert('b', 10, 50), alert('c', 200, null)], 100)).toEqual(new Map([['a', 1]]))
  })
  it('widens a window to whole steps, and cuts events of the wide window back to the window', () => {
    expect(stepWindow({ from: 61_000, to: 179_000 }, 60_000)).toEqual({ from: 60_000, to: 180_000 })
    expect(stepWindow({ from: 60_000, to: 120_000 }, 60_000)).toEqual({ from: 60_000, to: 120_000 })
    expect(changesIn([change('a', 99), change('b', 100), change('c', 199), change('d', 200)], 100, 200).map((c) => c.service)).toEqual(['b', 'c'])
    const alerts = [alert('ended-before', 0, 99), alert('ended-inside', 0, 100), alert('firing', 50, null), alert('starts-at-end', 200, null), alert('later', 250, 300)]
    expect(alertsIn(alerts, 100, 200).map((a) => a.service)).toEqual(['ended-inside', 'firing'])
  })
})

describe('neighboursOf', () => {
  it('lists callers and callees busiest first', () => {
    expect(neighboursOf(t, 'gw').callees.map((e) => e.target)).toEqual(['catalog', 'order'])
    expect(neighboursOf(t, 'stock').callers.map((e) => e.source)).toEqual(['order'])
  })
})

describe('visibleGraph grouped by DC', () => {
  const dcs = topo(
    [node('gw@e', { service: 'gw', dc: 'e', rps: 10 }), node('db@e', { service: 'db', dc: 'e', rps: 4, errorRate: 0.5 }), node('gw@w', { service: 'gw', dc: 'w', rps: 6 }), node('db@w', { service: 'db', dc: 'w', rps: 2, health: 'critical' })],
    [edge('gw@e', 'db@e', 4), edge('gw@w', 'db@w', 2)],
  )
  const byDc = { ...base, groupBy: 'dc' as const }
  it('lists every DC; a small graph opens them all, a big one closes them', () => {
    const v = visibleGraph(dcs, byDc)
    expect(v.groups).toEqual([{ key: 'e', open: true, members: 2 }, { key: 'w', open: true, members: 2 }])
    expect(v.graph.nodes).toHaveLength(4)
    const many = visibleGraph(topo(Array.from({ length: 61 }, (_, i) => node(`s${i}@e`, { dc: 'e' })), []), byDc)
    expect(many.groups).toEqual([{ key: 'e', open: false, members: 61 }])
    expect(many.graph.nodes.map((n) => n.id)).toEqual(['group:e'])
    // a selected node's DC starts open
    expect(visibleGraph(topo(Array.from({ length: 61 }, (_, i) => node(`s${i}@e`, { dc: 'e' })), []), { ...byDc, selected: 's3@e' }).groups[0].open).toBe(true)
  })
  it('a closed DC is one node with its members’ sums and its own health, its members’ counted apart; the open one keeps its members', () => {
    const v = visibleGraph(dcs, { ...byDc, openGroups: ['e'] })
    expect(v.graph.nodes.map((n) => n.id).sort()).toEqual(['db@e', 'group:w', 'gw@e'])
    const w = v.graph.nodes.find((n) => n.id === 'group:w')
    expect(w?.rps).toBe(8)
    // no member's calls fail: healthy on its own figures, though db@w's source calls it critical
    expect(w?.health).toBe('ok')
    expect(v.memberHealth.get('group:w')?.counts.critical).toBe(1)
    expect(v.memberHealth.get('group:w')?.worstMember).toBe('db@w')
    expect(v.members.get('group:w')).toEqual(['gw@w', 'db@w'])
    expect(v.groups).toEqual([{ key: 'e', open: true, members: 2 }, { key: 'w', open: false, members: 2 }])
    // the calls inside a closed DC are folded into it
    expect(v.graph.edges.map((e) => e.id)).toEqual(['gw@e->db@e'])
  })
})

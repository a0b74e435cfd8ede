import { isolateText } from '../../lib/format'
import type { Health, Silence, Topology, TopologyEdge, TopologyNode } from '../model'
import { diffKind, diffWidth } from './baseline'
import type { BaselineDiff, ElementDiff } from './baseline'
import { boxOf } from './grouping'
import type { GroupBy, MemberHealth } from './grouping'
import { HEALTH_MARK, errorLevel, latencyLevel } from './health'
import { latencyLabel, ownP99, type WithLatency } from './latency-basis'
import type { Level } from './health'
import type { WhatIfResult } from './what-if'

/**
 * Graph elements as plain data for the graph wrapper: ids are the topology's stable ids, so an
 * element keeps its identity (and position) across refreshes. Labels depend on the overlays.
 */
export interface Overlays {
  traffic: boolean
  latency: boolean
  errors: boolean
}

export interface ElementData {
  id: string
  label: string
  /** a node's first line alone (its health mark and name), drawn when zoomed out */
  name?: string
  parent?: string
  source?: string
  target?: string
  /** edge width in px (traffic overlay) */
  width?: number
  /** a call's label cut to one figure, drawn where the whole label does not fit */
  short?: string
}

export interface GraphElement {
  group: 'nodes' | 'edges'
  data: ElementData
  classes: string[]
}

export interface ElementOptions {
  overlays: Overlays
  groupBy: GroupBy
  health: ReadonlyMap<string, Health>
  /** deploys and other changes in the window, per service */
  changes: ReadonlyMap<string, number>
  /** active alerts per service */
  alerts: ReadonlyMap<string, number>
  baseline: BaselineDiff | null
  whatIf: WhatIfResult | null
  found: ReadonlySet<string>
  /** each group node's members' health (a group's own health is judged on its own error rate) */
  memberHealth?: ReadonlyMap<string, MemberHealth>
  /** numbers shown with units; injected so the domain stays free of locale choices */
  fmt: { rate: (rps: number) => string; pct: (ratio: number) => string; dur: (us: number) => string }
}

const MIN_WIDTH = 1
const MAX_WIDTH = 9

/** Widths are rounded to this step (px): finer differences cannot be seen, and each one would restyle the edge. */
const WIDTH_STEP = 0.25

/**
 * Log scale, so a 10 rps call stays visible next to a 10k rps one. Rounded to quarter pixels, so
 * the usual jitter of a live refresh leaves most edges exactly as they were.
 */
export function edgeWidth(rps: number, maxRps: number): number {
  if (maxRps <= 0 || rps <= 0) return MIN_WIDTH
  const w = MIN_WIDTH + ((MAX_WIDTH - MIN_WIDTH) * Math.log10(1 + rps)) / Math.log10(1 + maxRps)
  return Math.round(w / WIDTH_STEP) * WIDTH_STEP
}

function edgeTone(e: TopologyEdge, o: Overlays): Level | 'none' {
  // a call whose source reports no errors (Jaeger's dependency links) is not "under 1 %": it has no error tone
  const err = e.errorsUnknown === true ? 'none' : errorLevel(e.errorRate)
  if (o.errors && err !== 'ok' && err !== 'none') return err
  if (o.latency) {
    const p99 = ownP99(e)
    return p99 === null ? 'none' : latencyLevel(p99)
  }
  if (o.errors) return err
  return 'none'
}

function metricLine(x: WithLatency & { rps: number; errorRate: number; errorsUnknown?: boolean }, o: Overlays, f: ElementOptions['fmt']): string {
  const parts: string[] = []
  if (o.traffic) parts.push(f.rate(x.rps))
  if (o.errors && x.errorsUnknown !== true) parts.push(`${f.pct(x.errorRate)} err`)
  const lat = o.latency ? latencyLabel(x, f.dur) : ''
  if (lat) parts.push(lat)
  return parts.join(' · ')
}

/** The one figure a call's label keeps where the whole does not fit: its error rate when it fails, else its rate. */
function shortLine(x: { rps: number; errorRate: number; errorsUnknown?: boolean }, o: Overlays, f: ElementOptions['fmt']): string {
  if (o.errors && x.errorsUnknown !== true && x.errorRate >= 0.01) return `${f.pct(x.errorRate)} err`
  return o.traffic ? f.rate(x.rps) : ''
}

function diffLine(d: ElementDiff | undefined, f: ElementOptions['fmt']): string {
  if (!d) return ''
  if (d.status === 'new') return 'new vs baseline'
  if (d.status === 'vanished') return 'gone since baseline'
  const parts: string[] = []
  if (Math.abs(d.errorRateDelta) >= 0.005) parts.push(`err ${d.errorRateDelta > 0 ? '+' : '−'}${f.pct(Math.abs(d.errorRateDelta))}`)
  if (d.p99Ratio >= 1.2 || d.p99Ratio <= 1 / 1.2) parts.push(`p99 ×${d.p99Ratio.toFixed(1)}`)
  return parts.join(' · ')
}

/** "no data 5 min" when all of an element's data was missing for a while, "part missing 5 min" when one DC's was. */
export function silenceLine(s: Silence | null): string {
  if (!s) return ''
  const min = Math.max(1, Math.round(s.seconds / 60))
  return s.whole ? `no data ${min} min` : `part missing ${min} min`
}

/**
 * "members: ✖ 3 critical · ▲ 1 warning" (short: "members ✖ 3 ▲ 1", drawn zoomed out beside the
 * name, the legend saying the marks): what a group's members are, apart from its own health.
 */
export function membersLine(m: MemberHealth | undefined, short = false): string {
  if (!m) return ''
  const parts = (['critical', 'warning', 'unknown'] as const).filter((h) => m.counts[h] > 0).map((h) => `${HEALTH_MARK[h].glyph} ${m.counts[h]}${short ? '' : ` ${h}`}`)
  if (parts.length === 0) return ''
  return short ? `members ${parts.join(' ')}` : `members: ${parts.join(' · ')}`
}

function nodeElement(n: TopologyNode, o: ElementOptions, ghost: boolean): GraphElement {
  const health = ghost ? 'unknown' : (o.health.get(n.id) ?? n.health)
  const mark = HEALTH_MARK[health]
  const alerts = o.alerts.get(n.service) ?? n.alerts
  const changes = o.changes.get(n.service) ?? n.changes
  const badges = [alerts > 0 ? `[alert${alerts > 1 ? ` ×${alerts}` : ''}]` : '', changes > 0 ? `[deploy${changes > 1 ? ` ×${changes}` : ''}]` : '']
    .filter(Boolean)
    .join(' ')
  const wi = o.whatIf?.nodes.get(n.id)
  const box = boxOf(n, o.groupBy)
  // inside a DC or cluster box the box says where: the node says its service (or method)
  const shortName = box && n.label.endsWith(` (${box.label})`) ? n.label.slice(0, -` (${box.label})`.length) : n.label
  const nameLine = `${mark.glyph ? `${mark.glyph} ` : ''}${isolateText(shortName)}`
  // a group says what its members are on its name's lines, so that zoomed out too its colour (its own error rate) is not read as theirs
  const members = ghost ? '' : membersLine(o.memberHealth?.get(n.id))
  const lines = [
    nameLine,
    members,
    ghost ? '' : metricLine(n, o.overlays, o.fmt),
    ghost ? '' : silenceLine(n.silent),
    badges,
    wi && o.whatIf ? `→ ${o.fmt.rate(wi.expectedRps)}${wi.over ? ` · over capacity ${o.fmt.rate(wi.capacityRps)}` : ''}` : '',
    diffLine(o.baseline?.nodes.get(n.id), o.fmt),
  ].filter(Boolean)
  const classes = [`health-${health}`]
  if (n.id.startsWith('group:')) classes.push('group-node')
  if (alerts > 0) classes.push('has-alert')
  if (changes > 0) classes.push('has-change')
  if (o.found.has(n.id)) classes.push('found')
  if (!ghost && n.silent) classes.push(n.silent.whole ? 'silent-whole' : 'silent-part')
  if (wi?.over) classes.push('over-capacity')
  else if (wi) classes.push('what-if')
  const diff = o.baseline?.nodes.get(n.id)
  if (diff) classes.push(`diff-${diff.status}`, `diffk-${diffKind(diff)}`)
  const name = members ? `${nameLine}\n${membersLine(o.memberHealth?.get(n.id), true)}` : nameLine
  return { group: 'nodes', data: { id: n.id, label: lines.join('\n'), name, ...(box ? { parent: box.id } : {}) }, classes }
}

function edgeElement(e: TopologyEdge, maxRps: number, o: ElementOptions, ghost: boolean): GraphElement {
  const wiRps = o.whatIf?.edges.get(e.id)
  const diff = o.baseline?.edges.get(e.id)
  // a call's change is drawn by colour, line and width (see the legend), not in small print on it
  const lines = [ghost ? '' : metricLine(e, o.overlays, o.fmt), wiRps !== undefined ? `→ ${o.fmt.rate(wiRps)}` : ''].filter(Boolean)
  const classes = [`tone-${ghost ? 'none' : edgeTone(e, o.overlays)}`]
  if (diff) classes.push(`diff-${diff.status}`, `diffk-${diffKind(diff)}`)
  if (wiRps !== undefined) classes.push('what-if')
  return {
    group: 'edges',
    data: {
      id: e.id,
      source: e.source,
      target: e.target,
      label: lines.join('\n'),
      // where the whole label does not fit: the figure that matters most, the error rate on a failing call
      short: ghost || wiRps !== undefined ? '' : shortLine(e, o.overlays, o.fmt),
      // against a baseline the width is the size of the change, not the traffic
      width: diff && wiRps === undefined ? diffWidth(diff) : o.overlays.traffic ? edgeWidth(wiRps ?? e.rps, maxRps) : 1.5,
    },
    classes,
  }
}

/** All elements: boxes, nodes, edges, and (with a baseline) ghosts of what vanished since. */
export function buildElements(topology: Topology, o: ElementOptions): GraphElement[] {
  const out: GraphElement[] = []
  const boxIds = new Set<string>()
  const ids = new Set(topology.nodes.map((n) => n.id))
  const ghostNodes = (o.baseline?.vanishedNodes ?? []).filter((n) => !ids.has(n.id))
  // a box says its group, how many members it holds and how many of them are critical
  const inBox = new Map<string, { label: string; members: number; critical: number }>()
  for (const n of [...topology.nodes, ...ghostNodes]) {
    const b = boxOf(n, o.groupBy)
    if (!b) continue
    const c = inBox.get(b.id) ?? { label: b.label, members: 0, critical: 0 }
    c.members += 1
    if ((o.health.get(n.id) ?? n.health) === 'critical') c.critical += 1
    inBox.set(b.id, c)
  }
  for (const [id, c] of inBox) {
    boxIds.add(id)
    const label = `▾ ${isolateText(c.label)} · ${c.members} ${c.members === 1 ? 'node' : 'nodes'}${c.critical > 0 ? ` · ${HEALTH_MARK.critical.glyph} ${c.critical} critical` : ''}`
    out.push({ group: 'nodes', data: { id, label }, classes: ['box'] })
  }
  for (const n of topology.nodes) out.push(nodeElement(n, o, false))
  for (const n of ghostNodes) out.push(nodeElement(n, o, true))
  const maxRps = topology.edges.reduce((m, e) => Math.max(m, e.rps), 0)
  for (const e of topology.edges) out.push(edgeElement(e, maxRps, o, false))
  const allIds = new Set([...ids, ...ghostNodes.map((n) => n.id)])
  const edgeIds = new Set(topology.edges.map((e) => e.id))
  for (const e of o.baseline?.vanishedEdges ?? []) {
    if (!edgeIds.has(e.id) && allIds.has(e.source) && allIds.has(e.target)) out.push(edgeElement(e, maxRps, o, true))
  }
  return out
}

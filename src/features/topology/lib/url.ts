import type { GroupBy } from '../../../domain/topology/grouping'
import type { Overlays } from '../../../domain/topology/elements'
import type { GraphLayout } from '../../../ui/graph/layouts'
import { parseBaseline, serializeBaseline } from '../../../domain/topology/baseline-choice'
import type { BaselineChoice } from '../../../domain/topology/baseline-choice'

/**
 * The topology view's state, all in the URL so a view can be shared:
 * focus, up, down, groupBy (service|method|cluster|dc|version), overlays (traffic,latency,errors), layout (layered|force),
 * live (0 = paused), refresh (s), sel (node:<id> | edge:<id>), baseline (hours back, e.g. 24 or 168, or an ISO start with its zone),
 * whatif (<entry id>*<factor>), find, problems (1), changed (1 = only what differs from the baseline), all (1 = draw a large graph uncollapsed), flow (1 = animate traffic),
 * open (DCs or clusters drawn open when grouped so: a comma list, or `none`).
 */
export interface TopologyViewState {
  focus: string | null
  up: number
  down: number
  groupBy: GroupBy
  overlays: Overlays
  layout: GraphLayout
  live: boolean
  refreshSec: number
  selection: { kind: 'node' | 'edge'; id: string } | null
  baseline: BaselineChoice | null
  whatIf: { entry: string; factor: number } | null
  find: string
  problemsOnly: boolean
  /** with a baseline: draw only what differs from it */
  changedOnly: boolean
  showAll: boolean
  flow: boolean
  /** grouped by DC or cluster: the groups drawn open (null: decided by the graph's size) */
  openGroups: string[] | null
}

const GROUPS: GroupBy[] = ['service', 'method', 'cluster', 'dc', 'version']
export const DEFAULT_OVERLAYS: Overlays = { traffic: true, latency: false, errors: true }
export const DEFAULT_REFRESH_SEC = 10

const depth = (v: string | null) => {
  const n = Number(v)
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : 1
}

function parseOpen(v: string | null): string[] | null {
  if (v === null) return null
  return v === 'none' ? [] : v.split(',').filter(Boolean)
}

export function parseViewState(p: URLSearchParams): TopologyViewState {
  const groupBy = p.get('groupBy')
  const overlaysRaw = p.get('overlays')
  const ov = overlaysRaw === null ? null : new Set(overlaysRaw.split(',').filter(Boolean))
  const sel = p.get('sel')
  const selMatch = sel ? /^(node|edge):(.+)$/.exec(sel) : null
  const wi = p.get('whatif')
  const wiMatch = wi ? /^(.+)\*(\d+(?:\.\d+)?)$/.exec(wi) : null
  const refresh = Number(p.get('refresh'))
  return {
    focus: p.get('focus') || null,
    up: depth(p.get('up')),
    down: depth(p.get('down')),
    groupBy: GROUPS.includes(groupBy as GroupBy) ? (groupBy as GroupBy) : 'service',
    overlays: ov ? { traffic: ov.has('traffic'), latency: ov.has('latency'), errors: ov.has('errors') } : DEFAULT_OVERLAYS,
    layout: p.get('layout') === 'force' ? 'force' : 'layered',
    live: p.get('live') !== '0',
    refreshSec: Number.isFinite(refresh) && refresh >= 1 && refresh <= 300 ? refresh : DEFAULT_REFRESH_SEC,
    selection: selMatch ? { kind: selMatch[1] as 'node' | 'edge', id: selMatch[2] } : null,
    baseline: parseBaseline(p.get('baseline')),
    whatIf: wiMatch && Number(wiMatch[2]) > 0 ? { entry: wiMatch[1], factor: Number(wiMatch[2]) } : null,
    find: p.get('find') ?? '',
    problemsOnly: p.get('problems') === '1',
    changedOnly: p.get('changed') === '1',
    showAll: p.get('all') === '1',
    flow: p.get('flow') === '1',
    openGroups: parseOpen(p.get('open')),
  }
}

/** Writes a partial change into a copy of the params; defaults are left out of the URL. */
export function writeViewState(params: URLSearchParams, change: Partial<TopologyViewState>): URLSearchParams {
  const p = new URLSearchParams(params)
  const set = (k: string, v: string | null) => (v === null || v === '' ? p.delete(k) : p.set(k, v))
  if ('focus' in change) set('focus', change.focus ?? null)
  if (change.up !== undefined) set('up', change.up === 1 ? null : String(change.up))
  if (change.down !== undefined) set('down', change.down === 1 ? null : String(change.down))
  if (change.groupBy !== undefined) set('groupBy', change.groupBy === 'service' ? null : change.groupBy)
  if (change.overlays !== undefined) {
    const o = change.overlays
    const same = o.traffic === DEFAULT_OVERLAYS.traffic && o.latency === DEFAULT_OVERLAYS.latency && o.errors === DEFAULT_OVERLAYS.errors
    const list = (['traffic', 'latency', 'errors'] as const).filter((k) => o[k]).join(',')
    if (same) p.delete('overlays')
    else p.set('overlays', list)
  }
  if (change.layout !== undefined) set('layout', change.layout === 'layered' ? null : change.layout)
  if (change.live !== undefined) set('live', change.live ? null : '0')
  if ('selection' in change) set('sel', change.selection ? `${change.selection.kind}:${change.selection.id}` : null)
  if ('baseline' in change) set('baseline', serializeBaseline(change.baseline ?? null))
  if ('whatIf' in change) set('whatif', change.whatIf ? `${change.whatIf.entry}*${change.whatIf.factor}` : null)
  if (change.find !== undefined) set('find', change.find)
  if (change.problemsOnly !== undefined) set('problems', change.problemsOnly ? '1' : null)
  if (change.changedOnly !== undefined) set('changed', change.changedOnly ? '1' : null)
  if (change.showAll !== undefined) set('all', change.showAll ? '1' : null)
  if (change.flow !== undefined) set('flow', change.flow ? '1' : null)
  if ('openGroups' in change) set('open', change.openGroups == null ? null : change.openGroups.length === 0 ? 'none' : change.openGroups.join(','))
  return p
}

/** Key of the parts of the state that decide the layout (a new layout when one of them changes). */
export function layoutKeyOf(s: TopologyViewState, collapsed: boolean): string {
  return [s.focus ?? '*', s.up, s.down, s.groupBy, s.layout, s.problemsOnly ? 'p' : '', s.changedOnly && s.baseline ? 'd' : '', collapsed ? 'c' : '', s.openGroups?.join(',') ?? '~'].join('|')
}

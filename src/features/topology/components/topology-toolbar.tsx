import type { ReactNode } from 'react'
import type { GroupBy } from '../../../domain/topology/grouping'
import type { TopologyViewState } from '../lib/url'
import { BaselineChooser } from './baseline-chooser'
import { FocusSearch } from './focus-search'

export interface TopologyToolbarProps {
  state: TopologyViewState
  services: string[]
  foundCount: number
  /** the current window, for a custom baseline */
  window: { from: number; to: number } | null
  update: (change: Partial<TopologyViewState>, opts?: { replace?: boolean }) => void
  /** further controls on the same rows (the what-if form) */
  children?: ReactNode
}

const DEPTHS = [1, 2, 3, 4, 5]
const GROUPS: { value: GroupBy; label: string }[] = [
  { value: 'service', label: 'Service' },
  { value: 'method', label: 'Method' },
  { value: 'cluster', label: 'Cluster' },
  { value: 'dc', label: 'Data centre' },
  { value: 'version', label: 'Version' },
]

/** Focus with depth, grouping, layout, find, "problems only" and baseline. */
export function TopologyToolbar({ state, services, foundCount, window, update, children }: TopologyToolbarProps) {
  return (
    <div className="topo-toolbar" role="toolbar" aria-label="Topology controls">
      <nav className="topo-breadcrumb" aria-label="Breadcrumb">
        {state.focus ? (
          <>
            <button type="button" className="topo-link-btn" onClick={() => update({ focus: null, selection: null })}>All services</button>
            <span aria-hidden="true"> › </span>
            <strong aria-current="page">{state.focus}</strong>
          </>
        ) : (
          <strong aria-current="page">All services</strong>
        )}
      </nav>
      <FocusSearch services={services} onFocus={(s) => update({ focus: s, selection: { kind: 'node', id: s } })} />
      {state.focus ? (
        <>
          <label className="topo-inline">
            <span className="topo-label">Up</span>
            <select value={state.up} onChange={(e) => update({ up: Number(e.target.value) })} aria-label="Depth upstream">
              {DEPTHS.map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
          </label>
          <label className="topo-inline">
            <span className="topo-label">Down</span>
            <select value={state.down} onChange={(e) => update({ down: Number(e.target.value) })} aria-label="Depth downstream">
              {DEPTHS.map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
          </label>
        </>
      ) : null}
      <label className="topo-inline">
        <span className="topo-label">Group by</span>
        <select value={state.groupBy} onChange={(e) => update({ groupBy: e.target.value as GroupBy, selection: null, openGroups: null })} aria-label="Group by">
          {GROUPS.map((g) => <option key={g.value} value={g.value}>{g.label}</option>)}
        </select>
      </label>
      <label className="topo-inline">
        <span className="topo-label">Layout</span>
        <select value={state.layout} onChange={(e) => update({ layout: e.target.value === 'force' ? 'force' : 'layered' })} aria-label="Layout">
          <option value="layered">Layered (call flow)</option>
          <option value="force">Force-directed</option>
        </select>
      </label>
      <label className="topo-inline">
        <span className="topo-label">Find</span>
        <input type="search" value={state.find} onChange={(e) => update({ find: e.target.value }, { replace: true })} aria-label="Find and highlight by name" placeholder="name…" className="topo-find" />
        {state.find ? <span className="muted topo-found-count" role="status">{foundCount} found</span> : null}
      </label>
      <button type="button" className="btn" aria-pressed={state.problemsOnly} onClick={() => update({ problemsOnly: !state.problemsOnly })}>Problems only</button>
      <BaselineChooser value={state.baseline} window={window} onChange={(b) => update({ baseline: b })} />
      {children}
    </div>
  )
}

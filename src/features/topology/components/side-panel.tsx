import { memo, useCallback } from 'react'
import type { Alert, ChangeEvent, Health, Topology } from '../../../domain/model'
import type { BaselineDiff } from '../../../domain/topology/baseline'
import type { WhatIfResult } from '../../../domain/topology/what-if'
import { EdgePanel } from './edge-panel'
import { GroupPanel } from './group-panel'
import { NodeList } from './node-list'
import { NodePanel } from './node-panel'

export interface SidePanelProps {
  topology: Topology
  /** the whole answer, before focus and collapsing: a group's members are read from it */
  answer: Topology
  /** members (node ids of the answer) of each collapsed group */
  members: ReadonlyMap<string, readonly string[]>
  selection: { kind: 'node' | 'edge'; id: string } | null
  health: ReadonlyMap<string, Health>
  changes: ChangeEvent[]
  alerts: Alert[]
  whatIf: WhatIfResult | null
  baseline: BaselineDiff | null
  /** the baseline window in words ("Sun 22 Nov 10:00–11:00") */
  baselineLabel: string | null
  found: ReadonlySet<string>
  carry: string
  onSelect: (sel: { kind: 'node' | 'edge'; id: string } | null) => void
  onFocus: (service: string) => void
}

/**
 * Details of the selected node or call; without a selection, the keyboard list of nodes.
 * Memoised: a live refresh re-renders it once, with the new answer, not on every fetch state.
 */
export const SidePanel = memo(function SidePanel(p: SidePanelProps) {
  const { onSelect } = p
  const selectNode = useCallback((id: string) => onSelect({ kind: 'node', id }), [onSelect])
  const node = p.selection?.kind === 'node' ? p.topology.nodes.find((n) => n.id === p.selection?.id) : undefined
  const edge = p.selection?.kind === 'edge' ? p.topology.edges.find((e) => e.id === p.selection?.id) : undefined
  const memberIds = node ? p.members.get(node.id) : undefined
  const memberSet = memberIds ? new Set(memberIds) : null
  const memberNodes = memberSet ? p.answer.nodes.filter((n) => memberSet.has(n.id)) : null
  const title = node ? node.label : edge ? `${edge.source} → ${edge.target}` : `Nodes (${p.topology.nodes.length})`
  const wiEdge = edge && p.whatIf ? p.whatIf.edges.get(edge.id) : undefined
  const entryRps = p.whatIf ? p.topology.nodes.find((n) => n.id === p.whatIf?.entryId)?.rps : undefined
  // calls of this edge per request of the entry, from the what-if's own propagation
  const ratio = edge && p.whatIf && wiEdge !== undefined && entryRps && p.whatIf.factor !== 1 ? (wiEdge - edge.rps) / (entryRps * (p.whatIf.factor - 1)) : undefined
  return (
    <aside className="topo-side panel" aria-label="Details">
      <div className="panel-header">
        <h2 className="topo-h2">{title}</h2>
        {p.selection ? (
          <button type="button" className="btn btn-ghost topo-close" onClick={() => p.onSelect(null)} aria-label="Close details">
            ✕
          </button>
        ) : null}
      </div>
      <div className="panel-body topo-side-body">
        {node && memberNodes ? (
          <GroupPanel
            group={node}
            health={p.health.get(node.id) ?? node.health}
            members={memberNodes}
            memberHealth={p.health}
            changes={p.changes}
            alerts={p.alerts}
            nowMs={p.topology.to}
            onFocus={p.onFocus}
            onSelectMember={(id) => p.onFocus(p.answer.nodes.find((n) => n.id === id)?.service ?? id)}
            found={p.found}
          />
        ) : node ? (
          <NodePanel
            node={node}
            health={p.health.get(node.id) ?? node.health}
            topology={p.topology}
            changes={p.changes.filter((c) => c.service === node.service)}
            alerts={p.alerts.filter((a) => a.service === node.service)}
            whatIf={p.whatIf?.nodes.get(node.id)}
            diff={p.baseline?.nodes.get(node.id)}
            baselineLabel={p.baselineLabel}
            carry={p.carry}
            onSelectEdge={(id) => p.onSelect({ kind: 'edge', id })}
            onFocus={p.onFocus}
          />
        ) : edge ? (
          <EdgePanel
            edge={edge}
            topology={p.topology}
            ratioPerEntry={p.whatIf && ratio !== undefined ? { entry: p.whatIf.entryId, ratio } : null}
            diff={p.baseline?.edges.get(edge.id)}
            baselineLabel={p.baselineLabel}
            carry={p.carry}
          />
        ) : (
          <>
            {p.selection ? <p className="muted">The selected {p.selection.kind} is not in the graph any more.</p> : null}
            <p className="muted topo-hint">Select a node or a call in the graph, or below (Tab, Enter).</p>
            <NodeList nodes={p.topology.nodes} health={p.health} selectedId={null} found={p.found} onSelect={selectNode} />
          </>
        )}
      </div>
    </aside>
  )
})

import { memo, useMemo } from 'react'
import type { Health, TopologyNode } from '../../../domain/model'
import { HEALTH_MARK } from '../../../domain/topology/health'
import { formatPercent, formatRate } from '../../../lib/format'
import { serviceColor } from '../../../lib/service-color'

export interface NodeListProps {
  nodes: TopologyNode[]
  health: ReadonlyMap<string, Health>
  selectedId: string | null
  found: ReadonlySet<string>
  onSelect: (id: string) => void
}

const RANK: Record<Health, number> = { critical: 0, warning: 1, unknown: 2, ok: 3 }
const MAX_ROWS = 500
/** rows per block; a block scrolled out of sight skips layout and paint (content-visibility) */
const BLOCK = 25
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

interface RowProps {
  id: string
  label: string
  service: string
  health: Health
  /** the numbers as shown: a live refresh that leaves them unchanged leaves the row alone */
  numbers: string
  found: boolean
  selected: boolean
  onSelect: (id: string) => void
}

const NodeRow = memo(function NodeRow({ id, label, service, health, numbers, found, selected, onSelect }: RowProps) {
  return (
    <div role="listitem" className="topo-node-item">
      <button type="button" className={`topo-node-btn${found ? ' topo-found' : ''}`} aria-current={selected ? 'true' : undefined} onClick={() => onSelect(id)}>
        <span className="service-swatch" style={{ background: serviceColor(service) }} aria-hidden="true" />
        <span className={`topo-swatch topo-shape-${health}`} aria-hidden="true">{HEALTH_MARK[health].glyph}</span>
        <span className="topo-node-name">{label}</span>
        <span className="sr-only">{HEALTH_MARK[health].label}</span>
        <span className="num muted">{numbers}</span>
      </button>
    </div>
  )
})

/** Keyboard access to the graph: every node as a button (Tab, Enter), problems first. */
export const NodeList = memo(function NodeList({ nodes, health, selectedId, found, onSelect }: NodeListProps) {
  const sorted = useMemo(
    () => [...nodes].sort((a, b) => RANK[health.get(a.id) ?? a.health] - RANK[health.get(b.id) ?? b.health] || collator.compare(a.label, b.label)),
    [nodes, health],
  )
  const blocks: TopologyNode[][] = []
  for (let i = 0; i < Math.min(sorted.length, MAX_ROWS); i += BLOCK) blocks.push(sorted.slice(i, Math.min(i + BLOCK, MAX_ROWS)))
  return (
    <div role="list" className="topo-node-list" aria-label="Nodes of the graph">
      {blocks.map((block, b) => (
        // live refreshes change numbers in every row: blocks out of sight are not laid out again
        <div role="none" className="topo-node-block" key={b}>
          {block.map((n) => (
            <NodeRow
              key={n.id}
              id={n.id}
              label={n.label}
              service={n.service}
              health={health.get(n.id) ?? n.health}
              // no error share where the source reports none (it is not 0 %)
              numbers={n.errorsUnknown === true ? formatRate(n.rps) : `${formatRate(n.rps)} · ${formatPercent(n.errorRate)}`}
              found={found.has(n.id)}
              selected={n.id === selectedId}
              onSelect={onSelect}
            />
          ))}
        </div>
      ))}
      {sorted.length > MAX_ROWS ? <div role="listitem" className="muted">…and {sorted.length - MAX_ROWS} more; use Find or Focus.</div> : null}
    </div>
  )
})

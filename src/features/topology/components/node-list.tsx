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

/** Keyboard access to the graph: every node as a button (Tab, Enter), problems first. */
export function NodeList({ nodes, health, selectedId, found, onSelect }: NodeListProps) {
  const sorted = [...nodes].sort((a, b) => RANK[health.get(a.id) ?? a.health] - RANK[health.get(b.id) ?? b.health] || a.label.localeCompare(b.label))
  return (
    <ul className="topo-node-list" aria-label="Nodes of the graph">
      {sorted.slice(0, 500).map((n) => {
        const h = health.get(n.id) ?? n.health
        return (
          <li key={n.id}>
            <button
              type="button"
              className={`topo-node-btn${found.has(n.id) ? ' topo-found' : ''}`}
              aria-current={n.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(n.id)}
            >
              <span className="service-swatch" style={{ background: serviceColor(n.service) }} aria-hidden="true" />
              <span className={`topo-swatch topo-shape-${h}`} aria-hidden="true">{HEALTH_MARK[h].glyph}</span>
              <span className="topo-node-name">{n.label}</span>
              <span className="sr-only">{HEALTH_MARK[h].label}</span>
              <span className="num muted">{formatRate(n.rps)} · {formatPercent(n.errorRate)}</span>
            </button>
          </li>
        )
      })}
      {sorted.length > 500 ? <li className="muted">…and {sorted.length - 500} more; use Find or Focus.</li> : null}
    </ul>
  )
}

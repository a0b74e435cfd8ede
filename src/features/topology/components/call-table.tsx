import type { TopologyEdge } from '../../../domain/model'
import { basisOf, latencyNote, ownP99 } from '../../../domain/topology/latency-basis'
import { formatDuration, formatPercent, formatRate } from '../../../lib/format'

export interface CallTableProps {
  title: string
  edges: TopologyEdge[]
  /** which end of the call to name */
  side: 'source' | 'target'
  onSelectEdge: (id: string) => void
  limit?: number
}

/** Top callers or callees with rps, error rate and p99. */
export function CallTable({ title, edges, side, onSelectEdge, limit = 6 }: CallTableProps) {
  if (edges.length === 0) return <p className="muted topo-none">{title}: none</p>
  return (
    <table className="table topo-calls">
      <caption className="topo-caption">{title}</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col" className="num">Rate</th>
          <th scope="col" className="num">Errors</th>
          <th scope="col" className="num">p99</th>
        </tr>
      </thead>
      <tbody>
        {edges.slice(0, limit).map((e) => (
          <tr key={e.id}>
            <td>
              <button type="button" className="topo-link-btn" onClick={() => onSelectEdge(e.id)} title="Show this call">
                {side === 'source' ? e.source : e.target}
              </button>
            </td>
            <td className="num">{formatRate(e.rps)}</td>
            <td className={`num${e.errorRate >= 0.01 ? ' err-text' : ''}`}>{e.errorsUnknown ? '–' : formatPercent(e.errorRate)}</td>
            <td className="num" title={latencyNote(e) ?? undefined}>{ownP99(e) === null ? '–' : `${basisOf(e) === 'buckets' ? '≈ ' : ''}${formatDuration(e.p99)}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

import type { DiffSummary } from '../../../domain/topology/baseline'

export interface BaselineLegendInfo {
  /** "1 week before", "Custom time" */
  name: string
  /** "Sun 22 Nov 10:00–11:00", in the user's time zone */
  window: string
  status: 'loading' | 'error' | 'ready'
  summary: DiffSummary | null
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The legend line of the baseline comparison: what it is compared with, and what differs. */
export function BaselineLegend({ info }: { info: BaselineLegendInfo }) {
  const s = info.summary
  return (
    <li data-testid="legend-baseline" className="topo-legend-baseline">
      <strong className="topo-legend-strong">{info.name}: vs {info.window}</strong>
      {info.status === 'loading' ? <span role="status"> · loading the baseline…</span> : null}
      {info.status === 'error' ? <span role="alert" className="err-text"> · the baseline could not be loaded</span> : null}
      {info.status === 'ready' && s ? (
        <span data-testid="baseline-summary">
          {' · '}
          {s.newEdges + s.goneEdges + s.changedEdges === 0
            ? 'no differences'
            : [plural(s.newEdges, 'new call', 'new calls'), plural(s.goneEdges, 'gone', 'gone'), plural(s.changedEdges, 'changed', 'changed')].join(', ')}
        </span>
      ) : null}
      <span className="topo-line-sample topo-line-dashed" aria-hidden="true" /> dashed: gone since · halo: new · labels: err ±, p99 ×
    </li>
  )
}

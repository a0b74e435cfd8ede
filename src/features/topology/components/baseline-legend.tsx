import type { DiffSummary } from '../../../domain/topology/baseline'

export interface BaselineLegendInfo {
  /** "1 week before", "Custom time" */
  name: string
  /** "Sun 22 Nov 10:00–11:00", in the user's time zone */
  window: string
  status: 'loading' | 'error' | 'ready'
  summary: DiffSummary | null
  /** "changed only" is on, and how to switch it */
  changedOnly: boolean
  onChangedOnly: (on: boolean) => void
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
      <button type="button" className="btn topo-changed-btn" aria-pressed={info.changedOnly} onClick={() => info.onChangedOnly(!info.changedOnly)}>
        Changed only
      </button>
      <span className="topo-diff-key" data-testid="legend-diff">
        <span className="topo-line-sample topo-diff-errors" aria-hidden="true" />more errors (≥ +2 points; red only here)
        <span className="topo-line-sample topo-diff-slower" aria-hidden="true" />slower (p99 × 1.5 or more, dotted)
        <span className="topo-line-sample topo-diff-better" aria-hidden="true" />better
        <span className="topo-line-sample topo-diff-new" aria-hidden="true" />new (halo)
        <span className="topo-line-sample topo-line-dashed" aria-hidden="true" />gone (dashed)
        <span className="topo-line-sample topo-diff-same" aria-hidden="true" />unchanged (faded) · a call’s width: how much it changed, not its traffic
      </span>
    </li>
  )
}

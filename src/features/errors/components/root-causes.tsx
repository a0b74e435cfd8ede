import type { OriginRank } from '../../../domain/error-chain/root-cause'
import { formatCount } from '../../../lib/format'
import { serviceColor } from '../../../lib/service-color'

export interface RootCausesProps {
  origins: OriginRank[]
  selected: string | undefined
  onSelect: (service: string | undefined) => void
}

/** Likely root causes: origins ranked by change events, novelty, volume and entries, with the evidence. */
export function RootCauses({ origins, selected, onSelect }: RootCausesProps) {
  return (
    <section className="panel errs-causes" aria-labelledby="errs-causes-title">
      <header className="panel-header">
        <h2 id="errs-causes-title">Likely root causes</h2>
      </header>
      <ol className="errs-cause-list" data-testid="root-causes">
        {origins.slice(0, 6).map((o, i) => (
          <li key={o.service} className="errs-cause" data-testid="root-cause">
            <div className="errs-cause-head">
              <span className="errs-rank num" aria-hidden="true">{i + 1}</span>
              <span className="service-swatch" style={{ background: serviceColor(o.service) }} aria-hidden="true" />
              <strong className="errs-cause-name">{o.service}</strong>
              {o.trend === 'new' ? <span className="badge badge-error">New</span> : null}
              {o.change ? <span className="badge badge-warn">{o.change.change.kind}</span> : null}
              <span className="num muted errs-cause-vol">≈ {formatCount(o.estimated)} errors</span>
              <button
                type="button"
                className="btn btn-ghost"
                aria-pressed={selected === o.service}
                onClick={() => onSelect(selected === o.service ? undefined : o.service)}
              >
                {selected === o.service ? 'Show all origins' : 'Only this origin'}
              </button>
            </div>
            <ul className="errs-evidence">
              {o.evidence.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  )
}

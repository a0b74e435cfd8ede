import type { OriginRank, RootCauses as Ranking } from '../../../domain/error-chain/root-cause'
import { MIN_SUPPORT } from '../../../domain/error-chain/root-cause'
import { formatCount, formatEstimate, formatVolume } from '../../../lib/format'
import { useServiceColor } from '../../../ui/service-colors'
import { UserText } from '../../../ui/user-text'

export interface RootCausesProps {
  ranking: Ranking
  selected: string | undefined
  onSelect: (service: string | undefined) => void
}

function Origin({ o, rank, testId, selected, onSelect }: { o: OriginRank; rank: number | null; testId: string } & Omit<RootCausesProps, 'ranking'>) {
  const serviceColor = useServiceColor()
  return (
    <li className="errs-cause" data-testid={testId}>
      <div className="errs-cause-head">
        {rank !== null ? (
          <span className="errs-rank num" aria-hidden="true">
            {rank}
          </span>
        ) : null}
        <span className="service-swatch" style={{ background: serviceColor(o.service) }} aria-hidden="true" />
        <strong className="errs-cause-name">
          <UserText text={o.service} />
        </strong>
        {o.class === 'cause' && o.trend === 'new' ? <span className="badge badge-new">New</span> : null}
        {o.change ? <span className="badge badge-warn">{o.change.change.kind}</span> : null}
        <button type="button" className="btn btn-ghost errs-cause-only" aria-pressed={selected === o.service} onClick={() => onSelect(selected === o.service ? undefined : o.service)}>
          {selected === o.service ? 'Show all origins' : 'Only this origin'}
        </button>
      </div>
      <p className="num muted errs-cause-vol">
        {o.estimate.exact ? (
          <>
            {formatVolume(o.estimate)} error traces (all of them) · yesterday {formatVolume(o.baseline)}
          </>
        ) : (
          <>
            {formatEstimate(o.estimate.value, o.estimate.se)} error traces ({formatCount(o.estimate.n)} in the sample) · yesterday{' '}
            {o.baseline.n > 0 ? `${formatEstimate(o.baseline.value, o.baseline.se)} (${formatCount(o.baseline.n)})` : 'none in the sample'}
          </>
        )}
      </p>
      <ul className="errs-evidence">
        {o.evidence.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </li>
  )
}

/**
 * Origins by evidence: those whose errors rose beyond the sampling noise first (or a plain "no
 * clear cause"), then steady sources, then origins with too few traces to rank.
 */
export function RootCauses({ ranking, selected, onSelect }: RootCausesProps) {
  const { causes, steady, lowEvidence } = ranking
  return (
    <section className="panel errs-causes" aria-labelledby="errs-causes-title">
      <header className="panel-header">
        <h2 id="errs-causes-title">Likely root causes</h2>
      </header>
      {causes.length === 0 ? (
        <p className="errs-no-cause" data-testid="no-clear-cause">
          <strong>No clear cause.</strong> No origin&apos;s errors rose beyond the sampling noise against the same window yesterday
          {steady.length > 0 ? '; the usual sources below are at their usual level.' : '.'}
        </p>
      ) : (
        <ol className="errs-cause-list" data-testid="root-causes">
          {causes.slice(0, 6).map((o, i) => (
            <Origin key={o.service} o={o} rank={i + 1} testId="root-cause" selected={selected} onSelect={onSelect} />
          ))}
        </ol>
      )}
      {steady.length > 0 ? (
        <>
          <h3 className="errs-cause-group">At yesterday&apos;s level</h3>
          <ul className="errs-cause-list" data-testid="steady-origins">
            {steady.slice(0, 4).map((o) => (
              <Origin key={o.service} o={o} rank={null} testId="steady-origin" selected={selected} onSelect={onSelect} />
            ))}
          </ul>
        </>
      ) : null}
      {lowEvidence.length > 0 ? (
        <details className="errs-low-evidence" data-testid="low-evidence">
          <summary>
            Low evidence: {lowEvidence.length} {lowEvidence.length === 1 ? 'origin' : 'origins'} with fewer than {MIN_SUPPORT} traces in the sample
          </summary>
          <ul className="errs-cause-list">
            {lowEvidence.map((o) => (
              <Origin key={o.service} o={o} rank={null} testId="low-evidence-origin" selected={selected} onSelect={onSelect} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}

import type { PathComparison } from '../../../domain/paths/compare'
import { formatDuration, formatPercent } from '../../../lib/format'
import { NodeLinks } from './node-links'
import { ratioText } from './path-tree'

/** Two conditions on the same tree: every node, sorted by its contribution to the latency difference. */
export function CompareTable({ c, labels, window }: { c: PathComparison; labels: [string, string]; window: { from: number; to: number } }) {
  const max = Math.max(1, ...c.rows.map((r) => Math.abs(r.contribution)))
  return (
    <div className="paths-table-wrap">
      <table className="paths-table" aria-label={`${labels[0]} against ${labels[1]}, by contribution to the latency difference`}>
        <thead>
          <tr>
            <th scope="col">Service · operation (where in the path)</th>
            <th scope="col" title="Critical-path time per entry request, A − B (± 95 %)">Contribution to the difference</th>
            <th scope="col" className="num">Critical / request {labels[0]}</th>
            <th scope="col" className="num">{labels[1]}</th>
            <th scope="col" className="num">Calls / request {labels[0]}</th>
            <th scope="col" className="num">{labels[1]}</th>
            <th scope="col" className="num">p99 {labels[0]}</th>
            <th scope="col" className="num">{labels[1]}</th>
            <th scope="col">Open</th>
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => {
            const n = r.a ?? r.b
            if (!n) return null
            const path = r.key.split(' › ')
            return (
              <tr key={r.key} data-key={r.key}>
                <td className="paths-name" title={r.key}>
                  <span className="paths-svc">{n.service}</span> <span className="paths-op">{n.operation}</span>
                  {path.length > 1 ? <div className="muted paths-path">under {path.slice(-2, -1)[0]}</div> : null}
                </td>
                <td className="paths-bar-cell paths-contrib" title={`± ${formatDuration(1.96 * r.se)} (95 %)`}>
                  <span className={`paths-bar${r.contribution < 0 ? ' paths-bar-neg' : ''}`} style={{ width: `${(Math.abs(r.contribution) / max) * 100}%` }} />
                  <span className="paths-bar-text">
                    {r.contribution >= 0 ? '+' : '−'}
                    {formatDuration(Math.abs(r.contribution))}
                    {r.shareOfDifference !== null ? ` (${formatPercent(r.shareOfDifference)})` : ''}
                  </span>
                </td>
                <td className="num">{r.a ? formatDuration(r.a.criticalPerEntry.value) : '—'}</td>
                <td className="num">{r.b ? formatDuration(r.b.criticalPerEntry.value) : '—'}</td>
                <td className="num">{r.a ? ratioText(r.a.callsPerEntry.value) : '—'}</td>
                <td className="num">{r.b ? ratioText(r.b.callsPerEntry.value) : '—'}</td>
                <td className="num">{r.a ? formatDuration(r.a.duration.p99) : '—'}</td>
                <td className="num">{r.b ? formatDuration(r.b.duration.p99) : '—'}</td>
                <td>
                  <NodeLinks node={n} window={window} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

import { useQueries } from '@tanstack/react-query'
import { metricQueries } from '../../../api/queries/metrics'
import { useDataSource } from '../../../api/source-context'
import type { EntryEstimate } from '../../../domain/error-chain/aggregate'
import { meanOfSeries } from '../../../domain/error-chain/impact'
import { formatEstimate, formatPercent, plural } from '../../../lib/format'
import { metricsHref } from '../../../lib/links'
import { Link } from 'react-router'
import { UserText } from '../../../ui/user-text'

export interface ImpactProps {
  /** the entries the chains reach, most error traces first (aggregateChains) */
  entries: EntryEstimate[]
  window: { from: number; to: number }
  yesterday: { from: number; to: number }
}

/** The entries the chains reach, with their error rate now and in the same window yesterday. */
export function Impact({ entries: all, window, yesterday }: ImpactProps) {
  const source = useDataSource()
  const entries = all.slice(0, 8)
  const rates = useQueries({
    queries: entries.flatMap((e) => [
      metricQueries.range(source, { metric: 'error_rate', service: e.service, ...window }),
      metricQueries.range(source, { metric: 'error_rate', service: e.service, ...yesterday }),
    ]),
  })
  const rate = (i: number) => {
    const q = rates[i]
    if (!q || q.isPending) return '…'
    if (q.isError) return 'unavailable'
    const v = meanOfSeries(q.data)
    return v === null ? 'no data' : formatPercent(v)
  }
  return (
    <section className="panel errs-impact" aria-labelledby="errs-impact-title">
      <header className="panel-header">
        <h2 id="errs-impact-title">Entries hit</h2>
      </header>
      {entries.length === 0 ? (
        <p className="muted errs-flow-empty">No chain reaches an entry in this window.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col" className="num">Error rate now</th>
              <th scope="col" className="num">Yesterday</th>
              <th scope="col" className="num" title="Error traces in the window with a chain that reached this entry, each trace once, estimated from the traces analysed; ± is the 95 % interval">
                Error traces
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={e.service}>
                <td>
                  <Link to={metricsHref({ service: e.service }, window)}>
                    <UserText text={e.service} />
                  </Link>
                </td>
                <td className="num">{rate(i * 2)}</td>
                <td className="num">{rate(i * 2 + 1)}</td>
                <EstimateCell entry={e} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** The estimate on one line and its 95 % interval under it, so the narrow panel holds both. */
function EstimateCell({ entry }: { entry: EntryEstimate }) {
  const [value, interval] = formatEstimate(entry.current.value, entry.current.se).split(' ± ')
  return (
    <td className="num errs-estimate" title={`from ${plural(entry.current.n, 'trace')} analysed, ${plural(entry.chains, 'chain')} ending here; ± is the 95 % interval`}>
      {value}
      {interval ? <span className="errs-interval">± {interval}</span> : null}
    </td>
  )
}

import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { topologyQueries } from '../../../api/queries/topology'
import { useDataSource } from '../../../api/source-context'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import { pathWhatIf } from '../../../domain/paths/what-if'
import type { WhatIfVerdict } from '../../../domain/paths/what-if'
import { formatRate } from '../../../lib/format'
import { topologyHref } from '../../../lib/links'
import { ErrorState } from '../../../ui/states'
import { ratioText } from './path-tree'

const VERDICT: Record<WhatIfVerdict, string> = { over: 'over capacity', uncertain: 'may exceed (capacity inside the interval)', within: 'within capacity', unknown: 'no rate or capacity known' }
/** the topology's own what-if of the entry's service, for comparison (its URL: whatif=<node>*<factor>) */
const withWhatIf = (href: string, v: string) => `${href}${href.includes('?') ? '&' : '?'}whatif=${encodeURIComponent(v)}`
const pm = (value: number, se: number) => (value !== 0 && se > 0 ? ` ± ${formatRate(1.96 * se)}` : '')

/**
 * "This entry × N": the extra calls/s each service would see, from the call ratios measured in the
 * entry's traces, added to the service's whole current rate and checked against its capacity.
 */
export function WhatIfPanel({ agg, factor, onChange }: { agg: PathAggregate; factor: number | undefined; onChange: (f: number | undefined) => void }) {
  const source = useDataSource()
  const [text, setText] = useState(String(factor ?? 2))
  const graph = useQuery({ ...topologyQueries.graph(source, { from: agg.from, to: agg.to }), enabled: factor !== undefined && agg.rps !== null })
  const rows = useMemo(() => (factor !== undefined && graph.data ? pathWhatIf(agg, factor, graph.data.nodes) : null), [agg, factor, graph.data])
  const over = rows?.filter((r) => r.verdict === 'over').length ?? 0
  const maybe = rows?.filter((r) => r.verdict === 'uncertain').length ?? 0
  return (
    <section className="panel paths-whatif" aria-labelledby="paths-whatif-title">
      <form
        className="panel-header paths-whatif-form"
        onSubmit={(e) => {
          e.preventDefault()
          const f = Number(text)
          if (Number.isFinite(f) && f > 0 && f <= 100) onChange(f)
        }}
      >
        <h2 id="paths-whatif-title">Capacity what-if</h2>
        <span>
          {agg.entry.service} {agg.entry.operation} ×
        </span>
        <input type="number" aria-label="Traffic factor" min="0.1" max="100" step="0.1" value={text} onChange={(e) => setText(e.target.value)} className="paths-factor" />
        <button type="submit" className="btn btn-small" disabled={agg.rps === null}>
          Apply
        </button>
        {factor !== undefined ? (
          <>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(undefined)}>
              Clear
            </button>
            {rows ? (
              <span className={over > 0 ? 'badge paths-badge-over' : 'badge badge-ok'} role="status" data-testid="paths-whatif-verdict">
                {over > 0 ? `${over} over capacity` : maybe > 0 ? `${maybe} may exceed` : 'all within capacity'}
              </span>
            ) : null}
            <Link to={withWhatIf(topologyHref({}, { from: agg.from, to: agg.to }), `${agg.entry.service}*${factor}`)} className="muted">
              the topology&apos;s what-if (service-graph ratios) →
            </Link>
          </>
        ) : (
          <span className="muted">propagates the entry&apos;s extra traffic along the call ratios measured in its traces</span>
        )}
      </form>
      {agg.rps === null ? <p className="muted">The source gives no sampling rates: no rate per second, so no what-if.</p> : null}
      {graph.isError ? <ErrorState title="The current rates could not be loaded" error={graph.error} onRetry={() => void graph.refetch()} /> : null}
      {factor !== undefined && graph.isPending && agg.rps !== null ? <p className="muted">Loading the services&apos; current rates…</p> : null}
      {rows ? (
        <div className="paths-table-wrap">
          <table className="paths-table" aria-labelledby="paths-whatif-title">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col" className="num" title="Calls arriving at the service per entry request, measured from the traces">Calls / request</th>
                <th scope="col" className="num" title="(factor − 1) × the calls/s arriving on this entry's behalf (± 95 % interval)">Extra calls/s</th>
                <th scope="col" className="num" title="The service's whole rate now (every entry), from the topology">Now</th>
                <th scope="col" className="num">Expected</th>
                <th scope="col" className="num" title="Declared by the data source, else the highest rate observed">Capacity</th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.service} data-service={r.service}>
                  <td className="paths-svc">{r.service}</td>
                  <td className="num">{ratioText(r.callsPerEntry.value)}</td>
                  <td className="num">
                    {r.extra.value >= 0 ? '+' : '−'}
                    {formatRate(Math.abs(r.extra.value))}
                    <span className="muted">{pm(r.extra.value, r.extra.se)}</span>
                  </td>
                  <td className="num">{r.current !== null ? formatRate(r.current) : '—'}</td>
                  <td className="num">{r.expected !== null ? formatRate(r.expected) : '—'}</td>
                  <td className="num" title={r.capacitySource === 'declared' ? 'declared by the data source' : r.capacitySource === 'peak' ? 'no declared capacity: the highest rate observed' : undefined}>
                    {r.capacity !== null ? `${formatRate(r.capacity)}${r.capacitySource === 'peak' ? ' (peak)' : ''}` : '—'}
                  </td>
                  <td className={r.verdict === 'over' ? 'paths-over' : r.verdict === 'uncertain' ? 'paths-maybe' : 'muted'}>{VERDICT[r.verdict]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}

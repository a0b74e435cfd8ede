import { useMemo, useState } from 'react'
import { sortStatistics, traceStatistics, unaccountedTime } from '../../../../domain/trace/stats'
import type { StatGroup, StatSortKey } from '../../../../domain/trace/stats'
import { selfTimes } from '../../../../domain/trace/timing'
import type { TraceTree } from '../../../../domain/trace/tree'
import { formatDuration } from '../../../../lib/format'
import { useServiceColor } from '../../../../ui/service-colors'

const COLUMNS: { key: StatSortKey; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Name', numeric: false },
  { key: 'count', label: 'Spans', numeric: true },
  { key: 'errors', label: 'Errors', numeric: true },
  { key: 'total', label: 'Total time', numeric: true },
  { key: 'self', label: 'Self time', numeric: true },
  { key: 'unaccounted', label: 'Unaccounted', numeric: true },
  { key: 'max', label: 'Longest', numeric: true },
]

/**
 * Count, errors, total and self time per service or per operation; sortable by any column. In a
 * PostTrace capture, time before the trigger not covered by captured calls is "unaccounted" (own
 * work or lost calls): its own column, and self times there are lower bounds ("≥").
 */
export function TraceStats({ tree }: { tree: TraceTree }) {
  const serviceColor = useServiceColor()
  const [group, setGroup] = useState<StatGroup>('service')
  const [sort, setSort] = useState<{ key: StatSortKey; desc: boolean }>({ key: 'self', desc: true })
  const self = useMemo(() => selfTimes(tree), [tree])
  const rows = useMemo(() => sortStatistics(traceStatistics(tree, self, group), sort.key, sort.desc), [tree, self, group, sort])
  const missing = useMemo(() => unaccountedTime(self), [self])
  const columns = missing.spans > 0 ? COLUMNS : COLUMNS.filter((c) => c.key !== 'unaccounted')
  return (
    <section className="tp-stats panel" aria-label="Trace statistics">
      <div className="panel-header">
        <h2>Statistics</h2>
        <div className="tp-seg" role="group" aria-label="Group by">
          {(['service', 'operation'] as const).map((g) => (
            <button key={g} type="button" className="btn" aria-pressed={group === g} onClick={() => setGroup(g)}>
              per {g}
            </button>
          ))}
        </div>
      </div>
      <div className="tp-stats-body">
        {missing.spans > 0 ? (
          <p className="muted tp-stats-note" data-testid="stats-unaccounted">
            {formatDuration(missing.time)} in {missing.spans} span{missing.spans === 1 ? '' : 's'} is unaccounted for: time before the PostTrace
            trigger not covered by captured calls, either own work or calls that were not kept. Self times there are lower bounds (≥).
          </p>
        ) : null}
        <table className="table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="tp-sort"
                    onClick={() => setSort({ key: c.key, desc: sort.key === c.key ? !sort.desc : c.numeric })}
                  >
                    {c.label}
                    {sort.key === c.key ? (sort.desc ? ' ▾' : ' ▴') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td>
                  <span className="service-swatch" style={{ background: serviceColor(r.service) }} aria-hidden="true" /> {r.service}
                  {r.operation !== null ? <span className="tp-title-op"> {r.operation}</span> : null}
                </td>
                <td className="num">{r.count}</td>
                <td className={r.errors > 0 ? 'num err-text' : 'num'}>{r.errors}</td>
                <td className="num">{formatDuration(r.total)}</td>
                <td className="num">
                  {r.unknownSelf > 0 ? <span title="a lower bound: some of this group's time before the trigger is unaccounted for">≥ </span> : null}
                  {formatDuration(r.self)}
                </td>
                {missing.spans > 0 ? <td className="num">{r.unaccounted > 0 ? formatDuration(r.unaccounted) : <span className="muted">0</span>}</td> : null}
                <td className="num">{formatDuration(r.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

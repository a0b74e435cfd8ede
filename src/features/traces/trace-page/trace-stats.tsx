import { useMemo, useState } from 'react'
import { sortStatistics, traceStatistics } from '../../../domain/trace/stats'
import type { StatGroup, StatSortKey } from '../../../domain/trace/stats'
import { selfTimes } from '../../../domain/trace/timing'
import type { TraceTree } from '../../../domain/trace/tree'
import { formatDuration } from '../../../lib/format'
import { serviceColor } from '../../../lib/service-color'

const COLUMNS: { key: StatSortKey; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Name', numeric: false },
  { key: 'count', label: 'Spans', numeric: true },
  { key: 'errors', label: 'Errors', numeric: true },
  { key: 'total', label: 'Total time', numeric: true },
  { key: 'self', label: 'Self time', numeric: true },
  { key: 'max', label: 'Longest', numeric: true },
]

/** Count, errors, total and self time per service or per operation; sortable by any column. */
export function TraceStats({ tree }: { tree: TraceTree }) {
  const [group, setGroup] = useState<StatGroup>('service')
  const [sort, setSort] = useState<{ key: StatSortKey; desc: boolean }>({ key: 'self', desc: true })
  const self = useMemo(() => selfTimes(tree), [tree])
  const rows = useMemo(() => sortStatistics(traceStatistics(tree, self, group), sort.key, sort.desc), [tree, self, group, sort])
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
        <table className="table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
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
                <td className="num">{formatDuration(r.self)}</td>
                <td className="num">{formatDuration(r.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

import { useId, useState } from 'react'
import { Link } from 'react-router'
import type { ThinResult } from '../../../domain/metrics/exemplars'
import { formatAbsoluteZoned, formatClockZoned, formatDuration, formatOtherZone } from '../../../lib/format'
import { traceHref } from '../../../lib/links'
import { useCarry } from '../../../ui/time-range/use-carry'

/**
 * The exemplars of a chart as a list of links (slowest and failing first): the same traces as
 * the dots, reachable without pointing at them.
 */
export function ExemplarList({ exemplars }: { exemplars: ThinResult }) {
  const carry = useCarry()
  const [open, setOpen] = useState(false)
  const listId = useId()
  const sorted = [...exemplars.kept].sort((a, b) => Number(b.isError) - Number(a.isError) || b.latency - a.latency)
  return (
    <div className="metrics-exemplars">
      <button type="button" className="btn btn-ghost metrics-exemplars-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)} data-testid="exemplar-count">
        <span aria-hidden="true">{open ? '▾' : '▸'} </span>
        {exemplars.kept.length} exemplar{exemplars.kept.length === 1 ? '' : 's'}
        <span className="muted"> shown of {exemplars.total} (slowest and failing kept)</span>
      </button>
      {open ? (
        <ul id={listId} className="metrics-exemplars-list" aria-label="Exemplar traces, failing and slowest first">
          {sorted.map((e) => (
            <li key={`${e.traceId}:${e.spanId}`}>
              <Link to={traceHref(e.traceId, {}, carry)} title={`${formatAbsoluteZoned(e.time)} · ${formatOtherZone(e.time)} · trace ${e.traceId}`}>
                {formatClockZoned(e.time)}
              </Link>
              <span className="num">{formatDuration(e.latency)}</span>
              {e.isError ? <span className="badge badge-error">error</span> : <span className="badge badge-ok">ok</span>}
              <span className="muted metrics-exemplars-op">{e.operation}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

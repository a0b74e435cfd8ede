import { useMemo, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import type { TraceSummary } from '../../../../domain/model'
import type { SortKey, SortOrder } from '../../../../domain/trace-search/results'
import { formatDuration, formatZone, formatInteger, formatPercent, formatRelative, plural, showControls } from '../../../../lib/format'
import { resultTraceHref } from '../../../../lib/links'
import { ServiceColors, useServiceColor } from '../../../../ui/service-colors'
import { TimeText } from '../../../../ui/time-zone/time-text'
import { samplingLabel } from '../../../../domain/query'
import { samplingWords } from '../../../../domain/trace/sampling-words'
import { useCarry } from '../../../../ui/time-range/use-carry'
import { UserText } from '../../../../ui/user-text'

export interface ResultsTableProps {
  traces: TraceSummary[]
  sort: SortOrder
  onSort: (s: SortOrder) => void
  nowMs: number
}

const COLUMNS: { key: SortKey | null; label: string; numeric?: boolean }[] = [
  { key: null, label: 'Compare' },
  { key: null, label: 'Trace' },
  { key: 'start', label: 'Start' },
  { key: 'duration', label: 'Duration', numeric: true },
  { key: 'spans', label: 'Spans', numeric: true },
  { key: 'errors', label: 'Errors', numeric: true },
  { key: 'services', label: 'Services' },
  { key: null, label: 'Sampling' },
]

const MAX_SERVICES = 4

/** Services with failed spans first (the error's origin among them), so '+N more' never hides them. */
export const failedFirst = <S extends { errorCount: number }>(services: readonly S[]): S[] =>
  services.filter((s) => s.errorCount > 0).concat(services.filter((s) => s.errorCount === 0))

/**
 * The services a row names: every one with failed spans (however many: one of them is where the
 * error started), then healthy ones up to `max` in all; the rest are counted, and all healthy.
 */
export function servicesShown<S extends { errorCount: number }>(services: readonly S[], max = MAX_SERVICES): { shown: S[]; healthyHidden: number } {
  const ordered = failedFirst(services)
  const failing = ordered.filter((s) => s.errorCount > 0).length
  const shown = ordered.slice(0, Math.max(max, failing))
  return { shown, healthyHidden: services.length - shown.length }
}

/** The sortable result list. Each row opens its trace: the first cell is a link, the row is clickable. */
export function ResultsTable(props: ResultsTableProps) {
  const services = useMemo(() => props.traces.flatMap((t) => [t.rootService, ...t.services.map((s) => s.name)]), [props.traces])
  return (
    <ServiceColors services={services}>
      <ResultRows {...props} />
    </ServiceColors>
  )
}

function ResultRows({ traces, sort, onSort, nowMs }: ResultsTableProps) {
  const serviceColor = useServiceColor()
  const carry = useCarry()
  const navigate = useNavigate()
  const longest = Math.max(1, ...traces.map((t) => t.duration))
  // ticked for comparison, in the order ticked (A first); only traces still listed count
  const [ticked, setTicked] = useState<string[]>([])
  const listed = useMemo(() => new Map(traces.map((t) => [t.traceId, t])), [traces])
  const picked = ticked.filter((id) => listed.has(id))
  const tick = (id: string, on: boolean) => setTicked((prev) => (on ? [...prev.filter((x) => listed.has(x) && x !== id), id].slice(-2) : prev.filter((x) => x !== id)))
  const compareHref = picked.length === 2 ? `/traces/compare?${new URLSearchParams([...new URLSearchParams(carry), ['a', picked[0]], ['b', picked[1]]]).toString()}` : null
  const name = (id: string) => {
    const t = listed.get(id)
    return t ? `${t.rootService} ${t.rootOperation}` : id
  }
  return (
    <>
    <div className="tsearch-compare-bar" role="status" aria-live="polite" data-testid="compare-bar">
      {picked.length === 0 ? (
        <span className="muted">Tick two traces to compare them path by path.</span>
      ) : picked.length === 1 ? (
        <span>
          A: <strong>{name(picked[0])}</strong> <span className="muted">· tick one more trace to compare with it</span>
        </span>
      ) : (
        <span>
          A: <strong>{name(picked[0])}</strong> · B: <strong>{name(picked[1])}</strong>
        </span>
      )}
      {compareHref ? (
        <Link to={compareHref} className="btn btn-primary">
          Compare these two traces
        </Link>
      ) : null}
      {picked.length > 0 ? (
        <button type="button" className="btn btn-ghost" onClick={() => setTicked([])}>
          Clear
        </button>
      ) : null}
    </div>
    <table className="table tsearch-table" aria-label="Matching traces">
      <thead>
        <tr>
          {COLUMNS.map((c) => {
            const active = c.key !== null && sort.key === c.key
            return (
              <th
                key={c.label}
                scope="col"
                className={c.numeric ? 'num' : undefined}
                aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.key ? (
                  <button
                    type="button"
                    className="tsearch-sort"
                    onClick={() => onSort({ key: c.key as SortKey, dir: active && sort.dir === 'desc' ? 'asc' : 'desc' })}
                  >
                    {c.key === 'start' ? `Start (${formatZone(nowMs)})` : c.label}
                    <span aria-hidden="true" className="tsearch-sort-mark">{active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
                  </button>
                ) : c.label}
              </th>
            )
          })}
        </tr>
      </thead>
      <tbody>
        {traces.map((t) => {
          const href = resultTraceHref(t, carry)
          const startMs = t.startTime / 1000
          const named = servicesShown(t.services)
          return (
            <tr key={t.traceId} className="tsearch-row-link" data-testid="trace-row" onClick={(e) => {
              if ((e.target as HTMLElement).closest('a, button, input, label')) return
              void navigate(href)
            }}>
              <td className="tsearch-pick">
                <input
                  type="checkbox"
                  checked={picked.includes(t.traceId)}
                  onChange={(e) => tick(t.traceId, e.target.checked)}
                  aria-label={`Compare ${t.rootService} ${t.rootOperation} ${t.traceId.slice(0, 16)}`}
                />
                {picked.indexOf(t.traceId) >= 0 ? <span className="tsearch-pick-tag" aria-hidden="true">{picked.indexOf(t.traceId) === 0 ? 'A' : 'B'}</span> : null}
              </td>
              <td className="tsearch-trace-cell">
                <Link to={href} className="tsearch-trace-link">
                  {t.rootCaptured === false ? (
                    <span className="badge badge-warn" title="The trace has no root span (a PostTrace capture that began after the request had answered): the earliest captured span is shown, and the duration is what was captured.">
                      root not captured
                    </span>
                  ) : null}
                  <span className="service-swatch" style={{ background: serviceColor(t.rootService) }} aria-hidden="true" />
                  <strong className="tsearch-ellipsis">{t.rootService}</strong>
                  <span className="tsearch-ellipsis tsearch-op" title={showControls(t.rootOperation.slice(0, 500))}>
                    <UserText text={t.rootOperation} />
                  </span>
                </Link>
                <code className="tsearch-id muted">{t.traceId.slice(0, 16)}</code>
              </td>
              <td>
                <TimeText ms={startMs} zoneLabel={false} className="tabular" />
                <br />
                <span className="muted">{formatRelative(startMs, nowMs)}</span>
              </td>
              <td className="num">
                {formatDuration(t.duration)}
                <span className="tsearch-bar" aria-hidden="true"><span style={{ width: `${Math.max(2, (t.duration / longest) * 100)}%` }} className={t.errorCount ? 'tsearch-bar-err' : undefined} /></span>
              </td>
              <td className="num">{t.spanCount}</td>
              <td className="num">
                {t.errorCount > 0 ? <span className="badge badge-error">{t.errorCount} {t.errorCount === 1 ? 'error' : 'errors'}</span> : <span className="muted">0</span>}
              </td>
              <td>
                <ul className="tsearch-services" aria-label={plural(t.services.length, 'service')}>
                  {named.shown.map((s) => (
                    <li key={s.name} className={s.errorCount ? 'tsearch-svc tsearch-svc-err' : 'tsearch-svc'}>
                      <span className="service-swatch" style={{ background: serviceColor(s.name) }} aria-hidden="true" />
                      <UserText className="tsearch-ellipsis" text={s.name} />
                      {s.errorCount ? <span className="err-text" aria-label={plural(s.errorCount, 'error')}>!</span> : null}
                    </li>
                  ))}
                  {named.healthyHidden > 0 ? (
                    <li className="muted" title="Services without failed spans">
                      +{named.healthyHidden} more
                    </li>
                  ) : null}
                </ul>
              </td>
              <td><SamplingBadge sampling={t.sampling} /></td>
            </tr>
          )
        })}
      </tbody>
    </table>
    </>
  )
}

export function SamplingBadge({ sampling }: { sampling: TraceSummary['sampling'] }) {
  const { mode } = sampling
  const w = samplingWords(sampling)
  const kept = w.inclusion !== null ? ` It was kept with probability ${formatPercent(w.inclusion)} (its sampler or PostTrace could keep it).` : ''
  const stands = w.weightRate !== null ? ` One kept trace like it stands for about ${formatInteger(1 / w.weightRate)}.` : ''
  const title =
    mode === 'posttrace'
      ? `PostTrace: captured mid-flight when something went wrong; calls that finished before the trigger are missing.${kept}${stands}`
      : mode === 'unknown'
        ? 'No sampling information: the trace counts for itself.'
        : `${samplingLabel(mode)} sampling at ${w.samplerRate !== null ? formatPercent(w.samplerRate) : 'an unknown rate'}.${kept}${stands}`
  return (
    <span className={mode === 'posttrace' ? 'badge badge-warn' : 'badge'} title={title}>
      {samplingLabel(mode, 'short')}
      {mode !== 'posttrace' && mode !== 'unknown' && w.samplerRate !== null ? ` ${formatPercent(w.samplerRate)}` : ''}
      <span className="sr-only">. {title}</span>
    </span>
  )
}

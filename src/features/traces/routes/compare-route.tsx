import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import { Link, useSearchParams } from 'react-router'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import type { Trace } from '../../../domain/model'
import { filterTree, rankRows } from '../../../domain/trace/compare'
import { pickTypical } from '../../../domain/trace/typical'
import type { CompareRow } from '../../../domain/trace/compare'
import { formatDuration, formatInteger, plural } from '../../../lib/format'
import { TimeText } from '../../../ui/time-zone/time-text'
import { ServiceColors, useServiceColor } from '../../../ui/service-colors'
import { now } from '../../../lib/clock'
import { traceHref } from '../../../lib/links'
import { ErrorState, LoadingState } from '../../../ui/states'
import { useBuiltTree } from '../../../api/trace-loading/hooks'
import { compareTracesOf } from '../lib/analysis/analysis-client'
import { useAnalysis, useFedTrace, usePreparedAnalysis } from '../hooks/use-analysis'
import { CompareTable } from '../components/compare/compare-table'
import '../components/compare/compare.css'
import { isFileTraceId } from '../../../lib/trace-path'

/** One side of the comparison: from the backend, or from the cache when it came from a file. */
function useSide(id: string) {
  const source = useDataSource()
  const client = useQueryClient()
  const fromFile = isFileTraceId(id)
  const options = traceQueries.detail(source, id)
  const q = useQuery({ ...options, enabled: Boolean(id) && !fromFile })
  const data = q.data ?? (fromFile ? client.getQueryData(options.queryKey) : undefined)
  return { data, error: q.error, fromFile, missingFile: fromFile && !data, refetch: q.refetch }
}

/** /traces/compare?a=&b= — two traces aligned path by path. */
export function TraceCompareRoute() {
  const [params, setParams] = useSearchParams()
  const a = params.get('a') ?? ''
  const b = params.get('b') ?? ''
  const typical = params.get('typical') === '1'
  const sa = useSide(a)
  const sb = useSide(b)
  // each trace goes to the analysis worker as soon as it is in (compared with skew corrected)
  const sourceId = useDataSource().id
  useFedTrace(sourceId, a, !isFileTraceId(a))
  useFedTrace(sourceId, b, !isFileTraceId(b))
  usePreparedAnalysis(sa.data, true, 'now', useBuiltTree(sa.data))
  usePreparedAnalysis(sb.data, true, 'now', useBuiltTree(sb.data))
  if (a && !b && typical) {
    if (sa.missingFile) return <section className="page page-narrow" role="alert"><h1>Trace A came from a file</h1><p>Traces opened from a file are kept only while the page is open; “{a}” is no longer loaded. Open the file again on the <Link to="/traces">trace search page</Link>.</p></section>
    if (sa.error) return <section className="page page-narrow"><ErrorState title={`Trace A (${a}) could not be loaded`} error={sa.error} onRetry={() => void sa.refetch()} /></section>
    if (!sa.data) return <section className="page"><LoadingState label="Loading the trace…" minHeight={320} /></section>
    return <TypicalPicker trace={sa.data} id={a} params={params} setParams={setParams} />
  }
  if (!a || !b) {
    return (
      <section className="page page-narrow" role="alert">
        <h1>Compare two traces</h1>
        <p>This page needs two trace ids (<code>?a=…&amp;b=…</code>). Tick two traces in the <Link to="/traces">search results</Link>, or use “Compare with a typical trace” on a trace page.</p>
      </section>
    )
  }
  for (const [side, id, s] of [['A', a, sa], ['B', b, sb]] as const) {
    if (s.missingFile) return <section className="page page-narrow" role="alert"><h1>Trace {side} came from a file</h1><p>Traces opened from a file are kept only while the page is open; “{id}” is no longer loaded. Open the file again on the <Link to="/traces">trace search page</Link>.</p></section>
    if (s.error) return <section className="page page-narrow"><ErrorState title={`Trace ${side} (${id}) could not be loaded`} error={s.error} onRetry={() => void s.refetch()} /></section>
  }
  if (!sa.data || !sb.data) return <section className="page"><LoadingState label="Loading both traces…" minHeight={320} /></section>
  return <CompareBody a={sa.data} b={sb.data} idA={a} idB={b} params={params} setParams={setParams} />
}

/** How many traces the typical pick asks for; when the source returns this many, the note says there may be more. */
const TYPICAL_LIMIT = 500

/** Window of the typical pick from the URL (`tfrom`, `tto`, ms), else the 30 minutes around the trace's start. */
function typicalWindow(params: URLSearchParams, t: Trace) {
  const from = Number(params.get('tfrom'))
  const to = Number(params.get('tto'))
  if (Number.isFinite(from) && Number.isFinite(to) && from > 0 && to > from) return { from, to }
  const start = Math.min(...t.spans.map((s) => s.startTime)) / 1000
  return { from: start - 15 * 60_000, to: Math.min(start + 15 * 60_000, Math.max(start + 1, now())) }
}

/**
 * Picks B for "Compare with a typical trace": the successful traces of A's entry operation in the
 * window, the one nearest their median duration. The URL then names B and how it was picked
 * (`tn` candidates, `tmed` median in µs, `tmore` when the source may hold more than it returned).
 */
function TypicalPicker({ trace, id, params, setParams }: { trace: Trace; id: string; params: URLSearchParams; setParams: ReturnType<typeof useSearchParams>[1] }) {
  const source = useDataSource()
  const root = rootOf(trace).root
  const win = typicalWindow(params, trace)
  const q = useQuery({
    ...traceQueries.search(source, { from: win.from, to: win.to, service: root?.service, operation: root?.name, status: 'ok', limit: TYPICAL_LIMIT }),
    enabled: root !== null,
  })
  const picked = useMemo(() => (q.data && root ? pickTypical(q.data.traces, { service: root.service, operation: root.name }, id) : null), [q.data, root, id])
  useEffect(() => {
    if (!picked || !q.data) return
    setParams(
      (p) => {
        const n = new URLSearchParams(p)
        n.set('b', picked.pick.traceId)
        n.set('tfrom', String(Math.round(win.from)))
        n.set('tto', String(Math.round(win.to)))
        n.set('tn', String(picked.candidates))
        n.set('tmed', String(Math.round(picked.median)))
        if (q.data.truncated || q.data.traces.length >= TYPICAL_LIMIT) n.set('tmore', '1')
        if (q.data.partial) n.set('tpart', '1')
        return n
      },
      { replace: true },
    )
  }, [picked, q.data, setParams, win.from, win.to])
  if (!root) return <section className="page page-narrow" role="alert"><h1>No typical trace for this one</h1><p>This trace has no root span, so it has no entry operation to find typical traces of. <Link to={traceHref(id)}>Back to the trace</Link>.</p></section>
  if (q.error) return <section className="page page-narrow"><ErrorState title="Traces to pick a typical one from could not be searched" error={q.error} onRetry={() => void q.refetch()} /></section>
  if (q.data && !picked) {
    return (
      <section className="page page-narrow" role="alert">
        <h1>No typical trace to compare with</h1>
        <p>
          No successful trace of <strong>{root.service} {root.name}</strong> (other than this one, with its root captured) started between <TimeText ms={win.from} /> and <TimeText ms={win.to} />.
          Choose a longer time range and try again, or tick two traces in the <Link to="/traces">search results</Link>. <Link to={traceHref(id)}>Back to the trace</Link>.
        </p>
      </section>
    )
  }
  return <section className="page"><LoadingState label={`Finding a typical ${root.service} ${root.name} trace…`} minHeight={320} /></section>
}

/** What the URL says about how B was picked as typical, in words; null when B was chosen by hand. */
function TypicalNote({ params, a }: { params: URLSearchParams; a: Trace }) {
  const n = Number(params.get('tn'))
  const med = Number(params.get('tmed'))
  const from = Number(params.get('tfrom'))
  const to = Number(params.get('tto'))
  if (params.get('typical') !== '1' || !(n > 0) || !Number.isFinite(med) || !(to > from)) return null
  const root = rootOf(a).root
  return (
    <p className="cmp-typical" data-testid="typical-note">
      <strong>B was picked as a typical trace:</strong> of the {formatInteger(n)} successful trace{n === 1 ? '' : 's'} of {root ? `${root.service} ${root.name}` : 'the same entry operation'} that
      started between <TimeText ms={from} /> and <TimeText ms={to} />
      {params.get('tmore') === '1' ? ` (among the traces the source returned: it held more than the ${formatInteger(TYPICAL_LIMIT)} asked for)` : ''}
      {params.get('tpart') === '1' ? ' (the source’s answer was partial: some data centres did not answer for part of the window)' : ''}, the one whose duration is nearest their median of{' '}
      <span className="tabular">{formatDuration(med)}</span>. It is one request, not an average: compare with others from the <Link to="/traces">search results</Link> if it looks unusual.
    </p>
  )
}

/**
 * The paths that failed in one trace and not (as often) in the other, deepest first (where a
 * failure starts is usually the deepest failed call): what differs first when one request failed.
 */
function FailedPaths({ rows, indexOf, spanA, spanB, idA, idB }: { rows: CompareRow[]; indexOf: Map<CompareRow, number>; spanA: (string | null)[]; spanB: (string | null)[]; idA: string; idB: string }) {
  const serviceColor = useServiceColor()
  const side = (which: 'A' | 'B') => {
    const list = rows.filter((r) => (which === 'A' ? r.errorsA > r.errorsB : r.errorsB > r.errorsA)).sort((x, y) => y.depth - x.depth)
    if (list.length === 0) return null
    return (
      <div className="cmp-failed-side">
        <h2>
          Failed in {which}
          {which === 'A' ? ' more than in B' : ' more than in A'}
          <span className="muted"> · deepest first</span>
        </h2>
        <ol className="cmp-failed-list">
          {list.slice(0, 12).map((r) => {
            const i = indexOf.get(r) ?? -1
            const span = i >= 0 ? (which === 'A' ? spanA[i] : spanB[i]) : null
            const label = `${r.service ?? ''} ${r.operation ?? ''}`
            const counts = <span className="muted tabular"> {formatInteger(r.errorsA)} / {formatInteger(r.errorsB)} failed</span>
            return (
              <li key={r.key} className="cmp-failed">
                {r.service ? <span className="service-swatch" style={{ background: serviceColor(r.service) }} aria-hidden="true" /> : null}
                {span ? <Link to={traceHref(which === 'A' ? idA : idB, { span })}>{label}</Link> : <span>{label}</span>}
                {counts}
              </li>
            )
          })}
          {list.length > 12 ? <li className="muted">and {formatInteger(list.length - 12)} more paths (filter “Only errors” below lists them all)</li> : null}
        </ol>
      </div>
    )
  }
  const a = side('A')
  const b = side('B')
  if (!a && !b) return null
  return (
    <section className="cmp-failed-paths" aria-label="Paths that failed in one trace more than in the other" data-testid="cmp-failed">
      {a}
      {b}
    </section>
  )
}

function rootOf(t: Trace) {
  const root = t.spans.find((s) => s.parentSpanId === null) ?? null
  const start = Math.min(...t.spans.map((s) => s.startTime))
  const end = Math.max(...t.spans.map((s) => s.startTime + s.duration))
  return { root, duration: root ? root.duration : end - start, errors: t.spans.filter((s) => s.status === 'error').length }
}

function CompareBody({ a, b, idA, idB, params, setParams }: { a: Trace; b: Trace; idA: string; idB: string; params: URLSearchParams; setParams: ReturnType<typeof useSearchParams>[1] }) {
  const treeA = useBuiltTree(a)
  const treeB = useBuiltTree(b)
  const state = useAnalysis(`${idA}|${a.spans.length}|${idB}|${b.spans.length}`, () => compareTracesOf(a, b, treeA ?? undefined, treeB ?? undefined))
  const onlyDiff = params.get('diff') === '1'
  const onlyErr = params.get('errors') === '1'
  const mode = params.get('order') === 'tree' ? 'tree' : 'ranked'
  const set = (k: string, v: string | null) => setParams((p) => { const n = new URLSearchParams(p); if (v === null) n.delete(k); else n.set(k, v); return n }, { replace: true })
  const result = state.status === 'done' ? state.value : null
  const rows = useMemo(() => {
    if (!result) return []
    const f = { onlyDifferences: onlyDiff, onlyErrors: onlyErr }
    return mode === 'tree' ? filterTree(result.comparison, f) : rankRows(result.comparison, f)
  }, [result, onlyDiff, onlyErr, mode])
  const indexOf = useMemo(() => new Map<CompareRow, number>((result?.comparison.rows ?? []).map((r, i) => [r, i])), [result])
  const pathOf = (r: CompareRow) => r.key.split('\n').slice(0, -1).map((s) => s.replace('\u0001', ' ').replace(/^~missing-parent$/, 'missing parent'))
  const longest = Math.max(1, ...(result?.comparison.rows ?? []).map((r) => Math.max(r.totalA, r.totalB)))
  const ra = rootOf(a)
  const rb = rootOf(b)
  const side = (label: string, id: string, t: Trace, r: ReturnType<typeof rootOf>) => (
    <div className={`cmp-side cmp-side-${label.toLowerCase()}`}>
      <span className="cmp-side-tag">{label}</span>
      <Link to={traceHref(id)}>{r.root ? `${r.root.service} ${r.root.name}` : 'Trace without a root span'}</Link>
      <span className="tabular">{formatDuration(r.duration)} · {plural(t.spans.length, 'span')} · <span className={r.errors ? 'err-text' : undefined}>{plural(r.errors, 'error')}</span></span>
      <code className="muted">{id}</code>
    </div>
  )
  const services = useMemo(() => new Set([...a.spans.map((s) => s.service), ...b.spans.map((s) => s.service)]), [a, b])
  return (
    <ServiceColors services={services}>
    <section className="page cmp" aria-label="Trace comparison">
      <h1>Compare two traces</h1>
      <div className="cmp-sides">
        {side('A', idA, a, ra)}
        {side('B', idB, b, rb)}
      </div>
      <TypicalNote params={params} a={a} />
      {result ? <FailedPaths rows={result.comparison.rows} indexOf={indexOf} spanA={result.spanA} spanB={result.spanB} idA={idA} idB={idB} /> : null}
      {result ? (
        <p className="cmp-summary">
          B took <strong className="tabular">{formatDuration(Math.abs(result.comparison.durationB - result.comparison.durationA))} {result.comparison.durationB >= result.comparison.durationA ? 'longer' : 'less'}</strong> than A on its critical path.
          Rows are sorted by their contribution: the change of the time each path spent on the critical path on its own (they add up to that difference). {formatInteger(result.comparison.rows.length)} paths in all ({formatInteger(result.comparison.pathsA)} in A, {formatInteger(result.comparison.pathsB)} in B).
        </p>
      ) : null}
      <div className="flame-controls" role="toolbar" aria-label="Comparison controls">
        <div className="tp-group">
          <button type="button" className="btn" aria-pressed={mode === 'ranked'} onClick={() => set('order', null)}>Largest difference first</button>
          <button type="button" className="btn" aria-pressed={mode === 'tree'} onClick={() => set('order', 'tree')}>Merged tree</button>
        </div>
        <label className="tp-check"><input type="checkbox" checked={onlyDiff} onChange={(e) => set('diff', e.target.checked ? '1' : null)} /> Only differences</label>
        <label className="tp-check"><input type="checkbox" checked={onlyErr} onChange={(e) => set('errors', e.target.checked ? '1' : null)} /> Only errors</label>
        <span className="muted">{formatInteger(rows.length)} rows shown</span>
      </div>
      {state.status === 'working' ? <LoadingState label={`Aligning ${formatInteger(a.spans.length + b.spans.length)} spans…`} minHeight={240} /> : null}
      {state.status === 'failed' ? <ErrorState title="The traces could not be compared" error={new Error(state.message)} /> : null}
      {result ? (
        rows.length === 0 ? <p className="muted">No path matches these filters.</p> : (
          <CompareTable
            key={mode}
            rows={rows}
            indexOf={indexOf}
            spanA={result.spanA}
            spanB={result.spanB}
            hrefA={(s) => traceHref(idA, { span: s })}
            hrefB={(s) => traceHref(idB, { span: s })}
            mode={mode}
            pathOf={pathOf}
            longest={longest}
          />
        )
      ) : null}
    </section>
    </ServiceColors>
  )
}

import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import { Link, useSearchParams } from 'react-router'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import type { Trace } from '../../../domain/model'
import { filterTree, rankRows } from '../../../domain/trace/compare'
import type { CompareRow } from '../../../domain/trace/compare'
import { formatDuration, formatInteger, plural } from '../../../lib/format'
import { traceHref } from '../../../lib/links'
import { ErrorState, LoadingState } from '../../../ui/states'
import { compareTracesOf } from '../analysis/analysis-client'
import { useAnalysis } from '../analysis/use-analysis'
import { CompareTable } from './compare-table'
import './compare.css'

/** One side of the comparison: from the backend, or from the cache when it came from a file. */
function useSide(id: string) {
  const source = useDataSource()
  const client = useQueryClient()
  const fromFile = id.startsWith('file-')
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
  const sa = useSide(a)
  const sb = useSide(b)
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

function rootOf(t: Trace) {
  const root = t.spans.find((s) => s.parentSpanId === null) ?? null
  const start = Math.min(...t.spans.map((s) => s.startTime))
  const end = Math.max(...t.spans.map((s) => s.startTime + s.duration))
  return { root, duration: root ? root.duration : end - start, errors: t.spans.filter((s) => s.status === 'error').length }
}

function CompareBody({ a, b, idA, idB, params, setParams }: { a: Trace; b: Trace; idA: string; idB: string; params: URLSearchParams; setParams: ReturnType<typeof useSearchParams>[1] }) {
  const state = useAnalysis(`${idA}|${a.spans.length}|${idB}|${b.spans.length}`, () => compareTracesOf(a, b))
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
  const pathOf = (r: CompareRow) => r.key.split('\n').slice(0, -1).map((s) => s.replace('\u0001', ' ').replace(/^~missing-parent$/, 'missing parent')).join(' › ')
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
  return (
    <section className="page cmp" aria-label="Trace comparison">
      <h1>Compare two traces</h1>
      <div className="cmp-sides">
        {side('A', idA, a, ra)}
        {side('B', idB, b, rb)}
      </div>
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
  )
}

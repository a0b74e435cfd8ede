import { useMemo, useState } from 'react'
import { useQueries, useQuery } from '@tanstack/react-query'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import type { DrillQuery } from '../../../domain/metrics/selection'
import { baselineWindow, definingKeys, whatIsDifferent } from '../../../domain/metrics/what-different'
import type { BaselineMode } from '../../../domain/metrics/what-different'
import { formatPercent, plural } from '../../../lib/format'
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states'
import { useTrickle } from '../hooks/use-trickle'

/** Traces fetched in full per side: keeps "what is different" to at most 2 × 20 trace loads. */
export const DIFF_TRACES_PER_SIDE = 20
/** Traces loaded at a time: a new selection's search waits behind at most these. */
const TRACES_AT_ONCE = 2
/** Below this many selected traces, shares say nothing. */
const MIN_TRACES = 5

export interface DiffPanelProps {
  drill: DrillQuery
  /** the listed traces and the series span each matched */
  selection: { traceId: string; spanId: string | null }[]
  labelKeys: string[]
  base: BaselineMode
  onBase: (b: BaselineMode) => void
  onAddFilter: (f: { key: string; value: string }) => void
  /**
   * Compare at once (a range). A single point compares on request: its few traces rarely say
   * much, and loading them in full would hold up the next click's search.
   */
  auto: boolean
}

/** "What is different": tag values over-represented in the selection's traces against a baseline. */
export function DiffPanel({ drill, selection, labelKeys, base, onBase, onAddFilter, auto }: DiffPanelProps) {
  const [requested, setRequested] = useState(false)
  const run = auto || requested
  const source = useDataSource()
  const { query } = drill
  const bw = baselineWindow(query, base)
  // the baseline is the same series' spans without the selection's condition: what is normal for them
  const baseline = useQuery({
    ...traceQueries.search(source, { from: bw.from, to: bw.to, service: query.service, operation: query.operation, span: { tags: query.span.tags }, limit: DIFF_TRACES_PER_SIDE }),
    enabled: run && selection.length >= MIN_TRACES,
  })
  const selPicked = selection.slice(0, DIFF_TRACES_PER_SIDE)
  const selIds = selPicked.map((s) => s.traceId)
  const leaveOut = useMemo(() => definingKeys(query), [query])
  const selectionWords = drill.mode === 'failed' ? 'failed spans only' : drill.mode === 'slowest' && drill.threshold !== null ? `spans at or above ${drill.quantileLabel ?? 'the threshold'}` : null
  const enough = selIds.length >= MIN_TRACES
  const basePicked = (baseline.data?.traces ?? []).slice(0, DIFF_TRACES_PER_SIDE)
  const baseIds = basePicked.map((t) => t.traceId)
  const detailOptions = enough ? [...selIds, ...baseIds].map((id) => traceQueries.detail(source, id)) : []
  const may = useTrickle(detailOptions.map((o) => o.queryKey), TRACES_AT_ONCE, run)
  const details = useQueries({ queries: detailOptions.map((o, i) => ({ ...o, enabled: may[i] ?? false })) })
  const pending = baseline.isPending || details.some((d) => d.isPending)
  const failed = baseline.error ?? details.find((d) => d.isError)?.error
  const selTraces = details.slice(0, selIds.length).flatMap((d, i) => (d.data ? [{ trace: d.data, spanId: selPicked[i]?.spanId ?? null }] : []))
  const baseTraces = details.slice(selIds.length).flatMap((d, i) => (d.data ? [{ trace: d.data, spanId: basePicked[i]?.match?.spanId ?? null }] : []))
  const key = pending ? 'pending' : `${selTraces.length}:${baseTraces.length}:${selIds.join()}:${baseIds.join()}`
  const diffs = useMemo(
    () => (pending ? [] : whatIsDifferent(selTraces, baseTraces, { service: query.service, operation: query.operation, labelKeys, leaveOut })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the fetched sets change (key), not on every render
    [key, labelKeys, query.service, query.operation, leaveOut],
  )

  return (
    <section className="metrics-diff" aria-label="What is different" data-testid="metrics-diff">
      <header className="metrics-diff-header">
        <h3>What is different</h3>
        <div role="group" aria-label="Compare with" className="metrics-diff-base">
          <button type="button" className="btn" aria-pressed={base === 'before'} onClick={() => onBase('before')}>
            Window before
          </button>
          <button type="button" className="btn" aria-pressed={base === 'yesterday'} onClick={() => onBase('yesterday')}>
            Yesterday
          </button>
        </div>
      </header>
      {selIds.length === 0 ? null : selIds.length < MIN_TRACES ? (
        <EmptyState title="Too few traces to compare">
          {selIds.length} trace{selIds.length === 1 ? '' : 's'} in this selection; a comparison needs at least {MIN_TRACES}. Drag across a longer range on the chart.
        </EmptyState>
      ) : !run ? (
        <p className="muted metrics-diff-note">
          Which tag values are more frequent in these {plural(selIds.length, 'trace')} than {base === 'before' ? 'in the window before' : 'yesterday'}?{' '}
          <button type="button" className="btn" onClick={() => setRequested(true)}>
            Compare
          </button>
        </p>
      ) : pending ? (
        <LoadingState label={`Comparing ${plural(selIds.length, 'trace')} with ${base === 'before' ? 'the window before' : 'yesterday'}…`} minHeight={80} />
      ) : failed ? (
        <ErrorState title="The comparison could not be made" error={failed} onRetry={() => void baseline.refetch()} />
      ) : diffs.length === 0 ? (
        <EmptyState title="Nothing stands out">
          No tag value is clearly more frequent on the series&apos; spans in these {plural(selTraces.length, 'trace')} than in {plural(baseTraces.length, 'trace')} {base === 'before' ? 'of the window before' : 'of yesterday'}
          {leaveOut.length ? ` (${leaveOut.join(', ')} left out: they define the selection)` : ''}.
        </EmptyState>
      ) : (
        <>
          <p className="muted metrics-diff-note" data-testid="diff-scope">
            The series&apos; spans in {selTraces.length} selected traces against its spans in {baseTraces.length} traces {base === 'before' ? 'from the window before' : 'from yesterday'}
            {selectionWords ? <> · selection: {selectionWords}</> : null}
            {leaveOut.length ? <> · left out, as they define the selection: {leaveOut.join(', ')}</> : null}.
          </p>
          <table className="table metrics-diff-table">
            <thead>
              <tr>
                <th scope="col">Tag value</th>
                <th scope="col" className="num">Selection</th>
                <th scope="col" className="num">Baseline</th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {diffs.map((d) => (
                <tr key={`${d.key}=${d.value}`} data-testid="diff-row">
                  <td>
                    <span className="metrics-diff-key">{d.key}</span>=<strong>{d.value}</strong>
                    <span className="metrics-diff-bar" aria-hidden="true">
                      <span className="metrics-diff-bar-sel" style={{ width: `${Math.round(d.selectionShare * 100)}%` }} />
                      <span className="metrics-diff-bar-base" style={{ width: `${Math.round(d.baselineShare * 100)}%` }} />
                    </span>
                  </td>
                  <td className="num">{formatPercent(d.selectionShare)}</td>
                  <td className="num">{formatPercent(d.baselineShare)}</td>
                  <td>
                    {d.filterable ? (
                      <button type="button" className="btn" onClick={() => onAddFilter({ key: d.key, value: d.value })}>
                        Filter
                      </button>
                    ) : (
                      <span className="muted" title="Not a label of this service's series">trace only</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

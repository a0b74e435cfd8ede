import { keepPreviousData, useQueries, useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import { measureEntry } from '../../../api/listing/measure-entry'
import type { MeasuredEntry } from '../../../api/listing/measure-entry'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import { measuredExtra } from '../../../domain/paths/measured-ratios'
import type { MeasuredExtra } from '../../../domain/paths/measured-ratios'
import type { Topology } from '../../../domain/model'
import { entryOperations } from '../../../domain/topology/what-if'

/** Traces analysed per entry operation for the what-if's call ratios. */
export const MEASURE_SIZE = 150
/** The ratios are measured over the window cut to whole 5-minute steps, so a live refresh reuses them. */
const STEP_MS = 5 * 60_000

interface MeasuredAnswers {
  data: (MeasuredEntry | undefined)[]
  pending: boolean
  failed: number
}

/** Stable across renders: useQueries re-runs it only when an answer changed, and shares what did not. */
function combineAnswers(results: { data: MeasuredEntry | undefined; isPending: boolean; fetchStatus: string; isError: boolean }[]): MeasuredAnswers {
  return {
    data: results.map((r) => r.data),
    // a disabled query stays pending without fetching: only a query under way is waited for
    pending: results.some((r) => r.isPending && r.fetchStatus !== 'idle'),
    failed: results.filter((r) => r.isError).length,
  }
}

export interface MeasuredWhatIf {
  /** the extra load of "entry × factor" along the measured ratios; null while measuring or when it could not be measured */
  extra: MeasuredExtra | null
  pending: boolean
  /** entry operations measured, traces listed and analysed over them, and the operations whose traces could not be loaded */
  operations: number
  listed: number
  analysed: number
  failed: number
  /** the window the ratios were measured over */
  window: { from: number; to: number } | null
}

/**
 * The topology's capacity what-if on call ratios measured from the entry's sampled traces: each of
 * the entry service's operations (from the method-level graph, with its current rate) is listed,
 * sampled and aggregated as on the paths page, and its ratios times its rate make the extra load.
 */
export function useMeasuredWhatIf(shown: Topology | null, ops: Topology | null, whatIf: { entry: string; factor: number } | null, window: { from: number; to: number } | null): MeasuredWhatIf {
  const source = useDataSource()
  const queryClient = useQueryClient()
  const entry = whatIf && shown ? shown.nodes.find((n) => n.id === whatIf.entry) : undefined
  const operations = useMemo(() => (shown && ops && whatIf ? entryOperations(shown, ops, whatIf.entry) : []), [shown, ops, whatIf])
  const step = window ? { from: Math.floor(window.from / STEP_MS) * STEP_MS, to: Math.max(Math.floor(window.to / STEP_MS) * STEP_MS, Math.floor(window.from / STEP_MS) * STEP_MS + STEP_MS) } : null
  const service = entry?.service
  const { data, pending, failed } = useQueries({
    queries: operations.map((o) => ({
      queryKey: ['measured-ratios', source.id, service, o.operation, step?.from, step?.to],
      queryFn: ({ signal }: { signal: AbortSignal }): Promise<MeasuredEntry> =>
        measureEntry(
          {
            search: (q) => queryClient.fetchQuery(traceQueries.search(source, { ...q, service: service ?? '', operation: o.operation, dc: entry?.dc ?? undefined })),
            getTrace: (id) => queryClient.fetchQuery(traceQueries.detail(source, id)),
          },
          { service: service ?? '', operation: o.operation },
          step ?? { from: 0, to: 0 },
          MEASURE_SIZE,
          signal,
        ),
      enabled: step !== null && service !== undefined,
      staleTime: STEP_MS,
      placeholderData: keepPreviousData,
    })),
    combine: combineAnswers,
  })
  const factor = whatIf?.factor ?? 1
  const extra = useMemo(() => {
    if (pending || operations.length === 0) return null
    const parts = operations.flatMap((o, i) => {
      const d = data[i]
      return d && d.analysed > 0 ? [{ rps: o.rps, ratios: d.ratios }] : []
    })
    return parts.length > 0 ? measuredExtra(parts, factor) : null
  }, [pending, operations, data, factor])
  const sum = (f: (d: MeasuredEntry) => number) => data.reduce((s, d) => s + (d ? f(d) : 0), 0)
  return {
    extra,
    pending: whatIf !== null && pending,
    operations: operations.length,
    listed: sum((d) => d.listed),
    analysed: sum((d) => d.analysed),
    failed,
    window: step,
  }
}

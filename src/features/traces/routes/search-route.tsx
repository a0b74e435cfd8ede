import { useQuery } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import type { BrushRegion, SortOrder } from '../../../domain/trace-search/results'
import { now } from '../../../lib/clock'
import { ErrorState, LoadingState } from '../../../ui/states'
import { useTimeWindow } from '../../../ui/time-range/use-time-window'
import { OpenByIdForm, OpenFileButton, OpenFileStatus } from '../components/search/open-trace-panel'
import { SampleTracesMenu } from '../components/search/sample-traces-menu'
import { SearchFiltersForm } from '../components/search/search-filters'
import { SearchResults } from '../components/search/search-results'
import { activeFilterCount, readBrush, readFilters, readSort, toTraceQuery, writeBrush, writeFilters, writeSort } from '../lib/search/url-state'
import type { SearchFilters } from '../lib/search/url-state'
import { useFileDrop } from '../hooks/use-file-drop'
import { useOpenTraceFile } from '../hooks/use-open-trace-file'
import '../components/search/search.css'

export function TraceSearchRoute() {
  const source = useDataSource()
  const { window } = useTimeWindow()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => readFilters(params), [params])
  const brush = readBrush(params)
  const sort = readSort(params)
  const services = useQuery(traceQueries.services(source, window))
  const search = useQuery(traceQueries.search(source, toTraceQuery(filters, window)))
  // the file reader is started once the first search has its answer (or its error) on screen, or
  // asks nothing (no service chosen yet)
  const file = useOpenTraceFile({ prepare: !search.isPending || search.fetchStatus === 'idle' })
  const drop = useFileDrop((f) => void file.open(f))

  const apply = useCallback((f: SearchFilters) => setParams((p) => writeFilters(p, f)), [setParams])
  const setBrush = useCallback((b: BrushRegion | null) => setParams((p) => writeBrush(p, b), { replace: true }), [setParams])
  const setSort = useCallback((s: SortOrder) => setParams((p) => writeSort(p, s), { replace: true }), [setParams])
  const filterKey = useMemo(() => {
    const p = writeFilters(new URLSearchParams(), filters)
    return p.toString()
  }, [filters])

  return (
    <section className={`page tsearch${drop.dragging ? ' tsearch-dragging' : ''}`} {...drop.handlers}>
      <header className="tsearch-header">
        <h1>Traces</h1>
        <div className="tsearch-open">
          <OpenByIdForm />
          <OpenFileButton onFile={(f) => void file.open(f)} busy={file.state.status === 'reading'} />
          <SampleTracesMenu />
        </div>
      </header>
      <OpenFileStatus state={file.state} onDismiss={file.dismiss} />
      <div className="tsearch-body">
        <SearchFiltersForm
          key={filterKey}
          filters={filters}
          services={services.data}
          servicesState={services.isPending ? 'loading' : services.isError ? 'error' : 'ready'}
          onApply={apply}
        />
        <div className="tsearch-results" aria-busy={search.isFetching}>
          {search.isPending ? <LoadingState label="Searching traces…" minHeight={360} /> : null}
          {search.isError ? (
            <ErrorState title="The search failed" error={search.error} onRetry={() => void search.refetch()} />
          ) : null}
          {search.data ? (
            <SearchResults
              result={search.data}
              window={window}
              brush={brush}
              onBrush={setBrush}
              sort={sort}
              onSort={setSort}
              limit={filters.limit}
              activeFilters={activeFilterCount(filters)}
              nowMs={now()}
            />
          ) : null}
        </div>
      </div>
      {drop.dragging ? (
        <div className="tsearch-drop" aria-hidden="true">
          Drop a Jaeger JSON or OTLP JSON file to open it
        </div>
      ) : null}
    </section>
  )
}

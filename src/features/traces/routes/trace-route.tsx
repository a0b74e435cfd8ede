import { retentionPhrase } from '../lib/retention'
import { useQuery } from '@tanstack/react-query'
import { Link, Navigate, useParams, useSearchParams } from 'react-router'
import { memo, useMemo } from 'react'
import type { Trace } from '../../../domain/model'
import { traceHref } from '../../../lib/links'
import { traceQueries } from '../../../api/queries/traces'
import { isApiError } from '../../../api/errors'
import { useDataSource } from '../../../api/source-context'
import { useBuiltTree, useTraceProgress } from '../../../api/trace-loading/hooks'
import { isTraceFileError } from '../../../api/trace-loading/trace-files'
import { EmptyState, ErrorState } from '../../../ui/states'
import { useDeferredFor } from '../../../ui/use-deferred-for'
import { TracePage } from '../components/trace-page/trace-page'
import { TracePageSkeleton } from '../components/trace-page/trace-page-skeleton'
import { ArrivingTracePage } from '../components/trace-page/arriving-trace-page'
import { useTraceUrl } from '../hooks/use-trace-url'
import { safeChains } from '../hooks/use-error-chains'
import { useEarlyHandOver, useFedTrace } from '../hooks/use-analysis'
import { useViewUrl } from '../hooks/use-view-url'

const ShownTracePage = memo(TracePage)
const ShownArrivingTracePage = memo(ArrivingTracePage)

/**
 * /traces/:traceId — one trace as a Gantt chart, whatever it comes from (a source, or a file the
 * user opened: `file-` ids, whose page opens as soon as the file is read): `traceQueries.detail` is
 * the one door, and the first rows show while the rest arrives.
 */
export function TraceRoute() {
  const { traceId = '' } = useParams()
  const source = useDataSource()
  const query = useQuery(traceQueries.detail(source, traceId))
  // The trace's first rows and the whole trace arrive in a message from a worker or a query's
  // notification, and a store's update renders at once, in that task: the page built for them
  // (70–140 ms for a big trace on two cores) would be one long task. Deferred, the task that
  // receives them ends at once and the page is rendered in slices that leave the browser room
  // between them. The pages are memoised, so the render with the values still shown costs nothing.
  // Only this trace's: on the way to another trace, the one before is never shown under its id.
  const data = useDeferredFor(traceId, query.data)
  const progress = useDeferredFor(traceId, useTraceProgress(source.id, traceId)) ?? null
  const [url] = useTraceUrl()
  const [views] = useViewUrl()
  // opened on the flame graph or the service graph: the worker gets the trace before the page's tree is built
  // (fed to the worker as it arrives when it is read in a reader worker; else sent whole, with the
  // tree its reader built, which the worker then puts together rather than builds)
  const workerView = views.view !== 'gantt' && !url.atOrigin
  useFedTrace(source.id, traceId, workerView)
  const builtTree = useBuiltTree(data)
  const handedOver = useEarlyHandOver(data, !url.raw, workerView, builtTree)
  // the first rows are those of the tree opened in full; a link to a span or a filter opens another view
  const opensInFull =
    !url.span && !url.atOrigin && !url.raw && !url.errorsOnly && url.services.length === 0 && !(url.hideUnmatched && url.query) && !url.criticalOnly

  if (data && data.spans.length === 0) return <NoSpans traceId={data.traceId} source={source.label} />
  if (data && url.atOrigin) return <OpenAtErrorOrigin trace={data} routeId={traceId} />
  // spans of a file have no logs to ask a backend for
  if (data && handedOver) return <ShownTracePage key={traceId} trace={data} routeId={traceId} />
  if (isTraceFileError(query.error) && query.error.kind === 'unreadable') {
    return (
      <section className="page page-narrow">
        <ErrorState title="The trace file could not be opened" error={query.error} />
        <Link to="/traces">Open another file or search traces</Link>
      </section>
    )
  }
  if (isTraceFileError(query.error)) {
    return (
      <section className="page page-narrow" role="alert">
        <h1>This trace came from a file</h1>
        <p>
          Traces opened from a file are kept only while the page is open, and this one is no longer loaded. Open the file
          again on the <Link to="/traces">trace search page</Link>.
        </p>
      </section>
    )
  }
  if (query.isError) {
    const notFound = isApiError(query.error) && query.error.status === 404
    return (
      <section className="page page-narrow">
        <ErrorState
          title={notFound ? `No trace with id ${traceId}` : 'The trace could not be loaded'}
          error={notFound ? new Error(`It may have expired (${retentionPhrase(source)}), or the id is mistyped. Search for traces instead.`) : query.error}
          onRetry={() => void query.refetch()}
        />
        {notFound ? <Link to="/traces">Search traces</Link> : null}
      </section>
    )
  }
  if (progress?.preview && opensInFull) {
    return <ShownArrivingTracePage traceId={progress.traceId ?? traceId} progress={progress} preview={progress.preview} url={url} />
  }
  return <TracePageSkeleton progress={progress} />
}

/**
 * A link that asks for the trace at its error's origin (`at=origin`, e.g. from the failed traces
 * behind a metric spike) is turned into the span and chain themselves, so the page opens there as
 * for any link naming a span (path expanded, the span selected and in view), and a reload or a
 * shared link opens the same span. A trace without an error chain opens as it is.
 */
function OpenAtErrorOrigin({ trace, routeId }: { trace: Trace; routeId: string }) {
  const [params] = useSearchParams()
  const to = useMemo(() => {
    const p = new URLSearchParams(params)
    p.delete('at')
    const origin = safeChains(trace).chains[0]?.id
    if (origin) {
      p.set('span', origin)
      p.set('chain', origin)
    }
    const q = p.toString()
    return `${traceHref(routeId)}${q ? `?${q}` : ''}`
  }, [params, trace, routeId])
  return <Navigate to={to} replace />
}

/** A trace the backend found but that holds no span: nothing to draw, and no time to date it by. */
function NoSpans({ traceId, source }: { traceId: string; source: string }) {
  return (
    <section className="page page-narrow">
      <h1>Trace {traceId}</h1>
      <EmptyState title="This trace has no spans">
        {source} returned the trace {traceId}, but without a single span, so there is nothing to draw and no time to show. Its spans
        may not have been written yet, may have been dropped before storage, or may have expired. <Link to="/traces">Search traces</Link>
      </EmptyState>
    </section>
  )
}

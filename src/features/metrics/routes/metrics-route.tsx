import { metricQueries } from '../../../api/queries/metrics'
import { useEffect } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useDataSource } from '../../../api/source-context'
import { useCarry } from '../../../ui/time-range/use-carry'
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states'
import { useTimeWindow } from '../../../ui/time-range/use-time-window'
import { ServiceChooser } from '../components/service-chooser'
import { MetricsView } from '../components/metrics-view'
import { useMetricsUrl } from '../hooks/use-metrics-url'
import '../metrics.css'

/** The entry service an on-call engineer most often starts from. */
const DEFAULT_SERVICE = 'api-gateway'

export function MetricsRoute() {
  const source = useDataSource()
  const { window } = useTimeWindow()
  const carry = useCarry()
  const { state, update } = useMetricsUrl()
  const services = useQuery(metricQueries.services(source, window))
  const hasDefault = !!services.data?.some((s) => s.name === DEFAULT_SERVICE)

  useEffect(() => {
    if (!state.service && hasDefault) update({ service: DEFAULT_SERVICE })
  }, [state.service, hasDefault, update])

  return (
    <section className="page metrics-page">
      {state.service ? (
        <MetricsView state={state} update={update} services={services.data ?? []} />
      ) : (
        <>
          <h1>Metrics</h1>
          {services.isPending ? <LoadingState label="Loading services…" /> : null}
          {services.isError ? <ErrorState title="Services could not be loaded" error={services.error} onRetry={() => void services.refetch()} /> : null}
          {services.data && services.data.length === 0 ? (
            <EmptyState title="No services reported calls in this window">Widen the time range at the top right.</EmptyState>
          ) : null}
          {services.data && services.data.length > 0 && !hasDefault ? <ServiceChooser services={services.data} carry={carry} /> : null}
        </>
      )}
    </section>
  )
}

import { useQuery } from '@tanstack/react-query'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import { ErrorState, LoadingState } from '../../../ui/states'
import { useTimeWindow } from '../../../ui/time-range/use-time-window'

export function MetricsRoute() {
  const source = useDataSource()
  const { window } = useTimeWindow()
  const services = useQuery(traceQueries.services(source, window))
  return (
    <section className="page">
      <h1>Metrics</h1>
      {services.isPending ? <LoadingState /> : null}
      {services.isError ? <ErrorState title="Services could not be loaded" error={services.error} onRetry={() => void services.refetch()} /> : null}
      {services.data ? <p>{services.data.length} services</p> : null}
    </section>
  )
}

import { ServiceColors } from '../../../ui/service-colors'
import { useQuery } from '@tanstack/react-query'
import { memo, useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import { byGrowth } from '../../../domain/error-chain/aggregate'
import type { ChainAggregate, ChainGroup } from '../../../domain/error-chain/aggregate'
import type { RootCauses as Ranking } from '../../../domain/error-chain/root-cause'
import type { ChangeEvent } from '../../../domain/model'
import { matchesPick } from '../../../domain/error-chain/flow'
import { now } from '../../../lib/clock'
import { ErrorState, LoadingState, PartialBanners } from '../../../ui/states'
import { useTimeWindow } from '../../../ui/time-range/use-time-window'
import { ChainList } from '../components/chain-list'
import { ErrorsFilters } from '../components/errors-filters'
import { Impact } from '../components/impact'
import { PropagationDiagram } from '../components/propagation-diagram'
import { RootCauses } from '../components/root-causes'
import { SampleStatus } from '../components/sample-status'
import { useErrorChains } from '../hooks/use-error-chains'
import { readErrorsView, writeErrorsView } from '../lib/url'
import type { ErrorsView } from '../lib/url'
import { UserText } from '../../../ui/user-text'
import '../errors.css'

export function ErrorsRoute() {
  const source = useDataSource()
  const [params, setParams] = useSearchParams()
  const view = useMemo(() => readErrorsView(params), [params])
  const { window } = useTimeWindow()
  const services = useQuery(traceQueries.services(source, window))
  const chains = useErrorChains(window, { service: view.service, dc: view.dc, origin: view.origin })
  const setView = useCallback((patch: Partial<ErrorsView>) => setParams((p) => writeErrorsView(p, patch)), [setParams])
  const agg = chains.aggregate

  const groups = useMemo(() => {
    if (!agg) return []
    const live = agg.groups.filter((g) => matchesPick(g, view.pick))
    return view.sort === 'growth' ? byGrowth(live) : live
  }, [agg, view.pick, view.sort])

  const serviceNames = (services.data ?? []).map((s) => s.name).sort()
  const dcs = [...new Set((services.data ?? []).flatMap((s) => s.dcs))].sort()
  const originNames = [...new Set((agg?.groups ?? []).map((g) => g.originService))].sort()
  const { current, baseline } = chains

  return (
    <section className="page errs-page">
      <header className="errs-header">
        <div>
          <h1>Error chains</h1>
          <p className="muted errs-sub">
            Where errors start, how they travel, which entries they hit
            {view.service ? (
              <>
                : chains through <UserText text={view.service} />
              </>
            ) : (
              ''
            )}, compared with the same window yesterday.
          </p>
        </div>
        <ErrorsFilters
          services={serviceNames}
          origins={originNames}
          dcs={dcs}
          service={view.service}
          origin={view.origin}
          dc={view.dc}
          onChange={(patch) => setView(patch)}
        />
      </header>
      <SampleStatus current={current.state} baseline={baseline.state} aggregate={agg} preliminary={chains.preliminary} onCancel={() => (current.cancel(), baseline.cancel())} onRestart={() => (current.restart(), baseline.restart())} />
      <PartialBanners
        items={[
          { partial: current.state.partial, what: 'The error traces of this window' },
          { partial: baseline.state.partial, what: "Yesterday's error traces" },
          { partial: chains.volumesPartial, what: 'The error volumes counted by the backend' },
        ]}
      />
      {chains.volumesError ? (
        <div className="banner banner-warning" role="status" data-testid="errors-volumes-failed">
          The backend&apos;s error volumes could not be loaded: the volumes below are estimated from the sample of traces.
        </div>
      ) : null}
      {baseline.state.phase === 'error' ? (
        <div className="banner banner-warning" role="status">
          Yesterday&apos;s traces could not be loaded: the comparison with yesterday is missing.
        </div>
      ) : null}
      {current.state.phase === 'error' ? (
        <ErrorState title="Error traces could not be loaded" error={current.state.error} onRetry={() => (current.restart(), baseline.restart())} />
      ) : chains.aggregateError ? (
        <ErrorState title="The error chains could not be analysed" error={chains.aggregateError} onRetry={() => (current.restart(), baseline.restart())} />
      ) : !agg ? (
        <LoadingState label="Analysing error chains…" minHeight={480} />
      ) : (
        <ErrorsResults
          aggregate={agg}
          groups={groups}
          origins={chains.origins}
          changes={chains.changes}
          view={view}
          setView={setView}
          window={window}
          yesterday={chains.yesterday}
        />
      )}
    </section>
  )
}

interface ErrorsResultsProps {
  aggregate: ChainAggregate
  groups: ChainGroup[]
  origins: Ranking | null
  changes: ChangeEvent[]
  view: ErrorsView
  setView: (patch: Partial<ErrorsView>) => void
  window: { from: number; to: number }
  yesterday: { from: number; to: number }
}

/**
 * The analysis itself. Memoised: while an early answer is on screen the sample's progress
 * updates the page many times a second, and the answer is drawn again only when it changes.
 */
const ErrorsResults = memo(function ErrorsResults({ aggregate, groups, origins, changes, view, setView, window, yesterday }: ErrorsResultsProps) {
  const shown = useMemo(() => aggregate.groups.flatMap((g) => g.hops.map((h) => h.service)), [aggregate])
  return (
    <ServiceColors services={shown}>
      <div className="errs-top">
        {origins ? <RootCauses ranking={origins} selected={view.origin} onSelect={(origin) => setView({ origin })} /> : null}
        <PropagationDiagram groups={aggregate.groups} pick={view.pick} onPick={(pick) => setView({ pick })} />
      </div>
      <div className="errs-main">
        <ChainList groups={groups} changes={changes} sort={view.sort} onSort={(sort) => setView({ sort })} nowMs={now()} filtered={Boolean(view.pick || view.origin)} />
        <Impact entries={aggregate.entries} window={window} yesterday={yesterday} />
      </div>
    </ServiceColors>
  )
})

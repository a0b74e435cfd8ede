import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useDeferredValue, useMemo, useState } from 'react'
import { eventQueries } from '../../../api/queries/events'
import { topologyQueries } from '../../../api/queries/topology'
import { traceQueries } from '../../../api/queries/traces'
import { refreshAfter } from '../../../api/query-client'
import { useDataSource } from '../../../api/source-context'
import { now } from '../../../lib/clock'
import { parseTimeRange, resolveTimeRange } from '../../../lib/time-range'
import { useSearchParams } from 'react-router'
import { diffBaseline } from '../../../domain/topology/baseline'
import { answersBaseline, baselineWindow } from '../../../domain/topology/baseline-choice'
import { activeAlertsPerService, alertsIn, changesIn, changesPerService, healthMap, stepWindow } from '../../../domain/topology/view-model'
import { groupKeyOf } from '../../../domain/topology/grouping'
import { liveTopologyQuery } from '../lib/queries'
import type { TopologyViewState } from '../lib/url'

const LIVE_GC_MS = 15_000
/**
 * Which DCs a service runs in changes with deploys, not every few seconds: the service list is
 * asked for the window widened to whole 5-minute steps, so live refreshes reuse it instead of
 * parsing the whole inventory again on every tick.
 */
const SERVICES_STEP_MS = 5 * 60_000
/**
 * Changes and alerts likewise: asked for the window widened to whole minutes, and again every 30 s
 * for news, instead of with every refresh of the graph; each refresh cuts the answer to its window.
 * A live tick then costs one request, not three, and one render.
 */
const EVENTS_STEP_MS = 60_000
const EVENTS_REFRESH_MS = 30_000

/** The graph answer (live), the baseline, services, changes and alerts for the view. */
export function useTopologyData(state: TopologyViewState) {
  const source = useDataSource()
  const [params] = useSearchParams()
  const range = parseTimeRange(params)
  // a group (`group:<key>`) is cut from the whole graph here: sources know services, not the view's groups
  const focus = state.focus && groupKeyOf(state.focus) === null ? state.focus : null
  const graph = useQuery({
    ...liveTopologyQuery(source, {
      range,
      focus: focus ?? undefined,
      up: focus ? state.up : undefined,
      down: focus ? state.down : undefined,
      groupBy: state.groupBy,
    }),
    refetchInterval: state.live ? refreshAfter(state.refreshSec * 1000) : false,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  })
  // The first answer is drawn at a lower priority than input and the frame it arrives in: the
  // render that takes it (the view model of a big graph, the drawing's set-up) is work of its own,
  // which the browser may interrupt, not part of the task that received it; until then the view
  // shows its loading state, and `settling` says the answer is on its way in. Later answers (live
  // refreshes) are taken at once: their render is small, and a second render a tick would cost
  // more main-thread time than it spares.
  const deferred = useDeferredValue(graph.data)
  const [settled, setSettled] = useState(false)
  if (!settled && deferred !== undefined) setSettled(true)
  const topology = settled ? graph.data : deferred
  const settling = topology !== graph.data
  const from = topology?.from
  const to = topology?.to
  const window = useMemo(() => (from !== undefined && to !== undefined ? { from, to } : null), [from, to])
  // an offset baseline moves with the live window; a custom one stays where the user put it
  const baseWindow = window && state.baseline ? baselineWindow(state.baseline, window) : null
  const baseline = useQuery({
    ...topologyQueries.graph(source, {
      from: baseWindow?.from ?? 0,
      to: baseWindow?.to ?? 0,
      focus: focus ?? undefined,
      up: focus ? state.up : undefined,
      down: focus ? state.down : undefined,
      groupBy: state.groupBy,
    }),
    enabled: baseWindow !== null,
    placeholderData: keepPreviousData,
    gcTime: LIVE_GC_MS,
  })
  // the what-if propagates on the operations' calls: the same window grouped by method, unfocused
  const wantOps = state.whatIf !== null && window !== null && state.groupBy !== 'method'
  const ops = useQuery({
    ...topologyQueries.graph(source, { from: window?.from ?? 0, to: window?.to ?? 0, groupBy: 'method' }),
    enabled: wantOps,
    placeholderData: keepPreviousData,
    gcTime: LIVE_GC_MS,
  })
  const opsGraph = state.groupBy === 'method' ? topology ?? null : wantOps ? ops.data ?? null : null
  // Before the first graph answer, the window it will have (the range resolved now): services,
  // changes and alerts are asked for per whole step, so they can load alongside the graph rather
  // than after it, and are cut to the graph's own window once it is in.
  const [openedAt] = useState(now)
  const eventWindow = window ?? resolveTimeRange(range, openedAt)
  // keyed by a window that moves on every live tick: answers of past windows are dropped soon
  const follow = { enabled: true, placeholderData: keepPreviousData, gcTime: LIVE_GC_MS }
  const services = useQuery({ ...traceQueries.services(source, stepWindow(eventWindow, SERVICES_STEP_MS)), ...follow, gcTime: SERVICES_STEP_MS })
  const eventsWindow = stepWindow(eventWindow, EVENTS_STEP_MS)
  const eventsFollow = { ...follow, refetchInterval: state.live ? refreshAfter(EVENTS_REFRESH_MS) : (false as const), gcTime: EVENTS_STEP_MS * 2 }
  const changesQuery = useQuery({ ...eventQueries.changes(source, eventsWindow), ...eventsFollow })
  const alertsQuery = useQuery({ ...eventQueries.alerts(source, eventsWindow), ...eventsFollow })
  const changesData = useMemo(() => (changesQuery.data ? changesIn(changesQuery.data, eventWindow.from, eventWindow.to) : undefined), [changesQuery.data, eventWindow.from, eventWindow.to])
  const alertsData = useMemo(() => (alertsQuery.data ? alertsIn(alertsQuery.data, eventWindow.from, eventWindow.to) : undefined), [alertsQuery.data, eventWindow.from, eventWindow.to])
  const changes = { data: changesData, isError: changesQuery.isError }
  const alerts = { data: alertsData, isError: alertsQuery.isError }

  const serviceDcs = useMemo(() => new Map((services.data ?? []).map((s) => [s.name, s.dcs])), [services.data])
  const health = useMemo(() => (topology ? healthMap(topology, topology.partial, serviceDcs) : new Map()), [topology, serviceDcs])
  const changesBySvc = useMemo(
    () => (from !== undefined && to !== undefined ? changesPerService(changes.data ?? [], from, to) : new Map<string, number>()),
    [changes.data, from, to],
  )
  const alertsBySvc = useMemo(
    () => (to !== undefined ? activeAlertsPerService(alerts.data ?? [], to) : new Map<string, number>()),
    [alerts.data, to],
  )
  // an answer of the previous choice is not shown under the new one's name while that loads
  const baselineCurrent = baseWindow !== null && baseline.data !== undefined && answersBaseline(baseline.data.from, baseWindow)
  const baselineStatus: 'loading' | 'error' | 'ready' = baseline.isError && !baselineCurrent ? 'error' : baselineCurrent ? 'ready' : 'loading'
  const baselineDiff = useMemo(
    () => (topology && baseline.data && baselineCurrent ? diffBaseline(topology, baseline.data) : null),
    [topology, baseline.data, baselineCurrent],
  )
  return { graph, topology, settling, opsGraph, opsError: wantOps && ops.isError, window, baseline, baselineWindow: baseWindow, baselineStatus, baselineDiff, health, changes, alerts, changesBySvc, alertsBySvc, services }
}

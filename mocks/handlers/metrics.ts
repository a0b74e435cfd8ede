import { http, HttpResponse } from 'msw'
import type { ExemplarsResponse, MetricLabelsResponse, MetricResponse } from '../../src/api/schemas/metrics'
import { METRIC_NAMES } from '../../src/domain/model'
import { isMetricLabel, labelValues } from '../synthetic/dimensions'
import { findExemplars } from '../synthetic/exemplars'
import { currentIncidents } from '../synthetic/incidents'
import { defaultStep, MAX_POINTS, queryMetric } from '../synthetic/metrics'
import { cachedSlotState } from '../synthetic/sampling'
import { slotOf } from '../synthetic/traffic'
import { getWorld } from '../synthetic/world'
import { guarded, metricFilters, num, oneOf, operationParam, ParamError, serviceParam, timeWindow } from './params'

export const metricHandlers = [
  http.get('/api/v1/metrics/query_range', ({ request }) =>
    guarded(() => {
      const p = new URL(request.url).searchParams
      const world = getWorld()
      const metric = oneOf(p, 'metric', METRIC_NAMES)
      if (!metric) throw new ParamError('metric', `metric is required (one of ${METRIC_NAMES.join(', ')})`)
      const svc = serviceParam(world, p, true)
      if (!svc) throw new ParamError('service', 'service is required')
      const op = operationParam(world, p, svc)
      const { from, to } = timeWindow(p)
      // step=window: one point summarising the whole window [from, to)
      const whole = p.get('step') === 'window'
      const step = whole ? to - from : num(p, 'step', { min: 1000, unit: 'ms' }) ?? defaultStep(from, to)
      if ((to - from) / step > MAX_POINTS) throw new ParamError('step', `step ${step} ms gives more than ${MAX_POINTS} points for this window; use a larger step`)
      const groupByRaw = p.get('groupBy')
      if (groupByRaw && !isMetricLabel(groupByRaw)) throw new ParamError('groupBy', `cannot group by "${groupByRaw}"`)
      const groupBy = groupByRaw && isMetricLabel(groupByRaw) ? groupByRaw : null
      const res = queryMetric(world, currentIncidents(), {
        metric,
        ops: op ? [op] : svc.ops.map((i) => world.ops[i]),
        operation: op?.name ?? null,
        filters: metricFilters(p, 'filter'),
        groupBy,
        from,
        to,
        step,
        alignToFrom: whole,
      })
      // percentiles come from the histogram merged over every call of the step (docs/latency-percentiles.md)
      return HttpResponse.json<MetricResponse>(metric.startsWith('latency_') ? { ...res, percentileBasis: 'merged' } : res)
    }),
  ),
  http.get('/api/v1/metrics/labels', ({ request }) =>
    guarded(() => {
      const p = new URL(request.url).searchParams
      const world = getWorld()
      const svc = serviceParam(world, p, true)
      if (!svc) throw new ParamError('service', 'service is required')
      const { to } = timeWindow(p)
      const inc = currentIncidents()
      const labels = labelValues(world, svc.name, cachedSlotState(world, slotOf(to - 1), inc), to - 1, inc)
      return HttpResponse.json<MetricLabelsResponse>({ labels })
    }),
  ),
  http.get('/api/v1/exemplars', ({ request }) =>
    guarded(() => {
      const p = new URL(request.url).searchParams
      const world = getWorld()
      const svc = serviceParam(world, p, true)
      if (!svc) throw new ParamError('service', 'service is required')
      const op = operationParam(world, p, svc)
      const { from, to } = timeWindow(p)
      const res = findExemplars(world, currentIncidents(), { ops: op ? [op] : svc.ops.map((i) => world.ops[i]), filters: metricFilters(p, 'filter'), from, to })
      return HttpResponse.json<ExemplarsResponse>(res)
    }),
  ),
]

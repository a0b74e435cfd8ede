/**
 * The metrics view's URL state: everything a person would share or come Back to.
 * /metrics?service=&operation=&filter=k=v&groupBy=&pct=p95&zoom=from-to&chart=<metric>&sel=from-to
 *   &point=1&series=<group value>&base=before|yesterday&at=<ms>&step=<ms>
 */
import { parseTagParams } from '../../../lib/links'
import type { TagParam } from '../../../lib/links'
import { METRIC_NAMES } from '../../../domain/model'
import type { MetricName } from '../../../domain/model'
import { LATENCY_METRICS } from '../../../domain/metrics/metric-info'
import type { LatencyMetric } from '../../../domain/metrics/metric-info'
import type { BaselineMode } from '../../../domain/metrics/what-different'

export interface MetricsUrlState {
  service: string | null
  operation: string | null
  filters: TagParam[]
  groupBy: string | null
  /** latency percentile drawn when grouped */
  pct: LatencyMetric
  zoom: { from: number; to: number } | null
  chart: MetricName | null
  sel: { from: number; to: number } | null
  point: boolean
  series: string | null
  base: BaselineMode
  at: number | null
  /** ms; a finer or coarser resolution than the one chosen for the window */
  step: number | null
}

function parseRange(v: string | null): { from: number; to: number } | null {
  if (!v) return null
  const m = /^(\d+)-(\d+)$/.exec(v)
  if (!m) return null
  const from = Number(m[1])
  const to = Number(m[2])
  return to > from ? { from, to } : null
}

const isMetric = (v: string | null): v is MetricName => v !== null && (METRIC_NAMES as readonly string[]).includes(v)

export function readMetricsUrl(p: URLSearchParams): MetricsUrlState {
  const pctParam = `latency_${p.get('pct') ?? 'p99'}`
  const at = Number(p.get('at'))
  return {
    service: p.get('service') || null,
    operation: p.get('operation') || null,
    filters: parseTagParams(p.getAll('filter')),
    groupBy: p.get('groupBy') || null,
    pct: (LATENCY_METRICS as readonly string[]).includes(pctParam) ? (pctParam as LatencyMetric) : 'latency_p99',
    zoom: parseRange(p.get('zoom')),
    chart: isMetric(p.get('chart')) ? (p.get('chart') as MetricName) : null,
    sel: parseRange(p.get('sel')),
    point: p.get('point') === '1',
    series: p.get('series'),
    base: p.get('base') === 'yesterday' ? 'yesterday' : 'before',
    at: p.get('at') && Number.isFinite(at) && at > 0 ? at : null,
    step: Number(p.get('step')) >= 1000 ? Number(p.get('step')) : null,
  }
}

const range = (r: { from: number; to: number }) => `${Math.round(r.from)}-${Math.round(r.to)}`

/** Writes a partial state onto the params; null clears a parameter. Other parameters are kept. */
export function writeMetricsUrl(p: URLSearchParams, patch: Partial<MetricsUrlState>): URLSearchParams {
  const next = new URLSearchParams(p)
  const set = (k: string, v: string | null) => (v === null || v === '' ? next.delete(k) : next.set(k, v))
  if ('service' in patch) set('service', patch.service ?? null)
  if ('operation' in patch) set('operation', patch.operation ?? null)
  if ('filters' in patch) {
    next.delete('filter')
    for (const f of patch.filters ?? []) next.append('filter', `${f.key}=${f.value}`)
  }
  if ('groupBy' in patch) set('groupBy', patch.groupBy ?? null)
  if ('pct' in patch) set('pct', patch.pct && patch.pct !== 'latency_p99' ? patch.pct.replace('latency_', '') : null)
  if ('zoom' in patch) set('zoom', patch.zoom ? range(patch.zoom) : null)
  if ('chart' in patch) set('chart', patch.chart ?? null)
  if ('sel' in patch) set('sel', patch.sel ? range(patch.sel) : null)
  if ('point' in patch) set('point', patch.point ? '1' : null)
  if ('series' in patch) set('series', patch.series ?? null)
  if ('base' in patch) set('base', patch.base === 'yesterday' ? 'yesterday' : null)
  if ('at' in patch) set('at', patch.at ? String(Math.round(patch.at)) : null)
  if ('step' in patch) set('step', patch.step ? String(Math.round(patch.step)) : null)
  return next
}

/** Clears the selection (and what depends on it). */
export const CLEAR_SELECTION: Partial<MetricsUrlState> = { chart: null, sel: null, point: false, series: null }

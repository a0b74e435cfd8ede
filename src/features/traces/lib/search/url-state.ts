import type { SamplingMode } from '../../../../domain/model'
import { SAMPLING_MODES } from '../../../../domain/model'
import type { BrushRegion, SortOrder } from '../../../../domain/trace-search/results'
import { formatBrush, formatSortOrder, parseBrush, parseSortOrder } from '../../../../domain/trace-search/results'
import type { TraceQuery, TimeWindow } from '../../../../api/sources/data-source'
import { parseTagParams, traceSearchHref } from '../../../../lib/links'
import type { TagParam } from '../../../../lib/links'

/** The search page's state in the URL. Filter names are those of traceSearchHref (src/lib/links.ts). */
export interface SearchFilters {
  service?: string
  operation?: string
  tags: TagParam[]
  /** µs */
  minDuration?: number
  /** µs */
  maxDuration?: number
  status?: 'ok' | 'error'
  sampling?: SamplingMode
  dc?: string
  limit: number
}

export const LIMITS = [20, 50, 100, 200, 500] as const
export const DEFAULT_LIMIT = 50

const FILTER_KEYS = ['service', 'operation', 'tag', 'status', 'minDuration', 'maxDuration', 'sampling', 'dc', 'limit'] as const

const text = (p: URLSearchParams, k: string) => p.get(k)?.trim() || undefined
const micros = (p: URLSearchParams, k: string) => {
  const n = Number(p.get(k))
  return p.get(k) !== null && Number.isFinite(n) && n >= 0 ? n : undefined
}

export function readFilters(p: URLSearchParams): SearchFilters {
  const status = p.get('status')
  const sampling = p.get('sampling')
  const limit = Number(p.get('limit'))
  return {
    service: text(p, 'service'),
    operation: text(p, 'operation'),
    tags: parseTagParams(p.getAll('tag')),
    minDuration: micros(p, 'minDuration'),
    maxDuration: micros(p, 'maxDuration'),
    status: status === 'ok' || status === 'error' ? status : undefined,
    sampling: (SAMPLING_MODES as readonly string[]).includes(sampling ?? '') ? (sampling as SamplingMode) : undefined,
    dc: text(p, 'dc'),
    limit: Number.isInteger(limit) && limit > 0 && limit <= 1000 ? limit : DEFAULT_LIMIT,
  }
}

/** Replaces the filters in `p` (the time range and other parameters stay); clears the brush. */
export function writeFilters(p: URLSearchParams, f: SearchFilters): URLSearchParams {
  const next = new URLSearchParams(p)
  for (const k of FILTER_KEYS) next.delete(k)
  next.delete('brush')
  const href = traceSearchHref({ ...f, limit: f.limit === DEFAULT_LIMIT ? undefined : f.limit })
  const qs = href.includes('?') ? href.slice(href.indexOf('?') + 1) : ''
  for (const [k, v] of new URLSearchParams(qs)) next.append(k, v)
  return next
}

export function toTraceQuery(f: SearchFilters, w: TimeWindow): TraceQuery {
  return {
    from: w.from,
    to: w.to,
    service: f.service,
    operation: f.operation,
    tags: f.tags.length ? f.tags : undefined,
    minDuration: f.minDuration,
    maxDuration: f.maxDuration,
    status: f.status,
    sampling: f.sampling,
    dc: f.dc,
    limit: f.limit,
  }
}

export const readBrush = (p: URLSearchParams): BrushRegion | null => parseBrush(p.get('brush'))
export const readSort = (p: URLSearchParams): SortOrder => parseSortOrder(p.get('sort'))

export function writeBrush(p: URLSearchParams, b: BrushRegion | null): URLSearchParams {
  const next = new URLSearchParams(p)
  if (b) next.set('brush', formatBrush(b))
  else next.delete('brush')
  return next
}

export function writeSort(p: URLSearchParams, s: SortOrder): URLSearchParams {
  const next = new URLSearchParams(p)
  next.set('sort', formatSortOrder(s))
  return next
}

/** How many filters narrow the search (for the empty state's guidance). */
export function activeFilterCount(f: SearchFilters): number {
  return [f.service, f.operation, f.minDuration, f.maxDuration, f.status, f.sampling, f.dc].filter((v) => v !== undefined).length + f.tags.length
}

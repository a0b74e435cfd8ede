import { tracePath } from './trace-path'
/**
 * URL contracts between views. Features never import each other; they link through these
 * builders, and each view reads its own parameters from the URL. `carry` is the time range
 * part of the current URL (see timeRangeQuery in ./time-range), or an explicit window.
 */
export type Carry = string | { from: number; to: number } | undefined

export interface TagParam {
  key: string
  value: string
}

function withCarry(params: URLSearchParams, carry: Carry): URLSearchParams {
  if (typeof carry === 'string') {
    for (const [k, v] of new URLSearchParams(carry)) if (!params.has(k)) params.set(k, v)
  } else if (carry) {
    params.set('from', String(Math.round(carry.from)))
    params.set('to', String(Math.round(carry.to)))
  }
  return params
}

function href(path: string, params: URLSearchParams): string {
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

const setIf = (p: URLSearchParams, k: string, v: string | number | undefined | null) => {
  if (v !== undefined && v !== null && v !== '') p.set(k, String(v))
}

export interface TraceSearchLink {
  service?: string
  operation?: string
  tags?: TagParam[]
  status?: 'ok' | 'error'
  /** µs */
  minDuration?: number
  /** µs */
  maxDuration?: number
  sampling?: string
  dc?: string
  limit?: number
}

/** /traces?service=&operation=&tag=k=v&status=&minDuration=&maxDuration=&sampling=&dc=&limit= */
export function traceSearchHref(q: TraceSearchLink, carry?: Carry): string {
  const p = new URLSearchParams()
  setIf(p, 'service', q.service)
  setIf(p, 'operation', q.operation)
  for (const t of q.tags ?? []) p.append('tag', `${t.key}=${t.value}`)
  setIf(p, 'status', q.status)
  setIf(p, 'minDuration', q.minDuration)
  setIf(p, 'maxDuration', q.maxDuration)
  setIf(p, 'sampling', q.sampling)
  setIf(p, 'dc', q.dc)
  setIf(p, 'limit', q.limit)
  return href('/traces', withCarry(p, carry))
}

/** /traces/:traceId?span=<spanId>&chain=<originSpanId>: opens the trace at a span (path expanded, span selected). */
export function traceHref(traceId: string, opts: { span?: string; chain?: string; at?: 'origin' } = {}, carry?: Carry): string {
  const p = new URLSearchParams()
  setIf(p, 'span', opts.span)
  setIf(p, 'chain', opts.chain)
  // at=origin: open at the span where the trace's (first) error chain started, once it is known
  setIf(p, 'at', opts.at)
  // the range travels on, so the header and the next view keep it
  return href(tracePath(traceId), withCarry(p, carry))
}

/** A trace opened from a list of results: a failing one opens at the origin of its first error chain. */
export function resultTraceHref(t: { traceId: string; errorCount: number }, carry?: Carry): string {
  return traceHref(t.traceId, t.errorCount > 0 ? { at: 'origin' } : {}, carry)
}

/** /errors?service=&origin=&dc=: error chains scoped to a service (entry or passing through) and window. */
export function errorsHref(q: { service?: string; origin?: string; dc?: string }, carry?: Carry): string {
  const p = new URLSearchParams()
  setIf(p, 'service', q.service)
  setIf(p, 'origin', q.origin)
  setIf(p, 'dc', q.dc)
  return href('/errors', withCarry(p, carry))
}

/** /topology?focus=&up=&down=&groupBy= */
export function topologyHref(q: { focus?: string; up?: number; down?: number; groupBy?: string }, carry?: Carry): string {
  const p = new URLSearchParams()
  setIf(p, 'focus', q.focus)
  setIf(p, 'up', q.up)
  setIf(p, 'down', q.down)
  setIf(p, 'groupBy', q.groupBy)
  return href('/topology', withCarry(p, carry))
}

/** /metrics?service=&operation=&filter=k=v&groupBy=&at=<ms>: a service's series, optionally with a time marked. */
export function metricsHref(
  q: { service?: string; operation?: string; filters?: TagParam[]; groupBy?: string; at?: number },
  carry?: Carry,
): string {
  const p = new URLSearchParams()
  setIf(p, 'service', q.service)
  setIf(p, 'operation', q.operation)
  for (const t of q.filters ?? []) p.append('filter', `${t.key}=${t.value}`)
  setIf(p, 'groupBy', q.groupBy)
  setIf(p, 'at', q.at === undefined ? undefined : Math.round(q.at))
  return href('/metrics', withCarry(p, carry))
}

/** Parses repeated `key=value` parameters (tag=, filter=); malformed entries are skipped. */
export function parseTagParams(values: string[]): TagParam[] {
  const out: TagParam[] = []
  for (const v of values) {
    const i = v.indexOf('=')
    if (i <= 0) continue
    out.push({ key: v.slice(0, i).trim(), value: v.slice(i + 1).trim() })
  }
  return out
}

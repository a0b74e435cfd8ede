/**
 * A trace reduced to what the aggregate view needs: its chains, its sampling weight and the
 * resource fields of the spans involved. Digests are small, so a worker can keep thousands. Pure.
 */
import type { Span, Trace } from '../model'
import { extractErrorChains, isFailed } from './extract'
import type { ChainGap, ChainHop, ChainStop } from './types'

/** Resource fields compared by the hint chips ("88% DeployStage=canary"). */
export const HINT_KEYS = ['DC', 'Cluster', 'DeployStage', 'PodName', 'Env', 'Version'] as const

export type Attrs = Record<string, string>

export interface ChainDigest {
  chainId: string
  signature: string
  hops: Pick<ChainHop, 'service' | 'operation' | 'role' | 'statusCode' | 'inferred'>[]
  reachedEntry: boolean
  /** the entry is async work (a message consumer) */
  asyncEntry: boolean
  stop: ChainStop
  gaps: ChainGap[]
  /** ms since epoch: start of the origin span */
  time: number
  /** hint fields of the span where the error started */
  attrs: Attrs
  /** the service of that span (the caller's, when the origin hop is inferred) */
  attrsService: string
}

export interface TraceDigest {
  traceId: string
  /** inclusion probability of the trace in the store (its sampling rate) */
  rate: number
  /** time stratum of the window's listing it was drawn from (-1 until the sample sets it) */
  stratum: number
  postTrace: boolean
  chains: ChainDigest[]
  /** hint fields of spans that did not fail, per service (deduplicated): the hint baseline */
  okAttrs: Record<string, Attrs[]>
}

function attrsOf(span: Span | undefined): Attrs {
  const out: Attrs = {}
  if (!span) return out
  for (const k of HINT_KEYS) {
    const v = span.resource[k] ?? span.tags[k]
    if (v !== undefined && v !== '') out[k] = String(v)
  }
  return out
}

export function digestTrace(trace: Trace): TraceDigest {
  const { chains } = extractErrorChains(trace)
  const byId = new Map<string, Span>()
  for (const s of trace.spans) if (!byId.has(s.spanId)) byId.set(s.spanId, s)
  const okAttrs: Record<string, Attrs[]> = {}
  const seen = new Set<string>()
  for (const s of byId.values()) {
    if (isFailed(s)) continue
    // key first, object only for new combinations: most spans repeat their pod's fields
    let key = s.service
    for (const k of HINT_KEYS) key += `\u0000${s.resource[k] ?? String(s.tags[k] ?? '')}`
    if (seen.has(key)) continue
    seen.add(key)
    ;(okAttrs[s.service] ??= []).push(attrsOf(s))
  }
  return {
    traceId: trace.traceId,
    rate: trace.sampling.rate > 0 ? Math.min(1, trace.sampling.rate) : 1,
    stratum: -1,
    postTrace: trace.sampling.mode === 'posttrace',
    okAttrs,
    chains: chains.map((c) => {
      const originSpan = byId.get(c.id)
      return {
        chainId: c.id,
        signature: c.signature,
        hops: c.hops.map(({ service, operation, role, statusCode, inferred }) => ({ service, operation, role, statusCode, inferred })),
        reachedEntry: c.reachedEntry,
        asyncEntry: c.asyncEntry,
        stop: c.stop,
        gaps: c.gaps,
        time: originSpan ? originSpan.startTime / 1000 : 0,
        attrs: attrsOf(originSpan),
        attrsService: originSpan?.service ?? c.origin.service,
      }
    }),
  }
}

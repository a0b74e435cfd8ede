/**
 * Error chains: where an error started, which calls it travelled through, which entry it reached.
 * Extraction (per trace) and aggregation (over many traces) live beside this file.
 */
import type { SpanKind } from '../model'

/**
 * What a failed (or error-receiving) span did with the error:
 * - origin: the error started here (it failed and none of its children's failures explains it)
 * - propagated: it failed because a child failed, with the same status
 * - converted: it failed because a child failed, but reports a different status/error
 * - swallowed: a child failed, this span did not (the error stopped here)
 * - recovered: a child failed and a retry of the same call succeeded (the error stopped here)
 */
export const HOP_ROLES = ['origin', 'propagated', 'converted', 'swallowed', 'recovered'] as const
export type HopRole = (typeof HOP_ROLES)[number]

export interface ChainHop {
  spanId: string
  service: string
  operation: string
  kind: SpanKind
  /** StatusCode / BusinessStatusCode as text, when present */
  statusCode: string | null
  role: HopRole
  /** every span of this service that the error passed through, bottom (callee side) first */
  spanIds: string[]
  /**
   * true when the hop was not captured and is known only from the caller's client span
   * (ToService / ToMethod of a failed client span without a callee span)
   */
  inferred: boolean
}

/** A part of the path that is known to be missing from the trace. */
export interface ChainGap {
  /**
   * - callee-not-captured: a failed RPC client span has no callee span (lost, or captured too late)
   * - parent-missing: the span the error reached names a parent that is not in the trace
   */
  kind: 'callee-not-captured' | 'parent-missing'
  /** the captured span next to the gap */
  spanId: string
  /** plain words for the UI, e.g. "call to stock-service was not captured" */
  detail: string
}

/** Why the walk up from the origin stopped. */
export type ChainStop = 'entry' | 'swallowed' | 'recovered' | 'parent-missing'

export interface ErrorChain {
  /** stable within a trace: the origin span id */
  id: string
  traceId: string
  /** origin first, entry (or the span where it stopped) last */
  hops: ChainHop[]
  origin: ChainHop
  /** the last hop: the entry reached, or where the error was swallowed/recovered */
  end: ChainHop
  /** true when the error reached a root (entry) span still failing, or an async entry */
  reachedEntry: boolean
  /**
   * true when the entry is async work (a message consumer) whose parent did not wait for it: the
   * chain starts its own entry there; the producing request never saw the failure
   */
  asyncEntry: boolean
  /** "originSvc:op → … → entrySvc:op", the aggregation key */
  signature: string
  /** PostTrace captures or lost parents may cut the path: number of gaps in it */
  missingSegments: number
  /** the gaps counted in missingSegments */
  gaps: ChainGap[]
  stop: ChainStop
  /** every span on the path, origin first (for highlighting) */
  spanIds: string[]
  /** the trace was captured by PostTrace */
  postTrace: boolean
}

export interface TraceErrorChains {
  chains: ErrorChain[]
  /** role of every span that takes part in a chain, by span id */
  roles: Map<string, HopRole>
}

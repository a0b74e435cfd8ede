/**
 * Error-chain extraction for one trace. Pure.
 *
 * THE RULES (also in docs/error-chains.md):
 * - A span FAILED when its status is 'error' or its IsError tag is 1 / "1" / true.
 *   Its status code is its StatusCode tag, with "/BusinessStatusCode" appended when present.
 * - A failed child is RECOVERED when its parent has a later sibling that is a RETRY of the same
 *   call (same service and name, or same ToService + ToMethod) and that retry did not fail. A retry
 *   needs explicit evidence on the span: a higher attempt number than the failed call's, read from
 *   the OpenTelemetry attribute `http.request.resend_count` or gRPC's retry header
 *   `grpc-previous-rpc-attempts` (captured as `rpc.grpc.request.metadata.grpc-previous-rpc-attempts`).
 *   A later identical call that succeeded is not enough: a sequential fan-out makes those too.
 * - ASYNC: a span whose parent did not wait for it (follows_from: a message consumer under its
 *   producer, see followsFromParent) is where its error's chain ENDS: the consumer is the entry of
 *   its own chain (asyncEntry); the producer's request never saw the failure.
 * - ORIGIN: a failed span none of whose synchronous children failed without recovery (its failure
 *   is not one it received from below), or a failed span with an exception of its own (an
 *   `exception` or `panic` event that is not a failed child's exception passed on), even when a
 *   child also failed: the error started there.
 * - From each origin the error is walked up parent by parent. Each parent is:
 *   - recovered: it retried the failed call and the retry succeeded (the walk stops);
 *   - propagated: it failed with the same status code as the span below (or either code is unknown);
 *   - converted: it failed with a different status code (e.g. a 500 turned into a 502);
 *   - swallowed: it did not fail (the walk stops).
 *   The walk also stops at a root span (the ENTRY: reachedEntry when it still fails) or at a
 *   parent id that is not in the trace (parent-missing gap: orphan spans, lost segments).
 * - HOPS: one hop per service call. Client and server spans of one call, and the internal spans
 *   of a service, are collapsed: consecutive spans of the same service on the path form one hop,
 *   named after that service's topmost span in the contiguous run (its server span), so the
 *   signature reads "stock-service:ReserveStock → order-service:CreateOrder → …".
 *   A hop is converted when any of its spans converted, origin for the first hop, and
 *   swallowed/recovered for the hop where the walk stopped.
 * - A failed client span of an RPC call with no callee span (ToService set, callee not captured)
 *   is an origin whose first hop is INFERRED from ToService/ToMethod; when the call is an RPC
 *   (ToServiceType thrift/grpc/http/rpc) the missing callee counts as a gap. Datastore calls
 *   (mysql, redis, …) have no callee spans by nature: the inferred hop is not a gap.
 * - Several origins give several chains; chains of independent origins may share the upper path.
 * - Damaged traces: duplicated span ids keep the first span; parent cycles stop the walk.
 */
import type { Span, SpanEvent, Trace } from '../model'
import { followsFromParent, resendCount } from '../trace/relations'
import { isolateText } from '../../lib/format'
import type { ChainGap, ChainHop, ChainStop, ErrorChain, HopRole, TraceErrorChains } from './types'

const RPC_TYPES = new Set(['thrift', 'grpc', 'http', 'rpc'])
const ROLE_PRIORITY: Record<HopRole, number> = { origin: 5, converted: 4, propagated: 3, swallowed: 2, recovered: 1 }

export function isFailed(span: Span): boolean {
  const e = span.tags.IsError
  return span.status === 'error' || e === 1 || e === '1' || e === true
}

/** StatusCode, with "/BusinessStatusCode" appended when present; null when neither is set. */
export function statusCodeOf(span: Span): string | null {
  const code = span.tags.StatusCode
  const biz = span.tags.BusinessStatusCode
  const parts = [code, biz].filter((v) => v !== undefined && v !== '').map(String)
  if (parts.length === 0) return null
  return code !== undefined && code !== '' ? parts.join('/') : `/${String(biz)}`
}

const callKey = (s: Span): string =>
  typeof s.tags.ToService === 'string' ? `to:${s.tags.ToService}:${String(s.tags.ToMethod ?? s.name)}` : `op:${s.service}:${s.name}`

interface Index {
  byId: Map<string, Span>
  children: Map<string, Span[]>
}

function index(spans: readonly Span[]): Index {
  const byId = new Map<string, Span>()
  for (const s of spans) if (!byId.has(s.spanId)) byId.set(s.spanId, s)
  const children = new Map<string, Span[]>()
  for (const s of byId.values()) {
    if (s.parentSpanId === null) continue
    const list = children.get(s.parentSpanId)
    if (list) list.push(s)
    else children.set(s.parentSpanId, [s])
  }
  return { byId, children }
}

/** gRPC's retry header as OpenTelemetry captures request metadata */
export const GRPC_ATTEMPTS_TAG = 'rpc.grpc.request.metadata.grpc-previous-rpc-attempts'

/** The attempt a call records: 0 for a first attempt (or when the span says nothing), n for the n-th retry. */
export function retryAttempt(span: Span): number {
  const grpc = Number(span.tags[GRPC_ATTEMPTS_TAG])
  return Math.max(resendCount(span), Number.isInteger(grpc) && grpc > 0 ? grpc : 0)
}

/** A failed call is recovered when a later retry of it (explicit attempt evidence) succeeded. */
function isRecovered(child: Span, idx: Index): boolean {
  if (child.parentSpanId === null) return false
  const key = callKey(child)
  const attempt = retryAttempt(child)
  return (idx.children.get(child.parentSpanId) ?? []).some(
    (s) => s !== child && s.startTime >= child.startTime && callKey(s) === key && retryAttempt(s) > attempt && !isFailed(s),
  )
}

const isExceptionEvent = (e: SpanEvent) => e.name === 'exception' || e.name === 'panic'
const exceptionKey = (e: SpanEvent) => `${String(e.attributes['exception.type'] ?? '')}\u0000${String(e.attributes['exception.message'] ?? e.attributes.message ?? '')}`

/** The span recorded an exception of its own: not one of a failed child (or grandchild) passed on. */
function hasOwnException(span: Span, idx: Index): boolean {
  const own = span.events.filter(isExceptionEvent)
  if (own.length === 0) return false
  const passedOn = new Set<string>()
  for (const c of idx.children.get(span.spanId) ?? []) {
    if (!isFailed(c)) continue
    for (const e of c.events) if (isExceptionEvent(e)) passedOn.add(exceptionKey(e))
    for (const g of idx.children.get(c.spanId) ?? []) if (isFailed(g)) for (const e of g.events) if (isExceptionEvent(e)) passedOn.add(exceptionKey(e))
  }
  return own.some((e) => !passedOn.has(exceptionKey(e)))
}

/** A failed child whose failure the span received: synchronous and not recovered by a retry. */
const receivedFrom = (span: Span, child: Span, idx: Index) => isFailed(child) && !followsFromParent(child, span) && !isRecovered(child, idx)

function isOrigin(span: Span, idx: Index): boolean {
  if (!isFailed(span)) return false
  if (!(idx.children.get(span.spanId) ?? []).some((c) => receivedFrom(span, c, idx))) return true
  return hasOwnException(span, idx)
}

function spanRole(parent: Span, child: Span): HopRole {
  const a = statusCodeOf(parent)
  const b = statusCodeOf(child)
  return a !== null && b !== null && a !== b ? 'converted' : 'propagated'
}

/** The topmost span of the contiguous same-service run above `span`: the service's server span. */
function topOfRun(span: Span, idx: Index): Span {
  let top = span
  const seen = new Set<string>([span.spanId])
  for (;;) {
    const p = top.parentSpanId === null ? undefined : idx.byId.get(top.parentSpanId)
    if (!p || p.service !== span.service || seen.has(p.spanId)) return top
    seen.add(p.spanId)
    top = p
  }
}

interface Step {
  span: Span
  role: HopRole
}

function buildHops(steps: Step[], stop: ChainStop, idx: Index): ChainHop[] {
  const hops: ChainHop[] = []
  let run: Step[] = []
  const flush = () => {
    const first = run[0]
    if (!first) return
    const top = topOfRun(run[run.length - 1]?.span ?? first.span, idx)
    const roles = run.map((r) => r.role)
    const role: HopRole = hops.length === 0 ? 'origin' : roles.includes('converted') ? 'converted' : 'propagated'
    hops.push({
      spanId: top.spanId,
      service: top.service,
      operation: top.name,
      kind: top.kind,
      statusCode: statusCodeOf(top) ?? statusCodeOf(run[run.length - 1]?.span ?? first.span),
      role,
      spanIds: run.map((r) => r.span.spanId),
      inferred: false,
    })
    run = []
  }
  for (const step of steps) {
    const prev = run[run.length - 1]
    if (prev && prev.span.service !== step.span.service) flush()
    run.push(step)
  }
  flush()
  const last = hops[hops.length - 1]
  if (last && hops.length > 1 && (stop === 'swallowed' || stop === 'recovered')) last.role = stop
  return hops
}

function inferredCallee(origin: Span, idx: Index): { hop: ChainHop; gap: ChainGap | null } | null {
  const to = origin.tags.ToService
  if ((origin.kind !== 'client' && origin.kind !== 'producer') || typeof to !== 'string' || to === '' || to === origin.service) return null
  if ((idx.children.get(origin.spanId) ?? []).length > 0) return null
  const type = String(origin.tags.ToServiceType ?? '').toLowerCase()
  const hop: ChainHop = {
    spanId: origin.spanId,
    service: to,
    operation: String(origin.tags.ToMethod ?? origin.name),
    kind: 'server',
    statusCode: statusCodeOf(origin),
    role: 'origin',
    spanIds: [],
    inferred: true,
  }
  const gap: ChainGap | null = RPC_TYPES.has(type)
    ? { kind: 'callee-not-captured', spanId: origin.spanId, detail: `call to ${isolateText(to)} was not captured` }
    : null
  return { hop, gap }
}

function walk(origin: Span, idx: Index): { steps: Step[]; stop: ChainStop; gaps: ChainGap[]; asyncEntry: boolean } {
  const steps: Step[] = [{ span: origin, role: 'origin' }]
  const gaps: ChainGap[] = []
  const seen = new Set<string>([origin.spanId])
  let cur = origin
  for (;;) {
    if (cur.parentSpanId === null) return { steps, stop: isFailed(cur) ? 'entry' : 'swallowed', gaps, asyncEntry: false }
    const parent = idx.byId.get(cur.parentSpanId)
    // async work (a consumer under its producer) is the entry of its own chain: the producer's
    // request did not wait for it and never saw its failure
    if (followsFromParent(cur, parent ?? null)) return { steps, stop: 'entry', gaps, asyncEntry: true }
    if (!parent || seen.has(parent.spanId)) {
      gaps.push({ kind: 'parent-missing', spanId: cur.spanId, detail: `caller of ${isolateText(cur.service)}:${isolateText(cur.name)} is missing from the trace` })
      return { steps, stop: 'parent-missing', gaps, asyncEntry: false }
    }
    seen.add(parent.spanId)
    if (isRecovered(cur, idx)) {
      steps.push({ span: parent, role: 'recovered' })
      return { steps, stop: 'recovered', gaps, asyncEntry: false }
    }
    if (!isFailed(parent)) {
      steps.push({ span: parent, role: 'swallowed' })
      return { steps, stop: 'swallowed', gaps, asyncEntry: false }
    }
    steps.push({ span: parent, role: spanRole(parent, cur) })
    cur = parent
  }
}

export function signatureOf(hops: readonly Pick<ChainHop, 'service' | 'operation'>[], stop: ChainStop): string {
  const path = hops.map((h) => `${h.service}:${h.operation}`).join(' → ')
  return stop === 'entry' ? path : `${path} [${stop}]`
}

/** Every error chain of a trace, ordered by origin start time, and the role of each span on them. */
export function extractErrorChains(trace: Trace): TraceErrorChains {
  const idx = index(trace.spans)
  const roles = new Map<string, HopRole>()
  const setRole = (id: string, role: HopRole) => {
    const had = roles.get(id)
    if (!had || ROLE_PRIORITY[role] > ROLE_PRIORITY[had]) roles.set(id, role)
  }
  const origins = [...idx.byId.values()]
    .filter((s) => isOrigin(s, idx))
    .sort((a, b) => a.startTime - b.startTime || a.spanId.localeCompare(b.spanId))

  const chains: ErrorChain[] = origins.map((origin) => {
    const { steps, stop, gaps, asyncEntry } = walk(origin, idx)
    for (const st of steps) setRole(st.span.spanId, st.role)
    const hops = buildHops(steps, stop, idx)
    const inferred = inferredCallee(origin, idx)
    if (inferred) {
      const callerHop = hops[0]
      if (callerHop && callerHop.role === 'origin') {
        const received = steps.filter((st) => callerHop.spanIds.includes(st.span.spanId) && st.role === 'converted')
        callerHop.role = hops.length === 1 && (stop === 'swallowed' || stop === 'recovered') ? stop : received.length > 0 ? 'converted' : 'propagated'
      }
      hops.unshift(inferred.hop)
      if (inferred.gap) gaps.unshift(inferred.gap)
    }
    const first = hops[0] as ChainHop
    const end = hops[hops.length - 1] as ChainHop
    return {
      id: origin.spanId,
      traceId: trace.traceId,
      hops,
      origin: first,
      end,
      reachedEntry: stop === 'entry',
      asyncEntry,
      signature: signatureOf(hops, stop),
      missingSegments: gaps.length,
      gaps,
      stop,
      spanIds: steps.map((s) => s.span.spanId),
      postTrace: trace.sampling.mode === 'posttrace',
    }
  })
  return { chains, roles }
}

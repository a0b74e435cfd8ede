/**
 * A trace reduced to what the flame graph, the per-trace graph, the comparison, the error chains
 * and path analysis read, packed as columns: typed arrays (handed to a worker without copying) and a few
 * arrays of strings. A 100,000-span trace copied to a worker as objects costs the page's main
 * thread a long task and the worker as long again to rebuild them; this form costs a few tens of
 * milliseconds on each side.
 *
 * What is kept of each span: ids, parent id, service, name, kind, start, duration, status, the
 * relation to its parent, the tags listed in ANALYSIS_TAGS and its exception / panic events.
 * Resource fields, metrics, other tags and other events are dropped: none of these analyses reads
 * them (a test checks that the analyses of a restored trace equal those of the original).
 */
import { SPAN_KINDS, SPAN_RELATIONS, SPAN_STATUSES } from '../model'
import type { Span, SpanEvent, TagValue, Trace } from '../model'
import { createInterner } from './interner'

/**
 * The tags the analyses read (failure, status codes, call targets, retry attempts; path analysis
 * also names a call's callee by OpenTelemetry's peer, database and messaging attributes).
 */
export const ANALYSIS_TAGS = [
  'IsError',
  'StatusCode',
  'BusinessStatusCode',
  'ToService',
  'ToMethod',
  'ToServiceType',
  'http.request.resend_count',
  'rpc.grpc.request.metadata.grpc-previous-rpc-attempts',
  'peer.service',
  'db.system',
  'db.operation',
  'messaging.system',
  'messaging.destination.name',
] as const

const isKeptEvent = (e: SpanEvent): boolean => e.name === 'exception' || e.name === 'panic'

export interface SlimTrace {
  traceId: string
  sampling: Trace['sampling']
  warnings: string[]
  spanCount: number
  /** the spans' own traceId when it differs from the trace's (else null) */
  spanTraceIds: (string | null)[] | null
  /** every span id, one after the other; span i's is ids[idEnd[i - 1] … idEnd[i]) */
  ids: string
  idEnd: Int32Array
  /** the parent ids likewise (parentEnd[i] = -1: a root) */
  parentIdText: string
  parentEnd: Int32Array
  /** interned service and span names */
  names: string[]
  service: Int32Array
  name: Int32Array
  /** SPAN_KINDS index */
  kind: Uint8Array
  /** SPAN_STATUSES index */
  status: Uint8Array
  /** 0: not stated, else SPAN_RELATIONS index + 1 */
  relation: Uint8Array
  startTime: Float64Array
  duration: Float64Array
  /** kept tags, sparse: span index, ANALYSIS_TAGS index, value */
  tagSpan: Int32Array
  tagKey: Uint8Array
  tagValue: TagValue[]
  /** kept events, sparse: span index and the event */
  eventSpan: Int32Array
  events: SpanEvent[]
}

/** Packs a trace (see SlimTrace for what is kept). */
export function slimTrace(trace: Trace): SlimTrace {
  const p = startPacking(trace)
  packSpans(p, 0, trace.spans.length)
  return packed(p)
}

/**
 * Packs a trace as slimTrace does, `part` spans at a time, awaiting `between` after each part (for
 * a caller on the page: a 100k-span trace is about 100 ms of packing on a two-core machine, which
 * `between` can share out among several tasks). The trace must not change meanwhile.
 */
export async function slimTraceInParts(trace: Trace, between: () => Promise<void>, part = 5_000): Promise<SlimTrace> {
  const p = startPacking(trace)
  const n = trace.spans.length
  for (let from = 0; from < n; from += part) {
    packSpans(p, from, Math.min(n, from + part))
    if (from + part < n) await between()
  }
  return packed(p)
}

type Packing = ReturnType<typeof startPacking>

function startPacking(trace: Trace) {
  const n = trace.spans.length
  const { names, intern } = createInterner()
  return {
    trace,
    names,
    intern,
    kindCode: new Map<string, number>(SPAN_KINDS.map((k, i) => [k, i])),
    statusCode: new Map<string, number>(SPAN_STATUSES.map((k, i) => [k, i])),
    // ids as one string with end offsets: copied to a worker as one block, not 200,000 strings
    idParts: new Array<string>(n),
    idEnd: new Int32Array(n),
    parentParts: [] as string[],
    parentEnd: new Int32Array(n),
    idAt: 0,
    parentAt: 0,
    spanTraceIds: null as (string | null)[] | null,
    service: new Int32Array(n),
    name: new Int32Array(n),
    kind: new Uint8Array(n),
    status: new Uint8Array(n),
    relation: new Uint8Array(n),
    startTime: new Float64Array(n),
    duration: new Float64Array(n),
    tagSpan: [] as number[],
    tagKey: [] as number[],
    tagValue: [] as TagValue[],
    eventSpan: [] as number[],
    events: [] as SpanEvent[],
  }
}

/** Packs spans [from, to) into `p`, in order (each part follows the one before). */
function packSpans(p: Packing, from: number, to: number): void {
  const { trace, intern } = p
  const spans = trace.spans
  for (let i = from; i < to; i++) {
    const s = spans[i]
    p.idParts[i] = s.spanId
    p.idAt += s.spanId.length
    p.idEnd[i] = p.idAt
    if (s.parentSpanId === null) p.parentEnd[i] = -1
    else {
      p.parentParts.push(s.parentSpanId)
      p.parentAt += s.parentSpanId.length
      p.parentEnd[i] = p.parentAt
    }
    if (s.traceId !== trace.traceId) {
      p.spanTraceIds ??= new Array<string | null>(spans.length).fill(null)
      p.spanTraceIds[i] = s.traceId
    }
    p.service[i] = intern(s.service)
    p.name[i] = intern(s.name)
    p.kind[i] = p.kindCode.get(s.kind) ?? 0
    p.status[i] = p.statusCode.get(s.status) ?? 0
    p.relation[i] = s.parentRelation === undefined ? 0 : SPAN_RELATIONS.indexOf(s.parentRelation) + 1
    p.startTime[i] = s.startTime
    p.duration[i] = s.duration
    const tags = s.tags
    for (let k = 0; k < ANALYSIS_TAGS.length; k++) {
      const v = tags[ANALYSIS_TAGS[k]]
      if (v === undefined) continue
      p.tagSpan.push(i)
      p.tagKey.push(k)
      p.tagValue.push(v)
    }
    for (const e of s.events) {
      if (!isKeptEvent(e)) continue
      p.eventSpan.push(i)
      p.events.push(e)
    }
  }
}

function packed(p: Packing): SlimTrace {
  const { trace } = p
  return {
    traceId: trace.traceId,
    sampling: trace.sampling,
    warnings: trace.warnings,
    spanCount: trace.spans.length,
    spanTraceIds: p.spanTraceIds,
    ids: p.idParts.join(''),
    idEnd: p.idEnd,
    parentIdText: p.parentParts.join(''),
    parentEnd: p.parentEnd,
    names: p.names,
    service: p.service,
    name: p.name,
    kind: p.kind,
    status: p.status,
    relation: p.relation,
    startTime: p.startTime,
    duration: p.duration,
    tagSpan: Int32Array.from(p.tagSpan),
    tagKey: Uint8Array.from(p.tagKey),
    tagValue: p.tagValue,
    eventSpan: Int32Array.from(p.eventSpan),
    events: p.events,
  }
}

/** The typed arrays of a packed trace, for handing it to a worker without copying. */
export function slimTransferables(s: SlimTrace): ArrayBuffer[] {
  return [s.idEnd, s.parentEnd, s.service, s.name, s.kind, s.status, s.relation, s.startTime, s.duration, s.tagSpan, s.tagKey, s.eventSpan].map((a) => a.buffer as ArrayBuffer)
}

/** The trace back as spans, with only what was kept (empty resource and metrics). */
export function restoreTrace(s: SlimTrace): Trace {
  const n = s.spanCount
  const tags: Record<string, TagValue>[] = new Array<Record<string, TagValue>>(n)
  for (let k = 0; k < s.tagSpan.length; k++) {
    const i = s.tagSpan[k]
    ;(tags[i] ??= {})[ANALYSIS_TAGS[s.tagKey[k]]] = s.tagValue[k]
  }
  const events: SpanEvent[][] = new Array<SpanEvent[]>(n)
  for (let k = 0; k < s.eventSpan.length; k++) (events[s.eventSpan[k]] ??= []).push(s.events[k])
  const spans = new Array<Span>(n)
  let idAt = 0
  let parentAt = 0
  for (let i = 0; i < n; i++) {
    const rel = s.relation[i]
    const spanId = s.ids.slice(idAt, s.idEnd[i])
    idAt = s.idEnd[i]
    let parentSpanId: string | null = null
    if (s.parentEnd[i] >= 0) {
      parentSpanId = s.parentIdText.slice(parentAt, s.parentEnd[i])
      parentAt = s.parentEnd[i]
    }
    const span: Span = {
      traceId: s.spanTraceIds?.[i] ?? s.traceId,
      spanId,
      parentSpanId,
      name: s.names[s.name[i]],
      kind: SPAN_KINDS[s.kind[i]],
      service: s.names[s.service[i]],
      startTime: s.startTime[i],
      duration: s.duration[i],
      status: SPAN_STATUSES[s.status[i]],
      resource: {},
      tags: tags[i] ?? {},
      events: events[i] ?? [],
      metrics: {},
    }
    if (rel > 0) span.parentRelation = SPAN_RELATIONS[rel - 1]
    spans[i] = span
  }
  return { traceId: s.traceId, spans, sampling: s.sampling, warnings: s.warnings }
}

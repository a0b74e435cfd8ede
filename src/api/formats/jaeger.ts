import { z } from 'zod'
import { deferred } from '../schemas/deferred'
import type { SamplingInfo, Span, SpanEvent, SpanKind, SpanStatus, TagValue, Trace } from '../../domain/model'
import { FormatError, parseFormat } from './format-error'
import { jaegerTraceLooksValid } from './jaeger-fast-check'
import {
  defaultSampling,
  kindFromWord,
  mapResource,
  mapSpanAttributes,
  metricsToTags,
  SAMPLING_TAGS,
  samplingFromTags,
  samplingToTags,
  splitTransportTags,
  withIsError,
} from './otel-mapping'
import { dataRecord, putData } from '../../lib/records'

/**
 * Jaeger JSON, as the Jaeger query API answers (/api/traces/:id → {"data":[trace]}) and as
 * Jaeger UI downloads it; a bare trace object is accepted as well.
 */
const JaegerValue = deferred(() => z.union([z.string(), z.number(), z.boolean(), z.null()]))

export const JaegerTagSchema = deferred(() => z.object({
  key: z.string(),
  type: z.string().optional(),
  value: JaegerValue,
}))
export type JaegerTag = z.infer<typeof JaegerTagSchema>

export const JaegerLogSchema = deferred(() => z.object({
  timestamp: z.number(),
  fields: z.array(JaegerTagSchema),
}))

export const JaegerReferenceSchema = deferred(() => z.object({
  refType: z.string(),
  traceID: z.string(),
  spanID: z.string(),
}))

export const JaegerProcessSchema = deferred(() => z.object({
  serviceName: z.string(),
  tags: z.array(JaegerTagSchema).nullish(),
}))
export type JaegerProcess = z.infer<typeof JaegerProcessSchema>

export const JaegerSpanSchema = deferred(() => z.object({
  traceID: z.string().min(1),
  spanID: z.string().min(1),
  parentSpanID: z.string().optional(),
  operationName: z.string(),
  references: z.array(JaegerReferenceSchema).nullish(),
  startTime: z.number(),
  duration: z.number().nonnegative(),
  tags: z.array(JaegerTagSchema).nullish(),
  logs: z.array(JaegerLogSchema).nullish(),
  processID: z.string().optional(),
  process: JaegerProcessSchema.optional(),
  warnings: z.array(z.string()).nullish(),
  flags: z.number().optional(),
}))
export type JaegerSpan = z.infer<typeof JaegerSpanSchema>

export const JaegerTraceSchema = deferred(() => z.object({
  traceID: z.string().min(1),
  spans: z.array(JaegerSpanSchema),
  processes: z.record(z.string(), JaegerProcessSchema).nullish(),
  warnings: z.array(z.string()).nullish(),
}))
export type JaegerTrace = z.infer<typeof JaegerTraceSchema>

export const JaegerResponseSchema = deferred(() => z.object({ data: z.array(JaegerTraceSchema) }))

/** True when the value looks like Jaeger JSON (wrapped or bare), without validating it. */
export function looksLikeJaeger(json: unknown): boolean {
  if (!isObject(json)) return false
  if (Array.isArray(json.data)) return json.data.length === 0 || (isObject(json.data[0]) && 'spans' in json.data[0])
  return 'traceID' in json && 'spans' in json
}

/** Validates Jaeger JSON (wrapped or bare) and converts every trace in it. Throws FormatError. */
export function jaegerToTraces(json: unknown): Trace[] {
  if (isObject(json) && 'data' in json) {
    const data = json.data
    // Fast path: a hand check equivalent to the schema; the schema runs only to explain a failure.
    if (Array.isArray(data) && data.every(jaegerTraceLooksValid)) return (data as JaegerTrace[]).map(jaegerTraceToTrace)
    return parseFormat(JaegerResponseSchema, json, 'Jaeger JSON file').data.map(jaegerTraceToTrace)
  }
  if (isObject(json) && 'traceID' in json) {
    if (jaegerTraceLooksValid(json)) return [jaegerTraceToTrace(json as JaegerTrace)]
    return [jaegerTraceToTrace(parseFormat(JaegerTraceSchema, json, 'Jaeger JSON file'))]
  }
  throw new FormatError('unknown-format', 'This is not Jaeger JSON: it has neither "data" nor "traceID" and "spans".')
}

/** Converts one validated Jaeger trace into the domain Trace. */
export function jaegerTraceToTrace(t: JaegerTrace): Trace {
  const processes = t.processes ?? {}
  const spans = new JaegerSpanConverter(processes).convert(t.spans)
  return finishJaegerTrace(t, spans, [jaegerPartFacts(t.spans, processes)])
}

/** What a run of a trace's spans says about the trace as a whole (see jaegerPartFacts). */
export interface JaegerPartFacts {
  /** the first sampling found in the spans' tags, in file order */
  sampling: SamplingInfo | null
  /** the spans' own warnings, as trace warnings */
  spanWarnings: string[]
  /** process ids the spans name but the file does not describe, in order of first use */
  missingProcesses: string[]
}

/**
 * The trace-level facts of a run of spans: sampling, the spans' warnings, missing processes. A file
 * read in parts on several threads takes them from each part and puts the trace together with
 * finishJaegerTrace, which then gives exactly what jaegerTraceToTrace gives for the whole.
 */
export function jaegerPartFacts(spans: readonly JaegerSpan[], processes: Record<string, JaegerProcess>): JaegerPartFacts {
  let sampling: SamplingInfo | null = null
  const spanWarnings: string[] = []
  const missing = new Set<string>()
  for (const s of spans) {
    if (!processOf(s, processes)) missing.add(s.processID ?? '(none)')
    for (const w of s.warnings ?? []) spanWarnings.push(`Span ${s.spanID}: ${w}`)
    // samplingFromTags needs one of its keys: only then is the span's tag record worth making
    if (!sampling && s.tags?.some((t) => SAMPLING_KEYS.has(t.key))) sampling = samplingFromTags(readSpanTags(s.tags).raw)
  }
  return { sampling, spanWarnings, missingProcesses: [...missing] }
}

/** The tags samplingFromTags starts from. */
const SAMPLING_KEYS = new Set<string>([SAMPLING_TAGS.mode, 'sampler.type'])

/** The service a Jaeger span is converted with: its process's name ('unknown service' without one). */
export function jaegerServiceOf(s: JaegerSpan, processes: Record<string, JaegerProcess>): string {
  return processOf(s, processes)?.serviceName || 'unknown service'
}

function processOf(s: JaegerSpan, processes: Record<string, JaegerProcess>): JaegerProcess | undefined {
  return s.process ?? (s.processID !== undefined ? processes[s.processID] : undefined)
}

/** Converts Jaeger spans into domain spans, one at a time if need be (each process's resource is made once). */
export class JaegerSpanConverter {
  private readonly resources = new Map<string, Record<string, string>>()

  constructor(private readonly processes: Record<string, JaegerProcess>) {}

  convert(jaegerSpans: readonly JaegerSpan[]): Span[] {
    const spans: Span[] = new Array<Span>(jaegerSpans.length)
    for (let i = 0; i < jaegerSpans.length; i++) spans[i] = this.span(jaegerSpans[i])
    return spans
  }

  span(s: JaegerSpan): Span {
    let resource = s.process ? undefined : this.resources.get(s.processID ?? '')
    if (!resource) {
      const process = processOf(s, this.processes)
      resource = mapResource(tagsToRecord(process?.tags ?? []))
      resource.ServiceName = jaegerServiceOf(s, this.processes)
      if (!s.process) this.resources.set(s.processID ?? '', resource)
    }
    const { raw, kind, status } = readSpanTags(s.tags ?? [])
    const { tags, metrics } = splitTransportTags(raw)
    return {
      traceId: s.traceID,
      spanId: s.spanID,
      parentSpanId: jaegerParentOf(s),
      name: s.operationName,
      kind,
      service: resource.ServiceName,
      startTime: s.startTime,
      duration: s.duration,
      status,
      resource,
      tags: withIsError(mapSpanAttributes(tags, { kind, name: s.operationName }), status),
      events: (s.logs ?? []).map(logToEvent),
      metrics,
      ...(jaegerFollowsFrom(s) ? { parentRelation: 'follows_from' as const } : {}),
    }
  }
}

/** The domain trace from its converted spans and the facts of its parts, in file order. */
export function finishJaegerTrace(t: Pick<JaegerTrace, 'traceID' | 'warnings'>, spans: Span[], parts: readonly JaegerPartFacts[]): Trace {
  const warnings: string[] = [...(t.warnings ?? [])]
  for (const p of parts) warnings.push(...p.spanWarnings)
  const missing = new Set(parts.flatMap((p) => p.missingProcesses))
  if (missing.size > 0) {
    warnings.push(`Spans refer to processes that the file does not describe (${[...missing].join(', ')}); their service is unknown.`)
  }
  const sampling = parts.find((p) => p.sampling)?.sampling ?? defaultSampling()
  return { traceId: t.traceID, spans, sampling, warnings }
}

/** A span's kind, as its conversion reads it (the last span.kind tag; internal without one). */
export function jaegerSpanKind(s: JaegerSpan): SpanKind {
  let kind: SpanKind = 'internal'
  for (const t of s.tags ?? []) if (t.key === 'span.kind' && t.value !== null) kind = kindFromWord(String(t.value))
  return kind
}

/** A span's parent: its CHILD_OF reference, else FOLLOWS_FROM, else parentSpanID. */
export function jaegerParentOf(s: JaegerSpan): string | null {
  const refs = s.references ?? []
  const ref = refs.find((r) => r.refType === 'CHILD_OF') ?? refs.find((r) => r.refType === 'FOLLOWS_FROM')
  if (ref) return ref.spanID
  return s.parentSpanID && s.parentSpanID !== '0' ? s.parentSpanID : null
}

/** True when the span's parent is a FOLLOWS_FROM reference (the parent did not wait for it). */
export function jaegerFollowsFrom(s: JaegerSpan): boolean {
  const refs = s.references ?? []
  return !refs.some((r) => r.refType === 'CHILD_OF') && refs.some((r) => r.refType === 'FOLLOWS_FROM')
}

/** Span tags → record, consuming span.kind, error and otel.status_code into kind and status. */
function readSpanTags(tags: readonly JaegerTag[]): { raw: Record<string, TagValue>; kind: SpanKind; status: SpanStatus } {
  const raw: Record<string, TagValue> = dataRecord<TagValue>()
  let kind: SpanKind = 'internal'
  let err = false
  let otel: TagValue | undefined
  for (const t of tags) {
    if (t.value === null) continue
    if (t.key === 'span.kind') kind = kindFromWord(String(t.value))
    else if (t.key === 'error') err = typedValue(t) === true
    else if (t.key === 'otel.status_code') otel = t.value
    else putData(raw, t.key, typedValue(t))
  }
  const status: SpanStatus = err || otel === 'ERROR' ? 'error' : otel === 'OK' ? 'ok' : 'unset'
  return { raw, kind, status }
}

function logToEvent(l: { timestamp: number; fields: JaegerTag[] }): SpanEvent {
  const attributes = tagsToRecord(l.fields)
  const named = attributes.event
  delete attributes.event
  const name = named !== undefined ? String(named) : typeof attributes.message === 'string' ? attributes.message : 'log'
  return { time: l.timestamp, name, attributes }
}

/** Jaeger tags → a record, with values typed by the tag's `type` (bool "true" → true, int64 "12" → 12). */
export function tagsToRecord(tags: readonly JaegerTag[]): Record<string, TagValue> {
  const out: Record<string, TagValue> = dataRecord<TagValue>()
  for (const t of tags) {
    if (t.value === null) continue
    putData(out, t.key, typedValue(t))
  }
  return out
}

function typedValue(t: JaegerTag): TagValue {
  const v = t.value as TagValue
  switch (t.type) {
    case 'bool':
      return typeof v === 'string' ? v === 'true' : Boolean(v)
    case 'int64':
    case 'float64': {
      if (typeof v !== 'string') return v
      const n = Number(v)
      return Number.isFinite(n) && (t.type === 'float64' || Number.isSafeInteger(n)) ? n : v
    }
    default:
      return v
  }
}

function recordToTags(r: Record<string, TagValue>): JaegerTag[] {
  return Object.entries(r).map(([key, value]) => ({
    key,
    type: typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? (Number.isInteger(value) ? 'int64' : 'float64') : 'string',
    value,
  }))
}

/**
 * The domain Trace as one Jaeger trace object (wrap it in {"data":[...]} for the query API's shape).
 * Console tag names are kept; span kind, status, sampling and metrics go into tags Jaeger knows
 * or into `tracelens.*` tags, so jaegerToTraces(traceToJaeger(t)) gives the trace back.
 */
export function traceToJaeger(trace: Trace): JaegerTrace {
  const processes: Record<string, JaegerProcess> = {}
  const byResource = new Map<string, string>()
  const ids = new Set(trace.spans.map((s) => s.spanId))
  let samplingWritten = false
  const spans: JaegerSpan[] = trace.spans.map((s) => {
    const { ServiceName, ...rest } = s.resource
    const key = JSON.stringify([s.service, rest])
    let processID = byResource.get(key)
    if (!processID) {
      processID = `p${byResource.size + 1}`
      byResource.set(key, processID)
      processes[processID] = { serviceName: s.service || ServiceName || '', tags: recordToTags(rest) }
    }
    const tags: Record<string, TagValue> = { ...s.tags, ...metricsToTags(s.metrics), 'span.kind': s.kind }
    if (s.status === 'error') tags.error = true
    if (s.status !== 'unset') tags['otel.status_code'] = s.status === 'error' ? 'ERROR' : 'OK'
    const isRoot = s.parentSpanId === null || !ids.has(s.parentSpanId)
    if (isRoot && !samplingWritten) {
      Object.assign(tags, samplingToTags(trace.sampling))
      samplingWritten = true
    }
    return {
      traceID: s.traceId,
      spanID: s.spanId,
      operationName: s.name,
      references: s.parentSpanId === null ? [] : [{ refType: s.parentRelation === 'follows_from' ? 'FOLLOWS_FROM' : 'CHILD_OF', traceID: s.traceId, spanID: s.parentSpanId }],
      startTime: s.startTime,
      duration: s.duration,
      tags: recordToTags(tags),
      logs: s.events.map((e) => ({ timestamp: e.time, fields: recordToTags({ event: e.name, ...e.attributes }) })),
      processID,
      warnings: null,
    }
  })
  return { traceID: trace.traceId, spans, processes, warnings: trace.warnings.length ? [...trace.warnings] : null }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

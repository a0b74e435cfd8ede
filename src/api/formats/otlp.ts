import { z } from 'zod'
import { deferred } from '../schemas/deferred'
import type { SamplingInfo, Span, SpanStatus, TagValue, Trace } from '../../domain/model'
import { FormatError, parseFormat } from './format-error'
import { otlpLooksValid } from './otlp-fast-check'
import {
  OTLP_KIND_NUMBER,
  defaultSampling,
  mapResource,
  mapSpanAttributes,
  metricsToTags,
  otlpKind,
  samplingFromTags,
  samplingToTags,
  splitTransportTags,
  withIsError,
} from './otel-mapping'
import { dataRecord, putData } from '../../lib/records'

/**
 * OTLP JSON (the OTLP/HTTP JSON encoding), as the OpenTelemetry SDKs' file exporters and the
 * collector's file exporter write it: resourceSpans[].resource.attributes, scopeSpans[].spans[].
 */
type AnyValue = {
  stringValue?: string
  intValue?: string | number
  doubleValue?: number | string
  boolValue?: boolean
  bytesValue?: string
  arrayValue?: { values?: AnyValue[] }
  kvlistValue?: { values?: { key: string; value?: AnyValue }[] }
}

export const OtlpAnyValueSchema: z.ZodType<AnyValue> = deferred(() => z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    doubleValue: z.union([z.number(), z.string()]).optional(),
    boolValue: z.boolean().optional(),
    bytesValue: z.string().optional(),
    arrayValue: z.object({ values: z.array(OtlpAnyValueSchema).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(z.object({ key: z.string(), value: OtlpAnyValueSchema.optional() })).optional() }).optional(),
  }),
))

export const OtlpKeyValueSchema = deferred(() => z.object({ key: z.string(), value: OtlpAnyValueSchema.optional() }))
type KeyValue = z.infer<typeof OtlpKeyValueSchema>

const Nanos = deferred(() => z.union([z.string().regex(/^\d+$/, 'expected a whole number of nanoseconds'), z.number().nonnegative()]))

export const OtlpSpanSchema = deferred(() => z.object({
  traceId: z.string().min(1),
  spanId: z.string().min(1),
  parentSpanId: z.string().optional(),
  name: z.string(),
  kind: z.union([z.number(), z.string()]).optional(),
  startTimeUnixNano: Nanos,
  endTimeUnixNano: Nanos,
  attributes: z.array(OtlpKeyValueSchema).optional(),
  events: z
    .array(z.object({ timeUnixNano: Nanos, name: z.string().optional(), attributes: z.array(OtlpKeyValueSchema).optional() }))
    .optional(),
  status: z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() }).optional(),
  links: z.array(z.object({ traceId: z.string(), spanId: z.string(), attributes: z.array(OtlpKeyValueSchema).optional() })).optional(),
}))
export type OtlpSpan = z.infer<typeof OtlpSpanSchema>

/** The attribute by which a span link says it stands for a Jaeger reference type (as Jaeger's OTLP translation writes it). */
export const REF_TYPE_ATTRIBUTE = 'opentracing.ref_type'

/**
 * A span's parent and how it relates to it: its parentSpanId (follows_from when a link to the
 * same span says `opentracing.ref_type` = follows_from), else a follows_from link within the trace.
 */
function otlpParent(s: OtlpSpan, traceId: string): { parentSpanId: string | null; parentRelation?: 'follows_from' } {
  const follows = (s.links ?? []).filter((l) => normalizeId(l.traceId) === traceId && (l.attributes ?? []).some((a) => a.key === REF_TYPE_ATTRIBUTE && a.value?.stringValue === 'follows_from'))
  const parent = s.parentSpanId ? normalizeId(s.parentSpanId) : null
  if (parent !== null) return follows.some((l) => normalizeId(l.spanId) === parent) ? { parentSpanId: parent, parentRelation: 'follows_from' } : { parentSpanId: parent }
  return follows.length > 0 ? { parentSpanId: normalizeId(follows[0].spanId), parentRelation: 'follows_from' } : { parentSpanId: null }
}

export const OtlpTracesSchema = deferred(() => z.object({
  resourceSpans: z.array(
    z.object({
      resource: z.object({ attributes: z.array(OtlpKeyValueSchema).optional() }).optional(),
      scopeSpans: z
        .array(
          z.object({
            scope: z.object({ name: z.string().optional(), version: z.string().optional() }).optional(),
            spans: z.array(OtlpSpanSchema).optional(),
          }),
        )
        .optional(),
    }),
  ),
}))
export type OtlpTraces = z.infer<typeof OtlpTracesSchema>

export function looksLikeOtlp(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'resourceSpans' in json
}

/** Validates OTLP JSON and converts it into traces (spans grouped by trace id). Throws FormatError. */
export function otlpToTraces(json: unknown): Trace[] {
  if (!looksLikeOtlp(json)) throw new FormatError('unknown-format', 'This is not OTLP JSON: it has no "resourceSpans".')
  // Fast path: a hand check equivalent to the schema; the schema runs only to explain a failure.
  const doc = otlpLooksValid(json) ? (json as OtlpTraces) : parseFormat(OtlpTracesSchema, json, 'OTLP JSON file')
  const byTrace = new Map<string, { spans: Span[]; sampling: SamplingInfo | null }>()
  for (const rs of doc.resourceSpans) {
    const resource = mapResource(kvToRecord(rs.resource?.attributes ?? []))
    resource.ServiceName ??= 'unknown service'
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        const traceId = normalizeId(s.traceId)
        const kind = otlpKind(s.kind)
        const status = otlpStatus(s.status?.code)
        const raw = kvToRecord(s.attributes ?? [])
        let entry = byTrace.get(traceId)
        if (!entry) byTrace.set(traceId, (entry = { spans: [], sampling: null }))
        entry.sampling ??= samplingFromTags(raw)
        const { tags, metrics } = splitTransportTags(raw)
        if (s.status?.message) tags.StatusMessage ??= s.status.message
        const start = nanosToMicros(s.startTimeUnixNano)
        const end = nanosToMicros(s.endTimeUnixNano)
        entry.spans.push({
          traceId,
          spanId: normalizeId(s.spanId),
          ...otlpParent(s, traceId),
          name: s.name,
          kind,
          service: resource.ServiceName,
          startTime: start,
          duration: Math.max(0, end - start),
          status,
          resource,
          tags: withIsError(mapSpanAttributes(tags, { kind, name: s.name }), status),
          events: (s.events ?? []).map((e) => ({
            time: nanosToMicros(e.timeUnixNano),
            name: e.name ?? 'event',
            attributes: kvToRecord(e.attributes ?? []),
          })),
          metrics,
        })
      }
    }
  }
  const traces: Trace[] = []
  for (const [traceId, { spans, sampling }] of byTrace) {
    traces.push({ traceId, spans, sampling: sampling ?? defaultSampling(), warnings: [] })
  }
  return traces
}

function otlpStatus(code: number | string | undefined): SpanStatus {
  if (code === 2 || code === 'STATUS_CODE_ERROR') return 'error'
  if (code === 1 || code === 'STATUS_CODE_OK') return 'ok'
  return 'unset'
}

/** Nanoseconds (string or number) → µs; whole µs kept exact via BigInt for string input. */
export function nanosToMicros(n: string | number): number {
  if (typeof n === 'number') return n / 1000
  if (n.length <= 15) return Number(n) / 1000
  const big = BigInt(n)
  return Number(big / 1000n) + Number(big % 1000n) / 1000
}

function microsToNanos(us: number): string {
  const whole = Math.floor(us)
  return (BigInt(whole) * 1000n + BigInt(Math.round((us - whole) * 1000))).toString()
}

const HEX = /^[0-9a-fA-F]+$/

/** OTLP/JSON ids are hex; protobuf-JSON writers use base64. Both become lowercase hex. */
export function normalizeId(id: string): string {
  if (HEX.test(id) && (id.length === 32 || id.length === 16)) return id.toLowerCase()
  if (/^[A-Za-z0-9+/]+=*$/.test(id) && (id.length === 24 || id.length === 12)) {
    try {
      const bin = atob(id)
      if (bin.length === 16 || bin.length === 8) {
        let hex = ''
        for (let i = 0; i < bin.length; i++) hex += bin.charCodeAt(i).toString(16).padStart(2, '0')
        return hex
      }
    } catch {
      // not base64 after all: keep the id as written
    }
  }
  return id
}

function anyToTag(v: AnyValue | undefined): TagValue | undefined {
  if (!v) return undefined
  if (v.stringValue !== undefined) return v.stringValue
  if (v.boolValue !== undefined) return v.boolValue
  if (v.intValue !== undefined) {
    const n = Number(v.intValue)
    return Number.isSafeInteger(n) ? n : String(v.intValue)
  }
  if (v.doubleValue !== undefined) return Number(v.doubleValue)
  if (v.bytesValue !== undefined) return v.bytesValue
  if (v.arrayValue) return JSON.stringify((v.arrayValue.values ?? []).map(anyToTag))
  if (v.kvlistValue) {
    const o: Record<string, TagValue | undefined> = dataRecord<TagValue | undefined>()
    for (const kv of v.kvlistValue.values ?? []) putData(o, kv.key, anyToTag(kv.value))
    return JSON.stringify(o)
  }
  return undefined
}

/** OTLP attributes → a record; arrays and maps become JSON text, empty values are dropped. */
export function kvToRecord(kvs: readonly KeyValue[]): Record<string, TagValue> {
  const out: Record<string, TagValue> = dataRecord<TagValue>()
  for (const kv of kvs) {
    const v = anyToTag(kv.value)
    if (v !== undefined) putData(out, kv.key, v)
  }
  return out
}

function tagToAny(v: TagValue): AnyValue {
  if (typeof v === 'string') return { stringValue: v }
  if (typeof v === 'boolean') return { boolValue: v }
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v }
}

function recordToKv(r: Record<string, TagValue>): KeyValue[] {
  return Object.entries(r).map(([key, value]) => ({ key, value: tagToAny(value) }))
}

/**
 * The domain Trace as OTLP JSON: one resourceSpans entry per distinct resource. Console names
 * are kept (service.name for the service); sampling and metrics travel in `tracelens.*` attributes.
 */
export function traceToOtlp(trace: Trace): OtlpTraces {
  const groups = new Map<string, { resource: Record<string, string>; spans: OtlpSpan[] }>()
  const ids = new Set(trace.spans.map((s) => s.spanId))
  let samplingWritten = false
  for (const s of trace.spans) {
    const { ServiceName, ...rest } = s.resource
    const resource = { 'service.name': s.service || ServiceName || '', ...rest }
    const key = JSON.stringify(resource)
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { resource, spans: [] }))
    const attrs: Record<string, TagValue> = { ...s.tags, ...metricsToTags(s.metrics) }
    const isRoot = s.parentSpanId === null || !ids.has(s.parentSpanId)
    if (isRoot && !samplingWritten) {
      Object.assign(attrs, samplingToTags(trace.sampling))
      samplingWritten = true
    }
    g.spans.push({
      traceId: s.traceId,
      spanId: s.spanId,
      ...(s.parentSpanId !== null ? { parentSpanId: s.parentSpanId } : {}),
      name: s.name,
      kind: OTLP_KIND_NUMBER[s.kind],
      startTimeUnixNano: microsToNanos(s.startTime),
      endTimeUnixNano: microsToNanos(s.startTime + s.duration),
      attributes: recordToKv(attrs),
      events: s.events.map((e) => ({ timeUnixNano: microsToNanos(e.time), name: e.name, attributes: recordToKv(e.attributes) })),
      status: { code: s.status === 'error' ? 2 : s.status === 'ok' ? 1 : 0 },
      ...(s.parentRelation === 'follows_from' && s.parentSpanId !== null
        ? { links: [{ traceId: s.traceId, spanId: s.parentSpanId, attributes: [{ key: REF_TYPE_ATTRIBUTE, value: { stringValue: 'follows_from' } }] }] }
        : {}),
    })
  }
  return {
    resourceSpans: [...groups.values()].map((g) => ({
      resource: { attributes: recordToKv(g.resource) },
      scopeSpans: [{ scope: { name: 'tracelens' }, spans: g.spans }],
    })),
  }
}
